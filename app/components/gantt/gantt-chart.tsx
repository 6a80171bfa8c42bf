import { addDays, daysBetween, formatDate } from "~/domain/core/dates";
import { daysFromPixels } from "~/domain/gantt/schedule";
import { flushSync } from "react-dom";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Locale, Translate } from "~/i18n";
import { exactGantt, offDocument } from "./exact-gantt";
import { BAR_HEIGHT, BAR_PADDING, buildViewModes, HEADER_HEIGHT, LOWER_HEADER, ROW_HEIGHT, UPPER_HEADER, viewModes, type ViewMode } from "./frappe";
import { dateAt, scaleOfGantt, xOf, xOfMiddle } from "./scale";
import { ghostGeometry, type BaselineDates } from "./baseline";
import { escapeHtml, type DisplayRow } from "./rows";

export interface GanttMove {
  id: string;
  version: number;
  startDate: string;
  endDate: string;
  progress?: number;
}

export interface GanttChartHandle {
  scrollToToday(): void;
  /** The element holding names and chart, for image export. */
  frame(): HTMLElement | null;
}

interface Props {
  rows: DisplayRow[];
  gates: { id: number; code: string; name: string; nameEn: string; dueDate: string }[];
  today: string;
  criticalLinks: { from: string; to: string }[];
  /** Dates of the rows in a baseline snapshot, by row id; drawn as ghost bars under the bars. */
  baseline: Record<string, BaselineDates> | null;
  viewMode: ViewMode;
  locale: Locale;
  t: Translate;
  canEdit: boolean;
  /** Changing it rebuilds the chart from `rows` (e.g. to put a cancelled drag back). */
  buildKey: number;
  onToggle(workPackageId: number): void;
  onMove(move: GanttMove): void;
  /** A bar was moved by less than a day, or is not movable here: draw it back. */
  onRevert(): void;
}

// The library is untyped; we touch a handful of its members.
type FrappeGantt = any;

const stateClass = (state: string) => `tgb-${state}`;

/** From this many rows on, only the rows in view (plus a margin) are drawn, in the names and the chart. */
export const VIRTUAL_FROM = 400;
/** Rows drawn above and below the ones in view, once the scrolling pauses. */
const MARGIN_ROWS = 40;
/**
 * Rows beyond the view that a scroll frame must have drawn; when they are not, the frame draws just
 * them (what came into view), and the rest of the margin is filled while the browser is idle.
 */
const GUARD_ROWS = 4;
/**
 * frappe-gantt drops a bar longer than ten years (with a console error), leaving its row empty; the
 * dates' bounds (2000–2100) let a task run far longer. Such a bar is drawn for its first ten years
 * (3,650 days), read-only, and its popup says so; the item keeps its real dates everywhere else.
 */
const MAX_DRAWN_DAYS = 3650;
const drawnEnd = (start: string, end: string) => {
  const last = addDays(start, MAX_DRAWN_DAYS);
  return end > last ? last : end;
};
/** The margin is filled once this long has passed without a scroll event, in ms. */
const SETTLE_MS = 120;
/** Rows added to each side of the window per idle step, up to the margin. */
const FILL_ROWS = 20;

/** Where the frame's content starts inside the scroller's, in px (measured once a build: a layout read). */
function frameOffset(scroller: HTMLElement | null, frame: HTMLElement | null) {
  if (!scroller || !frame) return 0;
  return frame.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
}

/**
 * The rows to draw, [first, end), for the scroller's position. Only scrollTop and clientHeight are
 * read (no layout is forced after the last window's DOM writes).
 */
function windowFor(scroller: HTMLElement | null, offset: number, count: number, margin = MARGIN_ROWS): [number, number] {
  if (!scroller) return [0, Math.min(count, 2 * margin)];
  const top = scroller.scrollTop - offset - HEADER_HEIGHT;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - margin);
  const end = Math.min(count, Math.ceil((top + scroller.clientHeight) / ROW_HEIGHT) + margin);
  return [Math.min(first, Math.max(0, count - 1)), Math.max(end, Math.min(count, first + 1))];
}

