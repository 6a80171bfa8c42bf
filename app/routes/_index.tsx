import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ObligationsPanel } from "~/components/close/obligations-panel";
import { DashboardView } from "~/components/dashboard/dashboard-view";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useT } from "~/i18n/use-t";
import { getCurrentProgramme, getDashboard } from "~/models/plan/programme.server";
import { EvidenceSummary } from "~/components/procurement/evidence-register";
import { getEvidenceRegister } from "~/models/procurement/evidence.server";
import { getObligationsPanel } from "~/models/close/obligations.server";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Cruscotto · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return {
      ...getDashboard(actor, today()),
      evidence: getEvidenceRegister(actor, getCurrentProgramme(actor).id).totals,
      obligations: getObligationsPanel(actor, today()),
    };
  });
}

export default function DashboardPage() {
  const dashboard = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="visually-hidden">{t("dashboard.title")}</h1>
      <DashboardView dashboard={{ ...dashboard, referenceDate: dashboard.today }} aside={<ObligationsPanel panel={dashboard.obligations} />} />
      <EvidenceSummary totals={dashboard.evidence} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
