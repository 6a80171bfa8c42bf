import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TaskForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { taskSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { deleteTask, getTask, getWorkPackage, updateTask } from "~/models/plan/plan.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.task.code ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    const task = getTask(actor, Number(params.taskId));
    return { task, workPackage: getWorkPackage(actor, task.workPackageId) };
  });
}

const deleteSchema = () => z.object({ intent: z.literal("delete"), version: z.coerce.number().int() });

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.taskId);
    const formData = await request.formData();
    if (formData.get("intent") === "delete") {
      return submitForm(request, { permission: "update:plan", schema: deleteSchema, formData }, async (value, { viewer }) => {
        const task = getTask(viewer.actor, id);
        deleteTask(viewer.actor, id, value.version);
        return redirect(`/work-packages/${task.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.deleted" }) });
      });
    }
    return submitForm(request, { permission: "update:plan", schema: taskSchema, formData }, async (value, { viewer }) => {
      const updated = updateTask(viewer.actor, { ...value, id, version: value.version ?? 0 });
      return redirect(`/work-packages/${updated.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    });
  });
}

export default function EditTaskPage() {
  const { task, workPackage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/work-packages/${workPackage.id}`}>← {workPackage.code}</Link>
      <h1 className="h2 my-3">
        {t("task.edit")} {task.code}
      </h1>
      <div className="tg-card mb-4">
        <TaskForm lastResult={actionData?.result} defaultValue={task} submitLabel={t("action.save")} />
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="version" value={task.version} />
        <button type="submit" className="btn btn-outline-danger">
          {t("task.delete")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