/**
 * Idle callbacks where the browser has them (Safari does not), a short timeout elsewhere. No
 * deadline: while the user keeps scrolling the browser is never idle, and a margin step forced in by
 * a deadline landed in the middle of a scroll frame (bench:gantt's frames over 50 ms came about
 * once a second, the deadline's period). Each frame already draws what comes into view; the margin
 * only matters once the scrolling stops, and then the browser is idle.
 */
const requestIdle = (callback: () => void): number =>
  typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(callback) : window.setTimeout(callback, 50);
const cancelIdle = (handle: number) => (typeof window.cancelIdleCallback === "function" ? window.cancelIdleCallback(handle) : window.clearTimeout(handle));

/**
 * frappe-gantt only runs in the browser. Its download starts as soon as this module is evaluated
 * there (during hydration), not after the first render.
 */
const frappeGantt = typeof document === "undefined" ? null : import("frappe-gantt");

export const GanttChart = forwardRef<GanttChartHandle, Props>(function GanttChart(props, ref) {
  const { rows, gates, today, criticalLinks, baseline: baselineDates, viewMode, locale, t, canEdit, buildKey, onToggle } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const ganttRef = useRef<FrappeGantt>(null);
  const onMoveRef = useRef(props.onMove);
  onMoveRef.current = props.onMove;
  const onRevertRef = useRef(props.onRevert);
  onRevertRef.current = props.onRevert;
  /** The date at the middle of the view, kept across rebuilds (view switch, rows opened, a save). */
  const centreDate = useRef<string | null>(null);
  const virtual = rows.length >= VIRTUAL_FROM;
  /** Rows drawn [first, end): all of them, or the window around the view when virtual. */
  // Virtual: the first screenful until the chart is built (it then follows the scroll position).
  const [range, setRange] = useState<[number, number]>(() => (virtual ? [0, 2 * MARGIN_ROWS] : [0, rows.length]));
  const rangeRef = useRef(range);
  const shown: [number, number] = virtual ? [Math.min(range[0], rows.length), Math.min(range[1], rows.length)] : [0, rows.length];

  useImperativeHandle(ref, () => ({
    scrollToToday() {
      const gantt = ganttRef.current;
      if (!gantt) return;
      gantt.$container.scrollTo({ left: openingScroll(gantt, today, gantt.tgExtent), behavior: "smooth" });
    },
    frame: () => frameRef.current,
  }));

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let cancelled = false;
    const cleanups: (() => void)[] = [];
    host.removeAttribute("data-ready");
    host.removeAttribute("data-rows");
    (async () => {
      const { default: Gantt } = await (frappeGantt ?? import("frappe-gantt"));
      if (cancelled) return;
      const previous = ganttRef.current;
      if (previous) centreDate.current = dateAt(scaleOfGantt(previous), previous.$container.scrollLeft + previous.$container.clientWidth / 2);
      host.innerHTML = "";
      ganttRef.current = null;
      if (rows.length === 0) {
        host.setAttribute("data-ready", "empty");
        return;
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      const wpById = new Map(rows.flatMap((row) => (row.type === "summary" ? [[row.workPackage.id, row.workPackage] as const] : [])));
      const visible = new Set(rows.map((row) => row.id));
      const gateById = new Map(gates.map((gate) => [gate.id, gate]));
      /** Items longer than frappe-gantt draws, shown for their first MAX_DRAWN_DAYS and read-only. */
      const clipped = new Set<string>();
      const tasks = rows.map((display) => {
        if (display.type === "summary") {
          const wp = display.workPackage;
          const end = drawnEnd(wp.start, wp.end);
          if (end !== wp.end) clipped.add(display.id);
          return {
            id: display.id,
            name: escapeHtml(`${wp.code} ${wp.title}`),
            label: `${wp.code} ${wp.title}`,
            start: wp.start,
            end,
            progress: wp.progress,
            dependencies: "",
            links: [] as string[],
            classes: ["tg-summary", stateClass(wp.state), ...(end !== wp.end ? ["tg-clipped"] : [])],
          };
        }
        const row = display.row;
        const classes = [`tg-${row.kind}`, stateClass(row.state)];
        if (row.extraKind) classes.push(`tg-extra-${row.extraKind}`);
        if (row.critical) classes.push("tg-critical");
        const end = drawnEnd(row.start, row.end);
        if (end !== row.end) clipped.add(row.id);
        if (!row.editable || end !== row.end) classes.push("tg-locked");
        if (end !== row.end) classes.push("tg-clipped");
        return {
          id: row.id,
          name: escapeHtml(`${row.code} ${row.title}`),
          label: `${row.code} ${row.title}`,
          start: row.start,
          end,
          progress: row.progress,
          // Only links to rows on screen: the library cannot draw (or check drags against) hidden ones.
          dependencies: row.dependencies.filter((key) => visible.has(key)).join(","),
          links: row.dependencies.filter((key) => visible.has(key)),
          classes,
        };
      });
      const modes = buildViewModes(Gantt.VIEW_MODE, locale);
      /** The popup's baseline line: the snapshot's dates and how far the start has moved since. */
      const baselineEntry = (id: string, current: { start: string }, milestone = false): [string, string][] => {
        if (!baselineDates) return [];
        const base = baselineDates[id];
        if (!base) return [[t("gantt.baseline.popup"), t("gantt.baseline.new")]];
        const shift = daysBetween(base.start, current.start);
        const dates = milestone ? formatDate(base.start) : `${formatDate(base.start)} – ${formatDate(base.end)}`;
        const moved = shift === 0 ? t("gantt.baseline.same") : t("gantt.baseline.shift", { days: `${shift > 0 ? "+" : "−"}${Math.abs(shift)}` });
        return [[t("gantt.baseline.popup"), `${dates} (${moved})`]];
      };
      const clippedEntry = (id: string): [string, string][] => (clipped.has(id) ? [[t("gantt.popup.drawn"), t("gantt.popup.clipped")]] : []);
      const slackText = (slack: number | null) => (slack === null ? "—" : t("gantt.popup.days", { days: slack }));
      const pending = { id: null as string | null, progress: undefined as number | undefined };
      // The library takes a single class token per bar (custom_class); ExactGantt sets them all.
      const frappeTasks = tasks.map(({ classes, links: _links, ...task }, row) => ({ ...task, row, custom_class: classes[0], tg_classes: classes.join(" ") }));
      // Virtual rows: the tasks of rows [first, end) and of the rows their arrows lead to or come from.
      const indexById = new Map(tasks.map((task, index) => [task.id, index]));
      const successors = new Map<string, string[]>();
      for (const task of tasks) for (const from of task.links) (successors.get(from) ?? successors.set(from, []).get(from)!).push(task.id);
      const windowTasks = ([first, end]: [number, number]) => {
        if (!virtual) return frappeTasks;
        const picked = new Set<number>();
        for (let i = first; i < end; i++) {
          picked.add(i);
          for (const id of [...tasks[i].links, ...(successors.get(tasks[i].id) ?? [])]) picked.add(indexById.get(id)!);
        }
        // Links only within the window: frappe checks a dragged bar against its predecessors' bars.
        return [...picked]
          .sort((a, b) => a - b)
          .map((i) => ({ ...frappeTasks[i], dependencies: tasks[i].links.filter((id) => picked.has(indexById.get(id)!)).join(",") }));
      };
      const scroller = frameRef.current?.closest<HTMLElement>(".tg-gantt-scroll") ?? null;
      const offset = virtual ? frameOffset(scroller, frameRef.current) : 0;
      const initial = virtual ? windowFor(scroller, offset, rows.length) : ([0, rows.length] as [number, number]);
      rangeRef.current = initial;
      setRange(initial);
      const ExactGantt = exactGantt(Gantt);
      const gantt: FrappeGantt = new ExactGantt(host, windowTasks(initial), {
        // Today and the gates lie inside the chart's grid, whatever the bars' dates.
        extra_dates: [today, ...gates.map((gate) => gate.dueDate), ...(virtual ? extent(tasks) : [])],
        row_count: virtual ? rows.length : undefined,
        // The library starts in the first listed mode.
        view_modes: [modes[viewMode], ...viewModes.filter((mode) => mode !== viewMode).map((mode) => modes[mode])],
        language: locale,
        bar_height: BAR_HEIGHT,
        padding: BAR_PADDING,
        upper_header_height: UPPER_HEADER,
        lower_header_height: LOWER_HEADER,
        infinite_padding: false,
        today_button: false,
        view_mode_select: false,
        move_dependencies: false,
        readonly: !canEdit,
        popup_on: "click",
        scroll_to: "start",
        holidays: viewMode === "Day" ? undefined : {},
        popup: (context: any) => {
          const display = byId.get(context.task.id);
          if (!display) return false;
          const wp = display.type === "summary" ? display.workPackage : wpById.get(display.workPackageId)!;
          if (display.type === "summary") {
            context.set_title(escapeHtml(`${wp.code} ${wp.title}`));
            context.set_subtitle(escapeHtml(wp.owner));
            context.set_details(
              details([
                [t("gantt.popup.dates"), `${formatDate(wp.start)} – ${formatDate(wp.end)}`],
                [t("gantt.popup.progress"), `${wp.progress}%`],
                [t("gantt.popup.state"), t(`state.${wp.state}`)],
                [t("gantt.popup.gate"), gateLabel(gateById.get(wp.gateId), locale)],
                ...clippedEntry(display.id),
                ...baselineEntry(display.id, wp),
              ]),
            );
            return;
          }
          const row = display.row;
          context.set_title(escapeHtml(`${row.code} ${row.title}`));
          context.set_subtitle(`${escapeHtml(t("gantt.popup.workPackage"))}: ${escapeHtml(`${wp.code} ${wp.title}`)}`);
          context.set_details(
            details([
              row.kind === "milestone"
                ? [t("gantt.popup.due"), formatDate(row.start)]
                : [t("gantt.popup.dates"), `${formatDate(row.start)} – ${formatDate(row.end)}`],
              [t("gantt.popup.progress"), `${row.progress}%`],
              [t("gantt.popup.owner"), row.owner],
              [t("gantt.popup.state"), t(`state.${row.state}`)],
              [t("gantt.popup.gate"), gateLabel(gateById.get(row.gateId ?? wp.gateId), locale)],
              [t("gantt.popup.slack"), `${slackText(row.slack)}${row.critical ? ` · ${t("gantt.criticalPath")}` : ""}`],
              ...clippedEntry(row.id),
              ...baselineEntry(row.id, row, row.kind === "milestone"),
            ]),
          );
        },
        // Fired on every mouse move of a drag: remember the bar, act once on mouseup.
        on_date_change: (task: { id: string }) => {
          pending.id = task.id;
        },
        on_progress_change: (task: { id: string }, progress: number) => {
          pending.id = task.id;
          pending.progress = Math.max(0, Math.min(100, Math.round(progress)));
        },
      });
      ganttRef.current = gantt;
      if (virtual) gantt.showRows(initial);
      gantt.tgExtent = extent(tasks);
      decorateLines(gantt, { gates, today, t });
      // Positions as drawn (after dressBars reshapes milestones): a drag is measured from here.
      const baseline = new Map<string, { x: number; width: number }>();
      const critical = new Set(criticalLinks.map((link) => `${link.from}>${link.to}`));
      /**
       * What we add to the bars frappe drew: diamonds, critical arrows, ghosts. A new
       * window dresses only the bars it added (and drops what belonged to the rows that left).
       */
      const dressBars = (bars: any[], removed: string[] = []) => {
        for (const id of removed) baseline.delete(id);
        decorateBars(gantt, bars, critical);
        if (baselineDates) drawBaseline(gantt, baselineDates, byId, bars, removed);
        for (const bar of bars) baseline.set(bar.task.id, { x: bar.$bar.getX(), width: bar.$bar.getWidth() });
      };
      dressBars(gantt.bars);
      if (baselineDates) {
        // Should the library redraw its SVG (it clears it first), the ghosts are drawn again.
        const render = gantt.render.bind(gantt);
        gantt.render = () => {
          render();
          drawBaseline(gantt, baselineDates, byId);
        };
      }
      keepPopupInside(gantt);

      // Virtual rows. A scroll frame draws only what came into view (the rows of the view and a few
      // beyond, next to the window already drawn when they touch it); the margin either side is
      // filled in idle time, a few rows a step, and rows past it are dropped. Bars that stay are
      // kept as they are. Never in the middle of a drag.
      let pressed = false;
      let frame = 0;
      let idle = 0;
      /** A wait for the scrolling to pause (SETTLE_MS without a scroll event) before filling. */
      let settle = 0;
      let lastScroll = 0;
      const draw = (next: [number, number]) => {
        const [first, end] = rangeRef.current;
        if (next[0] === first && next[1] === end) return;
        rangeRef.current = next;
        const { added, removed } = gantt.setWindow(windowTasks(next));
        gantt.showRows(next);
        dressBars(added, removed);
        // The names column in the same frame as the bars (not in a later task, with a second layout).
        flushSync(() => setRange(next));
      };
      /** The drawn window covers the view (and its guard rows); drawn now if it does not. */
      const cover = () => {
        const [first, end] = rangeRef.current;
        const needed = windowFor(scroller, offset, rows.length, GUARD_ROWS);
        if (first <= needed[0] && end >= needed[1]) return;
        const target = windowFor(scroller, offset, rows.length);
        // What is drawn and still within the margin stays, when it touches what is needed.
        const keptFirst = Math.max(first, target[0]);
        const keptEnd = Math.min(end, target[1]);
        draw(keptFirst <= needed[1] && keptEnd >= needed[0] ? [Math.min(keptFirst, needed[0]), Math.max(keptEnd, needed[1])] : needed);
      };
      const busy = () => cancelled || pressed || pending.id !== null;
      const fill = () => {
        idle = 0;
        if (cancelled) return;
        if (busy()) return void (idle = requestIdle(fill));
        // The browser is idle between two fast scroll frames too: a margin filled then is thrown
        // away by the next frame (and its bars' layout redone).
        const since = performance.now() - lastScroll;
        if (since < SETTLE_MS) {
          settle = window.setTimeout(() => {
            settle = 0;
            if (!idle && !cancelled) idle = requestIdle(fill);
          }, SETTLE_MS - since);
          return;
        }
        cover();
        const [first, end] = rangeRef.current;
        const target = windowFor(scroller, offset, rows.length);
        const next: [number, number] = [
          first < target[0] ? target[0] : Math.max(target[0], first - FILL_ROWS),
          end > target[1] ? target[1] : Math.min(target[1], end + FILL_ROWS),
        ];
        draw(next);
        if (next[0] !== target[0] || next[1] !== target[1]) idle = requestIdle(fill);
      };
      const moveWindow = () => {
        frame = 0;
        if (cancelled || pressed) return;
        // A drag's bar is read on mouseup (finishDrag): redrawing the window first would put it back.
        if (pending.id) {
          frame = requestAnimationFrame(moveWindow);
          return;
        }
        cover();
        if (!idle && !settle) idle = requestIdle(fill);
      };
      if (virtual && scroller) {
        const onScroll = () => {
          lastScroll = performance.now();
          if (!frame) frame = requestAnimationFrame(moveWindow);
        };
        const onDown = () => (pressed = true);
        const onUp = () => {
          pressed = false;
          setTimeout(onScroll, 0);
        };
        scroller.addEventListener("scroll", onScroll, { passive: true });
        gantt.$svg.addEventListener("mousedown", onDown);
        document.addEventListener("mouseup", onUp);
        cleanups.push(() => {
          scroller.removeEventListener("scroll", onScroll);
          document.removeEventListener("mouseup", onUp);
          if (frame) cancelAnimationFrame(frame);
          if (idle) cancelIdle(idle);
          if (settle) clearTimeout(settle);
        });
      }

      const finishDrag = () => {
        const id = pending.id;
        const progress = pending.progress;
        pending.id = null;
        pending.progress = undefined;
        if (!id) return;
        const display = byId.get(id);
        const bar = gantt.get_bar(id);
        const base = baseline.get(id);
        if (!display || display.type !== "item" || !display.row.editable || clipped.has(id) || !bar || !base) {
          onRevertRef.current();
          return;
        }
        const row = display.row;
        // The moved edges, read back through the chart's scale (exact in every view).
        const scale = scaleOfGantt(gantt);
        const dx = bar.$bar.getX() - base.x;
        const startShift = daysBetween(row.start, dateAt(scale, xOf(scale, row.start) + dx, "round"));
        const endShift =
          row.kind === "milestone"
            ? startShift
            : daysBetween(addDays(row.end, 1), dateAt(scale, xOf(scale, addDays(row.end, 1)) + dx + bar.$bar.getWidth() - base.width, "round"));
        const progressChanged = row.kind === "task" && progress !== undefined && progress !== row.progress;
        if (startShift === 0 && endShift === 0 && !progressChanged) {
          onRevertRef.current();
          return;
        }
        onMoveRef.current({
          id: row.id,
          version: row.version,
          startDate: addDays(row.start, startShift),
          endDate: addDays(row.end, endShift),
          progress: progressChanged ? progress : undefined,
        });
      };
      // After the library's own mouseup handlers have settled the bar.
      const onMouseUp = () => setTimeout(finishDrag, 0);
      document.addEventListener("mouseup", onMouseUp);
      cleanups.push(() => document.removeEventListener("mouseup", onMouseUp));

      const container: HTMLElement = gantt.$container;
      // The chart scrolls on its own: keyboard users reach it with Tab and scroll it with the arrow keys.
      container.tabIndex = 0;
      container.setAttribute("role", "group");
      container.setAttribute("aria-label", t("gantt.title"));
      // The first build opens near today (a third from the left); later ones keep the date that
      // was in the middle, in whatever view (not the pixel offset, which means another date there).
      const scale = scaleOfGantt(gantt);
      if (centreDate.current) container.scrollLeft = Math.max(0, xOf(scale, centreDate.current) - container.clientWidth / 2);
      else container.scrollLeft = openingScroll(gantt, today, gantt.tgExtent);
      requestAnimationFrame(() => {
        if (cancelled) return;
        host.setAttribute("data-rows", String(rows.length));
        host.setAttribute("data-ready", "1");
        (window as unknown as { __tgGanttReady?: number }).__tgGanttReady = performance.now();
      });
    })();
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
    };
  }, [rows, gates, today, criticalLinks, baselineDates, viewMode, locale, t, canEdit, buildKey]);

  return (
    <div className="tg-gantt-frame" ref={frameRef}>
      <div className="tg-gantt-names" role="group" aria-label={t("gantt.name")}>
        <div className="tg-gantt-names-header" style={{ height: HEADER_HEIGHT }}>
          <span>{t("gantt.name")}</span>
          <span>{t("gantt.slack")}</span>
        </div>
        <ul
          className="list-unstyled mb-0"
          style={virtual ? { paddingTop: shown[0] * ROW_HEIGHT, paddingBottom: (rows.length - shown[1]) * ROW_HEIGHT } : undefined}
        >
          {(virtual ? rows.slice(shown[0], shown[1]) : rows).map((display, position) =>
            display.type === "summary" ? (
              <li key={display.id} className="tg-gantt-name tg-gantt-name-summary" style={{ height: ROW_HEIGHT }} data-row={display.id}>
                <button
                  type="button"
                  className="tg-gantt-toggle"
                  aria-expanded={display.expanded}
                  onClick={() => onToggle(display.workPackage.id)}
                  title={`${display.workPackage.code} ${display.workPackage.title}`}
                >
                  <span aria-hidden="true" className="tg-gantt-caret">
                    {display.expanded ? "▾" : "▸"}
                  </span>
                  <strong>{display.workPackage.code}</strong> {display.workPackage.title}
                </button>
                <span className={`tg-gantt-dot tgd-${display.workPackage.state}`} title={t(`state.${display.workPackage.state}`)} />
              </li>
            ) : (
              // Virtual rows: an item's line is keyed by its place in the window, so a scroll rewrites
              // the lines' text where they are instead of removing and inserting nodes (each
              // insertion made Remix's route-discovery observer search the list). Item lines hold
              // nothing focusable; the work packages' toggles keep their own keys.
              <li
                key={virtual ? `at-${position}` : display.id}
                className={`tg-gantt-name${display.row.critical ? " tg-gantt-name-critical" : ""}`}
                style={{ height: ROW_HEIGHT }}
                data-row={display.id}
              >
                <span className="tg-gantt-name-text" title={`${display.row.code} ${display.row.title}`}>
                  {display.row.kind === "milestone" ? <span aria-hidden="true">◆ </span> : null}
                  <span className="fw-semibold">{display.row.code}</span> {display.row.title}
                </span>
                <span className="tg-gantt-slack" data-testid={`slack-${display.row.id}`}>
                  {display.row.slack === null ? "—" : t("gantt.slackDays", { days: display.row.slack })}
                </span>
              </li>
            ),
          )}
        </ul>
      </div>
      <div className="tg-gantt-host" ref={hostRef} data-testid="gantt-host" data-view={viewMode} />
    </div>
  );
});

