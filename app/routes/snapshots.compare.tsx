import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DiffView } from "~/components/snapshot/diff-view";
import { PlanBarsChart } from "~/components/snapshot/plan-bars-chart";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatDate } from "~/domain/core/dates";
import { barColours, layoutBars, planRows } from "~/domain/plan/plan-bars";
import { useT } from "~/i18n/use-t";
import { compareSnapshots, listSnapshots } from "~/models/snapshots/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import snapshotCss from "~/styles/snapshot.css";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction = () => [{ title: "Confronto tra istantanee · Traguardi" }];

/** Above this many rows the baseline chart keeps work packages and only the items that moved. */
const FULL_CHART_ROWS = 150;
/** Never draw more rows than a page can hold legibly. */
const MAX_CHART_ROWS = 400;

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const url = new URL(request.url);
    const snapshots = listSnapshots(actor);
    const a = Number(url.searchParams.get("a"));
    const bParam = url.searchParams.get("b") ?? "now";
    const b = bParam === "now" ? ("now" as const) : Number(bParam);
    if (!a || (b !== "now" && !b)) return { snapshots, selection: { a: a || null, b: bParam }, comparison: null, same: false };
    if (a === b) return { snapshots, selection: { a, b: bParam }, comparison: null, same: true };
    const { before, after, diff } = compareSnapshots(actor, a, b, today());
    const allRows = planRows(after.content, before.content);
    const onlyMoved = url.searchParams.get("only") === "moved" || allRows.length > FULL_CHART_ROWS;
    const chartRows = onlyMoved ? planRows(after.content, before.content, { onlyMoved: true }) : allRows;
    const rows = chartRows.slice(0, MAX_CHART_ROWS);
    const describe = (side: typeof before) =>
      side.side.kind === "snapshot"
        ? { id: side.side.summary.id, label: side.side.summary.label, asOf: side.side.summary.asOf, hash: side.side.summary.hash }
        : { id: null, label: null, asOf: side.side.asOf, hash: null };
    return {
      snapshots,
      selection: { a, b: bParam },
      same: false,
      comparison: { before: describe(before), after: describe(after), diff, layout: layoutBars(rows), onlyMoved, canShowAll: allRows.length <= FULL_CHART_ROWS, capped: chartRows.length > rows.length ? { shown: rows.length, count: chartRows.length } : null },
    };
  });
}

export default function ComparePage() {
  const { snapshots, selection, comparison, same } = useLoaderData<typeof loader>();
  const t = useT();
  const sideLabel = (side: { label: string | null; asOf: string }) => (side.label ? `${side.label} (${formatDate(side.asOf)})` : `${t("snapshot.now")} (${formatDate(side.asOf)})`);
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">{t("snapshot.compareTitle")}</h1>
      <Form method="get" className="tg-card mb-4 d-flex flex-wrap align-items-end gap-3">
        <div>
          <label htmlFor="a" className="fw-semibold small d-block">
            {t("snapshot.compareFrom")}
          </label>
          <select id="a" name="a" className="form-select" defaultValue={selection.a ?? undefined}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label} ({formatDate(s.asOf)})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="b" className="fw-semibold small d-block">
            {t("snapshot.compareTo")}
          </label>
          <select id="b" name="b" className="form-select" defaultValue={selection.b}>
            <option value="now">{t("snapshot.now")}</option>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label} ({formatDate(s.asOf)})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          {t("snapshot.compareSubmit")}
        </button>
      </Form>
      {same ? <div className="alert alert-warning">{t("snapshot.compareSame")}</div> : null}
      {comparison ? (
        <>
          <dl className="row tg-kv tg-card mx-0 mb-4" data-testid="compare-sides">
            <div className="col-12 col-md-6">
              <dt>{t("snapshot.compareFrom")}</dt>
              <dd data-testid="compare-before">
                {comparison.before.id ? <Link to={`/snapshots/${comparison.before.id}`}>{sideLabel(comparison.before)}</Link> : sideLabel(comparison.before)}
                {comparison.before.hash ? <code className="tg-hash d-block">{comparison.before.hash}</code> : null}
              </dd>
            </div>
            <div className="col-12 col-md-6">
              <dt>{t("snapshot.compareTo")}</dt>
              <dd data-testid="compare-after">
                {comparison.after.id ? <Link to={`/snapshots/${comparison.after.id}`}>{sideLabel(comparison.after)}</Link> : sideLabel(comparison.after)}
                {comparison.after.hash ? <code className="tg-hash d-block">{comparison.after.hash}</code> : null}
              </dd>
            </div>
          </dl>
          {comparison.before.id ? (
            <p className="mb-3">
              <Link className="btn btn-outline-primary btn-sm" to={`/gantt?baseline=${comparison.before.id}`} data-testid="open-gantt-baseline">
                {t("snapshot.openGantt")}
              </Link>
            </p>
          ) : null}
          <DiffView diff={comparison.diff} />
          <section className="tg-card mb-4" aria-labelledby="baseline-chart">
            <h2 className="h5" id="baseline-chart">
              {t("snapshot.baseline")}
            </h2>
            <ul className="list-inline small mb-2" data-testid="baseline-legend">
              <li className="list-inline-item me-3">
                <span className="tg-legend-swatch" style={{ background: barColours.baseline }} />
                {t("snapshot.legend.baseline", { date: formatDate(comparison.before.asOf) })}
              </li>
              <li className="list-inline-item me-3">
                <span className="tg-legend-swatch" style={{ background: barColours.task }} />
                {t("snapshot.legend.current", { date: formatDate(comparison.after.asOf) })}
              </li>
              <li className="list-inline-item">
                <span className="tg-legend-swatch" style={{ background: barColours.moved }} />
                {t("snapshot.legend.moved")}
              </li>
            </ul>
            <p className="small">
              {comparison.onlyMoved ? (
                comparison.canShowAll ? (
                  <Link to={`?a=${selection.a}&b=${selection.b}#baseline-chart`} preventScrollReset>
                    {t("snapshot.showAll")}
                  </Link>
                ) : null
              ) : (
                <Link to={`?a=${selection.a}&b=${selection.b}&only=moved#baseline-chart`} preventScrollReset>
                  {t("snapshot.onlyMoved")}
                </Link>
              )}
            </p>
            {comparison.capped ? <p className="small text-secondary">{t("snapshot.rowsCapped", comparison.capped)}</p> : null}
            <PlanBarsChart layout={comparison.layout} label={t("snapshot.baseline")} />
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
