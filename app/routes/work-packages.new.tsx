import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { WorkPackageForm } from "~/components/forms/plan-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { workPackageSchema } from "~/domain/plan/schemas";
import { useT } from "~/i18n/use-t";
import { createWorkPackage } from "~/models/plan/plan.server";
import { getCurrentProgramme, listGates } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuovo work package · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:plan");
    const programme = getCurrentProgramme(actor);
    return { programme, gates: listGates(actor, programme.id) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:plan", schema: workPackageSchema }, async (value, { viewer }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const created = createWorkPackage(viewer.actor, programme.id, value);
      return redirect(`/work-packages/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewWorkPackagePage() {
  const { programme, gates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to="/work-packages">← {t("wp.listTitle")}</Link>
      <h1 className="h2 my-3">{t("wp.new")}</h1>
      <div className="tg-card">
        <WorkPackageForm
          gates={gates}
          lastResult={actionData?.result}
          defaultValue={{ startDate: programme.startDate, endDate: programme.endDate, gateId: gates[0]?.id }}
          submitLabel={t("action.create")}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