/**
 * Where the chart opens (and where "Oggi" goes): today a third from the left, so what is due next
 * shows. When today is past every bar (the programme has ended) today goes near the right edge,
 * so the plan's last months stay in view; before every bar, near the left edge.
 */
function openingScroll(gantt: FrappeGantt, today: string, [first, last]: [string, string]) {
  const scale = scaleOfGantt(gantt);
  const container: HTMLElement = gantt.$container;
  const x = xOfMiddle(scale, today);
  const firstStart = xOf(scale, first);
  const lastEnd = xOf(scale, addDays(last, 1));
  const width = container.clientWidth;
  const left = x > lastEnd ? x - width + 180 : x < firstStart ? x - 60 : x - width / 3;
  return Math.max(0, Math.min(left, container.scrollWidth - width));
}

function details(entries: [string, string][]) {
  return `<dl class="tg-popup">${entries.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>`;
}

function gateLabel(gate: { code: string; name: string; nameEn: string; dueDate: string } | undefined, locale: Locale) {
  return gate ? `${gate.code} ${locale === "it" ? gate.name : gate.nameEn} (${formatDate(gate.dueDate)})` : "—";
}

/** The first bar's start and the last bar's end. */
function extent(tasks: { start: string; end: string }[]): [string, string] {
  let first = tasks[0].start;
  let last = tasks[0].end;
  for (const task of tasks) {
    if (task.start < first) first = task.start;
    if (task.end > last) last = task.end;
  }
  return [first, last];
}

