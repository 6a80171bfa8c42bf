import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { WorkPackageForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { workPackageSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { deleteWorkPackage, getWorkPackage, updateWorkPackage } from "~/models/plan/plan.server";
import { listGates } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { z } from "zod";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Modifica work package · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    const workPackage = getWorkPackage(actor, Number(params.wpId));
    return { workPackage, gates: listGates(actor, workPackage.programmeId) };
  });
}

const deleteSchema = () => z.object({ intent: z.literal("delete"), version: z.coerce.number().int() });

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.wpId);
    const formData = await request.formData();
    if (formData.get("intent") === "delete") {
      return submitForm(request, { permission: "update:plan", schema: deleteSchema, formData }, async (value, { viewer }) => {
        deleteWorkPackage(viewer.actor, id, value.version);
        return redirect("/work-packages", { headers: await toastHeaders({ kind: "success", message: "toast.deleted" }) });
      });
    }
    return submitForm(request, { permission: "update:plan", schema: workPackageSchema, formData }, async (value, { viewer }) => {
      updateWorkPackage(viewer.actor, { ...value, id, version: value.version ?? 0 });
      return redirect(`/work-packages/${id}`, { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    });
  });
}

export default function EditWorkPackagePage() {
  const { workPackage, gates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/work-packages/${workPackage.id}`}>← {workPackage.code}</Link>
      <h1 className="h2 my-3">
        {t("wp.edit")} {workPackage.code}
      </h1>
      <div className="tg-card mb-4">
        <WorkPackageForm gates={gates} lastResult={actionData?.result} defaultValue={workPackage} submitLabel={t("action.save")} />
      </div>
      <Form
        method="post"
        onSubmit={(event) => {
          if (!confirm(t("wp.deleteConfirm", { code: workPackage.code }))) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="version" value={workPackage.version} />
        <button type="submit" className="btn btn-outline-danger">
          {t("wp.delete")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
