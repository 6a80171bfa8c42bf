import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProcedureForm } from "~/components/procurement/procedure-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { procedureSchema } from "~/domain/procurement/schemas";
import { useT } from "~/i18n/use-t";
import { getProcedure, listLinesForProcedure, updateProcedure } from "~/models/procurement/procedure.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.procedure.cig ?? "Procedura"} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:procurement");
    const detail = getProcedure(actor, Number(params.procedureId));
    return { ...detail, allLines: listLinesForProcedure(actor, getCurrentProgramme(actor).id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.procedureId);
    return submitForm(request, { permission: "update:procurement", schema: procedureSchema }, async (value, { viewer }) => {
      const { tendered, awarded, version, ...rest } = value;
      updateProcedure(viewer.actor, id, version ?? 0, { ...rest, tenderedCents: tendered, awardedCents: awarded });
      return redirect(`/procurement/${id}`, { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    });
  });
}

export default function EditProcedure() {
  const { procedure, lines, allLines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="tg-card mb-4" aria-labelledby="edit-procedure-title">
      <Link to={`/procurement/${procedure.id}`}>← CIG {procedure.cig}</Link>
      <h2 className="h4 mt-2" id="edit-procedure-title">
        {t("procurement.edit")}
      </h2>
      <ProcedureForm
        lines={allLines}
        lastResult={actionData?.result}
        submitLabel={t("procurement.save")}
        values={{ ...procedure, budgetLineIds: lines.map((line) => line.id) }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