/** Gates and today as labelled vertical lines. */
function decorateLines(gantt: FrappeGantt, options: { gates: Props["gates"]; today: string; t: Translate }) {
  const scale = scaleOfGantt(gantt);
  const layer = document.createElement("div");
  layer.className = "tg-gantt-lines";
  // As wide as the grid and clipping: nothing drawn here may widen the scroll area past frappe's header.
  layer.style.width = `${gantt.dates.length * gantt.config.column_width}px`;
  layer.style.top = `${gantt.config.header_height}px`;
  layer.style.height = `${gantt.grid_height - gantt.config.header_height}px`;
  // Labels sit on separate levels so close dates (both gates in the Year view) stay readable.
  const line = (left: number, label: string, kind: string, testId: string, level: number) => {
    const element = document.createElement("div");
    element.className = `tg-vline tg-vline-${kind}`;
    element.style.left = `${left}px`;
    element.dataset.testid = testId;
    const text = document.createElement("span");
    text.className = "tg-vline-label";
    text.style.top = `${2 + level * 20}px`;
    text.textContent = label;
    element.appendChild(text);
    layer.appendChild(element);
  };
  // Gates and today through their day's middle, so each line stands inside its own day's column
  // (and month's label), not on the boundary with the next.
  options.gates.forEach((gate, index) =>
    line(xOfMiddle(scale, gate.dueDate), `${gate.code} · ${formatDate(gate.dueDate)}`, "gate", `gate-line-${gate.code}`, index % 2),
  );
  line(xOfMiddle(scale, options.today), options.t("gantt.todayLine", { date: formatDate(options.today) }), "today", "today-line", 2);
  gantt.$container.appendChild(layer);
}

