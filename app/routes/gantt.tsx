import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import ganttCss from "../../node_modules/frappe-gantt/dist/frappe-gantt.css";
import { exportChartPdf, exportChartPng } from "~/components/gantt/export";
import { GanttChart, type GanttChartHandle, type GanttMove } from "~/components/gantt/gantt-chart";
import { isViewMode, viewModes, type ViewMode } from "~/components/gantt/frappe";
import { displayRows, filtersRows, packRows, unpackRows, viewFromSearch, type GanttFilters } from "~/components/gantt/rows";
import type { SheetInput } from "~/components/gantt/sheet";
import ownCss from "~/components/gantt/gantt.css";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatDate } from "~/domain/core/dates";
import { rescheduleSchema, undoSchema } from "~/domain/gantt/schemas";
import { itemStates } from "~/domain/plan/status";
import type { Translate } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { NotFoundError } from "~/models/core/errors.server";
import { getGanttBaseline } from "~/models/gantt/baseline.server";
import { getGanttChart } from "~/models/gantt/chart.server";
import { previewReschedule, rescheduleItem, type ReschedulePreview } from "~/models/gantt/reschedule.server";
import { undoLastChange } from "~/models/gantt/undo.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { listSnapshots } from "~/models/snapshots/snapshot.server";
import { trainingGanttRows } from "~/models/training/gantt-rows.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";
import { compareItalian } from "~/domain/core/intl-cache";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ganttCss },
  { rel: "stylesheet", href: ownCss },
];

