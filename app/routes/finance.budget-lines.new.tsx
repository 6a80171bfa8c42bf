import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BudgetLineForm } from "~/components/finance/budget-line-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { budgetLineSchema } from "~/domain/schemas/finance";
import { useT } from "~/i18n/use-t";
import { listWorkPackages } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createBudgetLine } from "~/models/finance/budget-lines.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova linea di budget · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:finance");
    const programme = getCurrentProgramme(actor);
    return { workPackages: listWorkPackages(actor, programme.id), cup: programme.cup };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:finance", schema: budgetLineSchema }, async (value, { viewer }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const { amount, id, version, ...rest } = value;
      const created = createBudgetLine(viewer.actor, programme.id, { ...rest, amountCents: amount });
      return redirect(`/finance/budget-lines/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewBudgetLine() {
  const { workPackages, cup } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="tg-card mb-4">
      <Link to="/finance/budget-lines">← {t("finance.budget.title")}</Link>
      <h2 className="h4 mt-2">{t("finance.budget.new")}</h2>
      <BudgetLineForm
        defaultValue={{ cup, category: "development", fundingSource: "pnrr" }}
        workPackages={workPackages}
        lastResult={actionData?.result}
        submitLabel={t("finance.budget.save")}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
