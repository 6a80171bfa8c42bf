import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenBanner } from "~/components/snapshot/frozen-banner";
import { PlanBarsChart } from "~/components/snapshot/plan-bars-chart";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { layoutBars, planRows } from "~/domain/plan/plan-bars";
import { sectionsOf } from "~/domain/snapshots/snapshot-content";
import { useT } from "~/i18n/use-t";
import { getSnapshot } from "~/models/snapshots/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Cronoprogramma · Traguardi` }];

const MAX_TASK_ROWS = 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const { summary, content, verified } = getSnapshot(actor, Number(params.snapshotId));
    // A very large plan is drawn at work-package and milestone level; every task is in the CSV export.
    const tasksShown = content.plan.tasks.length <= MAX_TASK_ROWS;
    const rows = planRows(tasksShown ? content : { ...content, plan: { ...content.plan, tasks: [] } });
    return { summary, verified, sections: sectionsOf(content), layout: layoutBars(rows), tasksShown, taskCount: content.plan.tasks.length };
  });
}

/** The schedule as frozen: every work package, task and milestone as a bar, read-only. */
export default function FrozenGanttPage() {
  const { summary, verified, sections, layout, tasksShown, taskCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">
        {summary.label} · {t("snapshot.view.gantt")}
      </h1>
      <FrozenBanner summary={summary} verified={verified} sections={sections} />
      <section className="tg-card">
        {tasksShown ? null : <p className="text-secondary">{t("snapshot.tasksOmitted", { count: taskCount })}</p>}
        <PlanBarsChart layout={layout} label={`${t("snapshot.view.gantt")} ${summary.label}`} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
