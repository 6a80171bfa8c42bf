import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IndicatorForm } from "~/components/forms/training-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { indicatorSchema } from "~/domain/training/schemas";
import { useT } from "~/i18n/use-t";
import { listCatalogueOptions } from "~/models/indicators/catalogue.server";
import { getIndicatorDetail, updateIndicator } from "~/models/indicators/indicator.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.indicator.code ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:training");
    const { indicator } = getIndicatorDetail(actor, Number(params.indicatorId), today());
    return { indicator, catalogueOptions: listCatalogueOptions(actor, getCurrentProgramme(actor).id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: indicatorSchema }, async (value, { viewer }) => {
      const { id: _ignored, version, euCode, catalogueItemId, ...input } = value;
      updateIndicator(viewer.actor, { ...input, euCode: euCode ?? null, catalogueItemId: catalogueItemId ?? null, id: Number(params.indicatorId), version: version ?? 0 });
      return redirect(`/indicators/${params.indicatorId}`, { headers: await toastHeaders({ kind: "success", message: "training.toast.indicatorSaved" }) });
    });
  });
}

export default function EditIndicatorPage() {
  const { indicator, catalogueOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const decimal = (n: number) => String(n).replace(".", ",");
  return (
    <>
      <Link to={`/indicators/${indicator.id}`}>← {indicator.code}</Link>
      <h1 className="h2 my-3">{t("training.indicator.edit")}</h1>
      <div className="tg-card">
        <IndicatorForm
          defaultValue={{ ...indicator, baseline: decimal(indicator.baseline), targetValue: decimal(indicator.targetValue) }}
          catalogueOptions={catalogueOptions}
          lastResult={actionData?.result}
          submitLabel={t("action.save")}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
