import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MilestoneForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { milestoneSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { createMilestone, getWorkPackage } from "~/models/plan/plan.server";
import { listGates } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova milestone · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    const workPackage = getWorkPackage(actor, Number(params.wpId));
    return { workPackage, gates: listGates(actor, workPackage.programmeId) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:plan", schema: milestoneSchema }, async (value, { viewer }) => {
      const created = createMilestone(viewer.actor, value);
      return redirect(`/work-packages/${created.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewTaskPage() {
  const { workPackage, gates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/work-packages/${workPackage.id}`}>← {workPackage.code}</Link>
      <h1 className="h2 my-3">
        {t("wp.newMilestone")} · {workPackage.code}
      </h1>
      <div className="tg-card">
        <MilestoneForm
          lastResult={actionData?.result}
          gates={gates}
          defaultValue={{ workPackageId: workPackage.id, dueDate: workPackage.endDate, gateId: workPackage.gateId }}
          submitLabel={t("action.create")}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
