import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TaskForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { taskSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { createTask, getWorkPackage } from "~/models/plan/plan.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova attività · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    return { workPackage: getWorkPackage(actor, Number(params.wpId)) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:plan", schema: taskSchema }, async (value, { viewer }) => {
      const created = createTask(viewer.actor, value);
      return redirect(`/work-packages/${created.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewTaskPage() {
  const { workPackage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/work-packages/${workPackage.id}`}>← {workPackage.code}</Link>
      <h1 className="h2 my-3">
        {t("wp.newTask")} · {workPackage.code}
      </h1>
      <div className="tg-card">
        <TaskForm
          lastResult={actionData?.result}
          defaultValue={{ workPackageId: workPackage.id, startDate: workPackage.startDate, endDate: workPackage.endDate, owner: workPackage.owner, progress: 0, status: "planned" }}
          submitLabel={t("action.create")}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
