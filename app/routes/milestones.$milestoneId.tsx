import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MilestoneForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { milestoneSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { deleteMilestone, getMilestone, getWorkPackage, updateMilestone } from "~/models/plan/plan.server";
import { listGates } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.milestone.code ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    const milestone = getMilestone(actor, Number(params.milestoneId));
    const workPackage = getWorkPackage(actor, milestone.workPackageId);
    return { milestone, workPackage, gates: listGates(actor, workPackage.programmeId) };
  });
}

const deleteSchema = () => z.object({ intent: z.literal("delete"), version: z.coerce.number().int() });

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.milestoneId);
    const formData = await request.formData();
    if (formData.get("intent") === "delete") {
      return submitForm(request, { permission: "update:plan", schema: deleteSchema, formData }, async (value, { viewer }) => {
        const milestone = getMilestone(viewer.actor, id);
        deleteMilestone(viewer.actor, id, value.version);
        return redirect(`/work-packages/${milestone.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.deleted" }) });
      });
    }
    return submitForm(request, { permission: "update:plan", schema: milestoneSchema, formData }, async (value, { viewer }) => {
      const updated = updateMilestone(viewer.actor, { ...value, id, version: value.version ?? 0 });
      return redirect(`/work-packages/${updated.workPackageId}`, { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    });
  });
}

export default function EditMilestonePage() {
  const { milestone, workPackage, gates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/work-packages/${workPackage.id}`}>← {workPackage.code}</Link>
      <h1 className="h2 my-3">
        {t("milestone.edit")} {milestone.code}
      </h1>
      <div className="tg-card mb-4">
        <MilestoneForm lastResult={actionData?.result} gates={gates} defaultValue={milestone} submitLabel={t("action.save")} />
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="version" value={milestone.version} />
        <button type="submit" className="btn btn-outline-danger">
          {t("milestone.delete")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