export const meta: MetaFunction = () => [{ title: "Gantt · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

/**
 * Only the rows on screen go to the browser: work packages are collapsed unless opened (or a
 * filter picks their items), so a 5,000-task plan loads as a few dozen rows.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const chart = getGanttChart(actor, programme.id, today(request), [trainingGanttRows]);
    const { searchParams } = new URL(request.url);
    const { expanded, filters } = viewFromSearch(searchParams);
    const rows = displayRows(chart.workPackages, expanded, filters);
    const visible = new Set(rows.map((row) => row.id));
    // ?baseline=<snapshot id>: the dates each row on screen had in that snapshot, drawn as ghosts.
    const baselineParam = searchParams.get("baseline");
    let baseline: ReturnType<typeof getGanttBaseline> | null = null;
    if (baselineParam) {
      try {
        baseline = getGanttBaseline(actor, programme.id, Number(baselineParam), [...visible]);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return {
      snapshots: listSnapshots(actor).map((s) => ({ id: s.id, label: s.label, asOf: s.asOf })),
      baseline,
      baselineMissing: Boolean(baselineParam) && !baseline,
      today: chart.today,
      gates: chart.gates,
      lastChange: chart.lastChange,
      // One JSON string (see packRows): with every package open at 30,000 tasks, Remix's own
      // serialisation of the row objects was most of the page's time.
      rowsJson: packRows(rows),
      criticalLinks: chart.criticalLinks
        .filter((link) => visible.has(link.from) && visible.has(link.to))
        .map((link) => `${link.from}>${link.to}`)
        .join(","),
      workPackages: chart.workPackages.map((wp) => ({ id: wp.id, code: wp.code, title: wp.title })),
      owners: [...new Set(chart.workPackages.flatMap((wp) => [wp.owner, ...wp.rows.map((row) => row.owner)]))].filter(Boolean).sort(compareItalian),
      total: chart.workPackages.reduce((sum, wp) => sum + 1 + wp.rows.length, 0),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const formData = await request.formData();
    if (formData.get("intent") === "undo")
      return submitForm(request, { permission: "update:plan", schema: undoSchema, formData }, (value, { viewer }) => {
        const programme = getCurrentProgramme(viewer.actor);
        undoLastChange(viewer.actor, programme.id, value.changeId);
        return { undone: true as const };
      });
    return submitForm(request, { permission: "update:plan", schema: rescheduleSchema, formData }, (value, { viewer }) => {
      const input = {
        key: value.key,
        version: value.version,
        startDate: value.startDate,
        endDate: value.endDate,
        progress: value.progress,
        pushDependents: true,
        confirmAchieved: value.confirmAchieved === "1",
      };
      if (!value.confirm) {
        const preview = previewReschedule(viewer.actor, input);
        // Nothing is written until the manager has seen what else moves.
        if (needsConfirmation(preview)) return { preview };
      }
      const result = rescheduleItem(viewer.actor, input);
      return { saved: result.preview };
    });
  });
}

function needsConfirmation(preview: ReschedulePreview) {
  return preview.shifts.length > 0 || preview.achieved.length > 0 || preview.workPackages.some((wp) => wp.exceedsGate);
}

/** "sposta anche 4 attività successive; WP2 supera la scadenza del 31/12/2025" */
function consequenceText(preview: ReschedulePreview, t: Translate) {
  const parts: string[] = [];
  if (preview.shifts.length > 0) parts.push(t("gantt.confirm.push", { count: preview.shifts.length }));
  for (const wp of preview.workPackages)
    parts.push(wp.exceedsGate ? t("gantt.confirm.gate", { wp: wp.code, date: formatDate(wp.gateDueDate) }) : t("gantt.confirm.widen", { wp: wp.code, date: formatDate(wp.endDate) }));
  return parts.join("; ");
}

/**
 * Every item the move pushes, by code and title with its dates before and after; items already
 * reported achieved or complete stand out, and moving them needs the tick (the server checks it).
 */
function ReschedulePreviewDetail({ preview, confirmed, onConfirm }: { preview: ReschedulePreview; confirmed: boolean; onConfirm: (value: boolean) => void }) {
  const t = useT();
  const achievedKeys = new Set(preview.achieved.map((item) => item.key));
  const label = (item: { code: string; euCode: string | null }) => (item.euCode ? `${item.euCode} · ${item.code}` : item.code);
  return (
    <>
      {preview.shifts.length > 0 ? (
        <>
          <p className="fw-semibold mb-1 mt-2">{t("gantt.confirm.shifted")}</p>
          <ul className="mb-2 tg-gantt-shifts" data-testid="gantt-shifts">
            {preview.shifts.map((shift) => (
              <li key={shift.key} data-testid={`gantt-shift-${shift.euCode ?? shift.code}`} className={achievedKeys.has(shift.key) ? "tg-gantt-shift-achieved" : undefined}>
                {shift.euCode ? <span className="badge bg-light text-dark border me-1">{t("gantt.confirm.pnrr")} {shift.euCode}</span> : null}
                <strong>{shift.code}</strong> {shift.title}:{" "}
                {shift.fromStart === shift.fromEnd
                  ? t("gantt.confirm.fromTo", { from: formatDate(shift.fromStart), to: formatDate(shift.start) })
                  : t("gantt.confirm.fromTo", { from: `${formatDate(shift.fromStart)} – ${formatDate(shift.fromEnd)}`, to: `${formatDate(shift.start)} – ${formatDate(shift.end)}` })}
                {achievedKeys.has(shift.key) ? <strong className="ms-1">⚠</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.achieved.length > 0 ? (
        <div className="border border-danger rounded p-2 mb-1 bg-white" data-testid="gantt-achieved">
          <p className="fw-bold text-danger mb-1">⚠ {t("gantt.confirm.achievedTitle")}</p>
          <ul className="mb-2">
            {preview.achieved.map((item) => (
              <li key={item.key}>
                <strong>{label(item)}</strong> {item.title} —{" "}
                {item.achievedDate ? t("gantt.confirm.achievedMilestone", { date: formatDate(item.achievedDate) }) : t("gantt.confirm.achievedTask")}
              </li>
            ))}
          </ul>
          <div className="form-check mb-0">
            <input className="form-check-input" type="checkbox" id="gantt-confirm-achieved" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} autoFocus />
            <label className="form-check-label" htmlFor="gantt-confirm-achieved">
              {t("gantt.confirm.achievedCheck", { count: preview.achieved.length, list: preview.achieved.map(label).join(", ") })}
            </label>
          </div>
        </div>
      ) : null}
    </>
  );
}

const VIEW_KEY = "traguardi.gantt.view";

type ActionData =
  | { preview: ReschedulePreview }
  | { saved: ReschedulePreview }
  | { undone: true }
  | { result: { error?: Record<string, string[] | null> | null }; conflict?: { message: string } };

export default function GanttPage() {
  const chart = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:plan");
  const fetcher = useFetcher<ActionData>();
  const chartRef = useRef<GanttChartHandle>(null);
  const [viewMode, setViewMode] = useState<ViewMode | null>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  const { expanded, filters } = viewFromSearch(searchParams);
  const setView = useCallback(
    (patch: Record<string, string | null>) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setSearchParams],
  );
  // Typing stays local; the URL (and the server's rows) follow after a pause.
  const [search, setSearch] = useState(filters.search);
  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => {
    if (search === filters.search) return;
    const timer = setTimeout(() => setView({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [search, filters.search, setView]);
  const [buildKey, setBuildKey] = useState(0);
  const [pendingMove, setPendingMove] = useState<GanttMove | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "danger" | "warning"; text: string; preview?: ReschedulePreview } | null>(null);
  const [achievedConfirmed, setAchievedConfirmed] = useState(false);

  useEffect(() => {
    const stored = window.localStorage.getItem(VIEW_KEY);
    setViewMode(isViewMode(stored) ? stored : "Month");
  }, []);
  const chooseView = (mode: ViewMode) => {
    window.localStorage.setItem(VIEW_KEY, mode);
    setViewMode(mode);
  };

  const { total, owners } = chart;
  const rows = useMemo(() => unpackRows(chart.rowsJson), [chart.rowsJson]);
  const criticalLinks = useMemo(
    () => (chart.criticalLinks ? chart.criticalLinks.split(",").map((link) => ({ from: link.split(">")[0], to: link.split(">")[1] })) : []),
    [chart.criticalLinks],
  );

  const submitMove = useCallback(
    (move: GanttMove, confirm: boolean, confirmAchieved = false) => {
      const form: Record<string, string> = { intent: "reschedule", key: move.id, version: String(move.version), startDate: move.startDate, endDate: move.endDate };
      if (move.progress !== undefined) form.progress = String(move.progress);
      if (confirm) form.confirm = "1";
      if (confirmAchieved) form.confirmAchieved = "1";
      fetcher.submit(form, { method: "post" });
    },
    [fetcher],
  );

  const busyRef = useRef(false);
  busyRef.current = fetcher.state !== "idle" || Boolean(notice?.preview);
  const onMove = useCallback(
    (move: GanttMove) => {
      // One change at a time: a drag while another is saving or awaiting confirmation is put back.
      if (busyRef.current) return setBuildKey((key) => key + 1);
      setPendingMove(move);
      setNotice({ kind: "warning", text: t("gantt.saving") });
      submitMove(move, false);
    },
    [submitMove, t],
  );
  const revert = useCallback(() => setBuildKey((key) => key + 1), []);

  // React to the action's answer once per reply.
  const handled = useRef<unknown>(null);
  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || handled.current === reply) return;
    handled.current = reply;
    if ("preview" in reply) {
      const preview = reply.preview;
      setAchievedConfirmed(false);
      setNotice({
        kind: "warning",
        preview,
        text: `${t("gantt.confirm.move", { code: preview.code, days: preview.days, start: formatDate(preview.startDate), end: formatDate(preview.endDate) })} ${t("gantt.confirm.consequences", { list: consequenceText(preview, t) })}`,
      });
      return;
    }
    setPendingMove(null);
    if ("saved" in reply) {
      const summary = [`${reply.saved.code}: ${formatDate(reply.saved.startDate)} – ${formatDate(reply.saved.endDate)}`, consequenceText(reply.saved, t)].filter(Boolean).join("; ");
      setNotice({ kind: "success", text: t("gantt.saved", { summary }) });
    } else if ("undone" in reply) setNotice({ kind: "success", text: t("gantt.undone") });
    else {
      const messages = reply.conflict ? [reply.conflict.message] : Object.values(reply.result?.error ?? {}).flatMap((list) => list ?? []);
      setNotice({ kind: "danger", text: t("gantt.error", { message: messages.join(" ") }) });
      revert();
    }
  }, [fetcher.state, fetcher.data, t, revert]);

  const accept = () => {
    if (!pendingMove) return;
    setNotice({ kind: "warning", text: t("gantt.saving") });
    submitMove(pendingMove, true, achievedConfirmed);
  };
  const cancel = () => {
    setPendingMove(null);
    setNotice(null);
    revert();
  };

  const toggle = useCallback(
    (id: number) => {
      const open = expanded === "all" ? new Set(chart.workPackages.map((wp) => wp.id)) : new Set(expanded);
      if (open.has(id)) open.delete(id);
      else open.add(id);
      setView({ open: [...open].join(",") || null });
    },
    [expanded, chart.workPackages, setView],
  );
  const filterKeys: Record<keyof GanttFilters, string> = { workPackageId: "wp", owner: "owner", state: "state", gateId: "gate", search: "q", criticalOnly: "critical" };
  const setFilter = (patch: Partial<GanttFilters>) =>
    setView(Object.fromEntries(Object.entries(patch).map(([key, value]) => [filterKeys[key as keyof GanttFilters], value === true ? "1" : value || null])));
  const anyFilter = Object.values(filters).some(Boolean);
  const busy = fetcher.state !== "idle";
  /** What the PDF and PNG draw: the rows on screen, with the chart's gates, today and baseline. */
  const sheetInput = (): SheetInput => ({
    rows,
    gates: chart.gates,
    today: chart.today,
    criticalLinks,
    baseline: chart.baseline?.items ?? null,
    title: t("gantt.title"),
    subtitle: [
      t("gantt.export.subtitle", { rows: rows.length, date: formatDate(new Date().toISOString().slice(0, 10)) }),
      anyFilter ? t("gantt.export.filtered") : "",
      chart.baseline ? t("gantt.baseline.legend", { label: chart.baseline.label, date: formatDate(chart.baseline.asOf) }) : "",
    ]
      .filter(Boolean)
      .join(" · "),
    locale,
    labels: {
      name: t("gantt.name"),
      slack: t("gantt.slack"),
      today: t("gantt.today"),
      page: (n, of) => t("gantt.export.page", { n, of }),
      slackDays: (days) => t("gantt.slackDays", { days }),
    },
  });
  const gateName = (gate: (typeof chart.gates)[number]) => `${gate.code} · ${locale === "it" ? gate.name : gate.nameEn} (${formatDate(gate.dueDate)})`;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mb-3">
        <div>
          <h1 className="h2 mb-1">{t("gantt.title")}</h1>
          <p className="mb-0 text-secondary">{t("gantt.intro")}</p>
        </div>
        <div className="d-flex flex-wrap gap-2" role="group" aria-label={t("gantt.export")}>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => exportChartPng(sheetInput())}>
            {t("gantt.export.png")}
          </button>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => exportChartPdf(sheetInput())}>
            {t("gantt.export.pdf")}
          </button>
          <a className="btn btn-outline-primary btn-sm" href="/gantt.csv" download>
            {t("gantt.export.csv")}
          </a>
          <a className="btn btn-outline-primary btn-sm" href="/gantt.ics" download>
            {t("gantt.export.ics")}
          </a>
        </div>
      </div>

      <section className="tg-card mb-3" aria-label={t("gantt.filters")}>
        <div className="tg-gantt-filters">
          <div>
            <label htmlFor="gantt-wp">{t("gantt.filter.workPackage")}</label>
            <select id="gantt-wp" value={filters.workPackageId} onChange={(e) => setFilter({ workPackageId: e.target.value })}>
              <option value="">{t("gantt.filter.all")}</option>
              {chart.workPackages.map((wp) => (
                <option key={wp.id} value={String(wp.id)}>
                  {wp.code} {wp.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="gantt-owner">{t("gantt.filter.owner")}</label>
            <select id="gantt-owner" value={filters.owner} onChange={(e) => setFilter({ owner: e.target.value })}>
              <option value="">{t("gantt.filter.all")}</option>
              {owners.map((owner) => (
                <option key={owner} value={owner}>
                  {owner}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="gantt-state">{t("gantt.filter.state")}</label>
            <select id="gantt-state" value={filters.state} onChange={(e) => setFilter({ state: e.target.value })}>
              <option value="">{t("gantt.filter.all")}</option>
              {itemStates.map((state) => (
                <option key={state} value={state}>
                  {t(`state.${state}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="gantt-gate">{t("gantt.filter.gate")}</label>
            <select id="gantt-gate" value={filters.gateId} onChange={(e) => setFilter({ gateId: e.target.value })}>
              <option value="">{t("gantt.filter.all")}</option>
              {chart.gates.map((gate) => (
                <option key={gate.id} value={String(gate.id)}>
                  {gateName(gate)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="gantt-search">{t("gantt.filter.search")}</label>
            <input id="gantt-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div>
            <button
              type="button"
              className="btn btn-link btn-sm px-0"
              onClick={() => setView({ wp: null, owner: null, state: null, gate: null, q: null, critical: null })}
              disabled={!anyFilter}
            >
              {t("gantt.filter.reset")}
            </button>
          </div>
        </div>
      </section>

      <div className="tg-gantt-toolbar mb-2">
        <div>
          <label htmlFor="gantt-view">{t("gantt.viewMode")}</label>
          <select id="gantt-view" value={viewMode ?? "Month"} onChange={(e) => isViewMode(e.target.value) && chooseView(e.target.value)}>
            {viewModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`gantt.view.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => chartRef.current?.scrollToToday()}>
          {t("gantt.today")}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setView({ open: "all" })} disabled={filtersRows(filters)}>
          {t("gantt.expandAll")}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setView({ open: null })} disabled={filtersRows(filters)}>
          {t("gantt.collapseAll")}
        </button>
        <div className="form-check mb-0">
          <input id="gantt-critical" type="checkbox" className="form-check-input" checked={filters.criticalOnly} onChange={(e) => setFilter({ criticalOnly: e.target.checked })} />
          <label htmlFor="gantt-critical" className="form-check-label" style={{ fontSize: "0.85rem" }}>
            {t("gantt.criticalOnly")}
          </label>
        </div>
        <div>
          <label htmlFor="gantt-baseline">{t("gantt.baseline.select")}</label>
          <select id="gantt-baseline" value={chart.baseline ? String(chart.baseline.id) : ""} onChange={(e) => setView({ baseline: e.target.value || null })}>
            <option value="">{t("gantt.baseline.none")}</option>
            {chart.snapshots.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.label} ({formatDate(s.asOf)})
              </option>
            ))}
          </select>
        </div>
        {canEdit && chart.lastChange ? (
          <fetcher.Form method="post" className="ms-auto">
            <input type="hidden" name="intent" value="undo" />
            <input type="hidden" name="changeId" value={chart.lastChange.id} />
            <button type="submit" className="btn btn-outline-danger btn-sm" disabled={busy} title={t("gantt.undoLabel", { summary: chart.lastChange.summary })}>
              {t("gantt.undo")}
            </button>
          </fetcher.Form>
        ) : null}
      </div>

      <div className="d-flex flex-wrap justify-content-between gap-2 mb-2">
        <p className="small text-secondary mb-0" data-testid="gantt-mode">
          {canEdit ? t("gantt.editable") : t("gantt.readonly")} · {t("gantt.rows", { shown: rows.length, total })}
        </p>
        <div className="tg-gantt-legend" role="group" aria-label={t("gantt.legend")}>
          {itemStates.map((state) => (
            <span key={state}>
              <i className={`tgd-${state}`} />
              {t(`state.${state}`)}
            </span>
          ))}
          <span>
            <i style={{ background: "transparent", border: "2.5px solid #b3142c" }} />
            {t("gantt.criticalPath")}
          </span>
          {chart.baseline ? (
            <span data-testid="gantt-baseline-legend">
              <i className="tg-ghost-swatch" />
              {t("gantt.baseline.legend", { label: chart.baseline.label, date: formatDate(chart.baseline.asOf) })}
            </span>
          ) : null}
        </div>
      </div>
      {chart.baselineMissing ? <div className="alert alert-warning py-2">{t("gantt.baseline.missing")}</div> : null}
      {chart.baseline && !chart.baseline.verified ? <div className="alert alert-danger py-2">{t("gantt.baseline.unverified")}</div> : null}

      {notice ? (
        <div className={`alert alert-${notice.kind} py-2 ${notice.preview ? "tg-gantt-confirm" : ""}`} role={notice.preview ? "alertdialog" : "status"} aria-live="polite" data-testid="gantt-notice">
          {notice.preview ? <strong className="d-block">{t("gantt.confirm.title")}</strong> : null}
          <span>{notice.text}</span>
          {notice.preview ? <ReschedulePreviewDetail preview={notice.preview} confirmed={achievedConfirmed} onConfirm={setAchievedConfirmed} /> : null}
          {notice.preview ? (
            <div className="d-flex gap-2 mt-2">
              {/* The decision is the only thing to do now: take the keyboard there. */}
              <button
                type="button"
                className="btn btn-primary btn-sm"
                onClick={accept}
                disabled={busy || (notice.preview.achieved.length > 0 && !achievedConfirmed)}
                autoFocus={notice.preview.achieved.length === 0}
              >
                {t("gantt.confirm.accept")}
              </button>
              <button type="button" className="btn btn-outline-secondary btn-sm" onClick={cancel} disabled={busy}>
                {t("gantt.confirm.cancel")}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="tg-gantt-scroll">
        {rows.length === 0 ? (
          <p className="p-3 mb-0">{t("gantt.noRows")}</p>
        ) : viewMode ? (
          <GanttChart
            ref={chartRef}
            rows={rows}
            gates={chart.gates}
            today={chart.today}
            criticalLinks={criticalLinks}
            baseline={chart.baseline?.items ?? null}
            viewMode={viewMode}
            locale={locale}
            t={t}
            canEdit={canEdit}
            buildKey={buildKey}
            onToggle={toggle}
            onMove={onMove}
            onRevert={revert}
          />
        ) : (
          <p className="p-3 mb-0">{t("gantt.loading")}</p>
        )}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
