import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProcedureForm } from "~/components/procurement/procedure-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { procedureSchema } from "~/domain/procurement/schemas";
import { useT } from "~/i18n/use-t";
import { createProcedure, listLinesForProcedure } from "~/models/procurement/procedure.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova procedura · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:procurement");
    return { lines: listLinesForProcedure(actor, getCurrentProgramme(actor).id) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:procurement", schema: procedureSchema }, async (value, { viewer }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const { tendered, awarded, version: _version, ...rest } = value;
      const created = createProcedure(viewer.actor, programme.id, { ...rest, tenderedCents: tendered, awardedCents: awarded });
      return redirect(`/procurement/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewProcedure() {
  const { lines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="tg-card mb-4" aria-labelledby="new-procedure-title">
      <Link to="/procurement">← {t("procurement.title")}</Link>
      <h2 className="h4 mt-2" id="new-procedure-title">
        {t("procurement.new")}
      </h2>
      <ProcedureForm lines={lines} lastResult={actionData?.result} submitLabel={t("procurement.save")} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
