import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IndicatorForm } from "~/components/forms/training-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { indicatorSchema } from "~/domain/training/schemas";
import { useT } from "~/i18n/use-t";
import { listCatalogueOptions } from "~/models/indicators/catalogue.server";
import { createIndicator } from "~/models/indicators/indicator.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuovo indicatore · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:training");
    return { catalogueOptions: listCatalogueOptions(actor, getCurrentProgramme(actor).id) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: indicatorSchema }, async (value, { viewer }) => {
      const { id, version, euCode, catalogueItemId, ...input } = value;
      const created = createIndicator(viewer.actor, getCurrentProgramme(viewer.actor).id, { ...input, euCode: euCode ?? null, catalogueItemId: catalogueItemId ?? null });
      return redirect(`/indicators/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "training.toast.indicatorSaved" }) });
    });
  });
}

export default function NewIndicatorPage() {
  const { catalogueOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to="/indicators">← {t("training.indicator.back")}</Link>
      <h1 className="h2 my-3">{t("training.indicator.new")}</h1>
      <div className="tg-card">
        <IndicatorForm defaultValue={{ unit: "percent" }} catalogueOptions={catalogueOptions} lastResult={actionData?.result} submitLabel={t("action.save")} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