/** Milestones (of these bars) as diamonds, the critical links in red. */
function decorateBars(gantt: FrappeGantt, bars: any[], critical: Set<string>) {
  // Milestones: the one-day bar becomes a small square centred on its day, turned 45° by CSS
  // (transform-box: fill-box), so the diamond follows the rect while it is dragged.
  const side = Math.round(BAR_HEIGHT * 0.7);
  for (const bar of bars) {
    if (!bar.group.classList.contains("tg-milestone")) continue;
    const rect: SVGRectElement = bar.$bar;
    const x = Number(rect.getAttribute("x"));
    const width = Number(rect.getAttribute("width"));
    const y = Number(rect.getAttribute("y"));
    rect.setAttribute("x", String(x + width / 2 - side / 2));
    rect.setAttribute("width", String(side));
    rect.setAttribute("y", String(y + (BAR_HEIGHT - side) / 2));
    rect.setAttribute("height", String(side));
    rect.setAttribute("rx", "2");
    rect.setAttribute("ry", "2");
    bar.tgReshaped = true;
    bar.update_label_position();
    for (const arrow of bar.arrows ?? []) arrow.update();
  }
  // Arrows are drawn again with every window: all of them are checked (a few dozen).
  for (const arrow of gantt.arrows ?? [])
    if (critical.has(`${arrow.from_task.task.id}>${arrow.to_task.task.id}`)) arrow.element.classList.add("tg-critical-arrow");
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** The ghosts drawn in a baseline layer, by row id. */
const ghostsOf = new WeakMap<Element, Map<string, SVGRectElement>>();

/**
 * Ghost bars of the baseline, in a layer of their own between the grid and the bars (so bars,
 * arrows and labels stay on top), placed from frappe's own bar geometry. Styling is set as
 * attributes so the PNG/PDF export keeps it. Given the bars a new window added and the ids it
 * removed, only those ghosts change; without them (or with no layer yet) all are drawn.
 */
function drawBaseline(gantt: FrappeGantt, baseline: Record<string, BaselineDates>, byId: Map<string, DisplayRow>, bars?: any[], removed: string[] = []) {
  const existing: SVGGElement | null = gantt.$svg.querySelector(":scope > g.tg-baseline");
  let layer = existing;
  let ghosts = existing ? ghostsOf.get(existing) : undefined;
  if (!bars || !layer || !ghosts) {
    existing?.remove();
    layer = document.createElementNS(SVG_NS, "g");
    layer.setAttribute("class", "tg-baseline");
    layer.setAttribute("pointer-events", "none");
    ghosts = new Map();
    ghostsOf.set(layer, ghosts);
    gantt.$svg.insertBefore(layer, gantt.layers.arrow);
    bars = gantt.bars as any[];
  }
  const scale = scaleOfGantt(gantt);
  const [drawn, target, drawnBars] = [ghosts, layer, bars];
  offDocument([target], () => {
    for (const id of removed) {
      drawn.get(id)?.remove();
      drawn.delete(id);
    }
    for (const bar of drawnBars) {
      const id: string = bar.task.id;
      const base = baseline[id];
      const display = byId.get(id);
      if (!base || !display) continue;
      const current = display.type === "summary" ? display.workPackage : display.row;
      const milestone = display.type === "item" && display.row.kind === "milestone";
      const ghost = ghostGeometry({ x: bar.x, y: bar.y, width: bar.width, start: current.start, end: current.end }, base, scale, milestone);
      const rect = document.createElementNS(SVG_NS, "rect");
      const attributes: Record<string, string> = {
        class: "tg-ghost",
        "data-id": id,
        "data-testid": `ghost-${id}`,
        "data-shift": String(ghost.shiftDays),
        x: ghost.x.toFixed(2),
        y: ghost.y.toFixed(2),
        width: Math.max(ghost.width, 2).toFixed(2),
        height: String(ghost.height),
        rx: milestone ? "2" : "3",
        fill: "#cfd6de",
        "fill-opacity": "0.9",
        stroke: "#5d7083",
        "stroke-width": "1.5",
        "stroke-dasharray": "5 3",
      };
      if (milestone) attributes.transform = `rotate(45 ${(ghost.x + ghost.width / 2).toFixed(2)} ${(ghost.y + ghost.height / 2).toFixed(2)})`;
      for (const [name, value] of Object.entries(attributes)) rect.setAttribute(name, value);
      drawn.get(id)?.remove();
      drawn.set(id, rect);
      target.appendChild(rect);
    }
  });
}

/** frappe places the popup right of the click; near the chart's right edge it would be cut off. */
function keepPopupInside(gantt: FrappeGantt) {
  const show = gantt.show_popup.bind(gantt);
  gantt.show_popup = (options: unknown) => {
    show(options);
    const popup: HTMLElement = gantt.$popup_wrapper;
    const container: HTMLElement = gantt.$container;
    const left = parseFloat(popup.style.left);
    const right = container.scrollLeft + container.clientWidth - 8;
    if (Number.isFinite(left) && left + popup.offsetWidth > right) popup.style.left = `${Math.max(container.scrollLeft + 8, right - popup.offsetWidth)}px`;
  };
}
