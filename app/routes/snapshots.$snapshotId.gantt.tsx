import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenBanner } from "~/components/snapshot/frozen-banner";
import { PlanBarsChart } from "~/components/snapshot/plan-bars-chart";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { layoutBars, planRows } from "~/domain/plan-bars";
import { useT } from "~/i18n/use-t";
import { getSnapshot } from "~/models/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Cronoprogramma · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  const snapshot = getSnapshot(actor, Number(params.snapshotId));
  return { ...snapshot, layout: layoutBars(planRows(snapshot.content)) };
}

/** The schedule as frozen: every work package, task and milestone as a bar, read-only. */
export default function FrozenGanttPage() {
  const { summary, content, verified, layout } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">
        {summary.label} · {t("snapshot.view.gantt")}
      </h1>
      <FrozenBanner summary={summary} verified={verified} content={content} />
      <section className="tg-card">
        <PlanBarsChart layout={layout} label={`${t("snapshot.view.gantt")} ${summary.label}`} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
