/**
 * The Gantt laid out for paper (PDF) or a picture (PNG), from the chart's data, not from its
 * DOM: a list of pages, each a list of drawing primitives (rect, line, text, polygon) in points.
 * The PDF draws them as vectors with selectable text; the PNG paints the single sheet on a canvas.
 *
 * Paged: months across (a fixed width per month, so text stays readable at 100 %), rows down;
 * every page repeats the title, the names column and the month header; pages run across the
 * time slices of one block of rows, then on to the next rows. Pure, no DOM: text widths come from
 * the `measure` function of the target (jsPDF or canvas), so truncation matches what is drawn.
 */
import { addDays, formatDate, type IsoDate } from "~/domain/core/dates";
import type { BaselineDates } from "./baseline";
import type { DisplayRow } from "./rows";
import { xOf, type TimeScale } from "./scale";

export type Prim =
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number; dash?: number[] }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string; lineWidth: number; dash?: number[] }
  | { kind: "text"; x: number; y: number; text: string; size: number; color: string; bold?: boolean; align?: "left" | "center" | "right" }
  | { kind: "poly"; points: [number, number][]; fill: string; stroke?: string };

export interface Sheet {
  width: number;
  height: number;
  prims: Prim[];
}

export interface SheetInput {
  rows: DisplayRow[];
  gates: { code: string; dueDate: IsoDate }[];
  today: IsoDate;
  criticalLinks: { from: string; to: string }[];
  baseline: Record<string, BaselineDates> | null;
  title: string;
  /** Under the title: what the export shows (view, filters, export date). */
  subtitle: string;
  locale: "it" | "en";
  labels: { name: string; slack: string; today: string; page: (n: number, of: number) => string; slackDays: (days: number) => string };
}

export interface SheetFormat {
  /** Page size in points (A3 landscape: 1190.55 × 841.89); with `paged: false`, the width only. */
  width: number;
  height: number;
  paged: boolean;
  measure: (text: string, size: number, bold: boolean) => number;
}

export const A3_LANDSCAPE = { width: 1190.55, height: 841.89 };

const MARGIN = 28;
const NAMES = 250;
const MONTH = 44;
const ROW = 16;
const BAR = 10;
const TITLE = 44;
const HEADER = 30;
const FOOTER = 18;
const FONT = 7.5;

export const STATE_COLOURS: Record<string, { bar: string; progress: string }> = {
  done: { bar: "#9fd3bd", progress: "#008055" },
  on_track: { bar: "#b3d1f0", progress: "#0066cc" },
  at_risk: { bar: "#ffd699", progress: "#cc7a00" },
  late: { bar: "#f4b7c0", progress: "#d9364f" },
};
const SUMMARY = { bar: "#3d5166", progress: "#17324d" };
const INK = "#17324d";
const MUTED = "#4a5b6c";
const GRID = "#dfe4ea";
const GATE = "#b3142c";
const TODAY = "#0066cc";

interface Item {
  id: string;
  code: string;
  title: string;
  start: IsoDate;
  end: IsoDate;
  progress: number;
  state: string;
  summary: boolean;
  milestone: boolean;
  critical: boolean;
  slack: number | null;
  dependencies: string[];
}

function items(rows: DisplayRow[]): Item[] {
  return rows.map((display) => {
    if (display.type === "summary") {
      const wp = display.workPackage;
      return { id: display.id, code: wp.code, title: wp.title, start: wp.start, end: wp.end, progress: wp.progress, state: wp.state, summary: true, milestone: false, critical: false, slack: null, dependencies: [] };
    }
    const row = display.row;
    return { id: row.id, code: row.code, title: row.title, start: row.start, end: row.end, progress: row.progress, state: row.state, summary: false, milestone: row.kind === "milestone", critical: row.critical, slack: row.slack, dependencies: row.dependencies };
  });
}

const monthIndex = (iso: IsoDate) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthIso = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;

/** Cuts `text` to fit `width`, with an ellipsis. */
function fit(text: string, width: number, size: number, bold: boolean, measure: SheetFormat["measure"]) {
  if (measure(text, size, bold) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, mid)}…`, size, bold) <= width) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

export function layoutSheets(input: SheetInput, format: SheetFormat): Sheet[] {
  const list = items(input.rows);
  const dates = [input.today, ...input.gates.map((gate) => gate.dueDate), ...list.flatMap((item) => [item.start, item.end])];
  const first = monthIndex(dates.reduce((a, b) => (a < b ? a : b))) - 1;
  const last = monthIndex(dates.reduce((a, b) => (a > b ? a : b))) + 1;
  const months = last - first + 1;
  const timeWidth = format.width - 2 * MARGIN - NAMES;
  const perPage = format.paged ? Math.max(1, Math.floor(timeWidth / MONTH)) : months;
  const monthWidth = MONTH;
  const bodyTop = MARGIN + TITLE + HEADER;
  const rowsPerPage = format.paged ? Math.max(1, Math.floor((format.height - bodyTop - MARGIN - FOOTER) / ROW)) : Math.max(1, list.length);
  const timeSlices: number[] = [];
  for (let start = first; start <= last; start += perPage) timeSlices.push(start);
  const rowSlices: number[] = [];
  for (let start = 0; start < Math.max(1, list.length); start += rowsPerPage) rowSlices.push(start);
  const total = timeSlices.length * rowSlices.length;
  const index = new Map(list.map((item, i) => [item.id, i]));
  const critical = new Set(input.criticalLinks.map((link) => `${link.from}>${link.to}`));
  const sheets: Sheet[] = [];

  for (const rowStart of rowSlices)
    for (const sliceStart of timeSlices) {
      const sliceMonths = Math.min(perPage, last - sliceStart + 1);
      const left = MARGIN + NAMES;
      const scale: TimeScale = { start: monthIso(sliceStart), unit: "month", step: 1, columnWidth: monthWidth };
      const sliceEnd = addDays(monthIso(sliceStart + sliceMonths), -1);
      const right = left + sliceMonths * monthWidth;
      const sheetWidth = format.paged ? format.width : right + MARGIN;
      const x = (iso: IsoDate) => left + xOf(scale, iso);
      const clampX = (value: number) => Math.max(left, Math.min(right, value));
      const rows = list.slice(rowStart, rowStart + rowsPerPage);
      const height = format.paged ? format.height : bodyTop + rows.length * ROW + MARGIN + FOOTER;
      const bottom = bodyTop + rows.length * ROW;
      const prims: Prim[] = [];
      const text = (x: number, y: number, value: string, size = FONT, color = INK, bold = false, align: "left" | "center" | "right" = "left") =>
        prims.push({ kind: "text", x, y, text: value, size, color, bold, align });

      // Title and what the sheet shows.
      text(MARGIN, MARGIN + 14, input.title, 15, INK, true);
      text(MARGIN, MARGIN + 30, input.subtitle, 8.5, MUTED);
      const period = `${formatDate(monthIso(sliceStart))} – ${formatDate(sliceEnd)}`;
      text(sheetWidth - MARGIN, MARGIN + 30, period, 8.5, MUTED, false, "right");

      // Header: years, then months; the names column header.
      const headerTop = MARGIN + TITLE;
      prims.push({ kind: "rect", x: MARGIN, y: headerTop, w: right - MARGIN, h: HEADER, fill: "#f2f5f8" });
      text(MARGIN + 4, headerTop + HEADER - 9, input.labels.name, FONT + 0.5, MUTED, true);
      text(left - 4, headerTop + HEADER - 9, input.labels.slack, FONT + 0.5, MUTED, true, "right");
      for (let m = 0; m < sliceMonths; m++) {
        const iso = monthIso(sliceStart + m);
        const mx = left + m * monthWidth;
        const date = new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, 1);
        const name = date.toLocaleDateString(input.locale === "it" ? "it-IT" : "en-GB", { month: monthWidth >= 42 ? "long" : "short" });
        const label = name.charAt(0).toLocaleUpperCase(input.locale) + name.slice(1);
        text(mx + monthWidth / 2, headerTop + HEADER - 9, fit(label, monthWidth - 3, FONT, false, format.measure), FONT, INK, false, "center");
        if (m === 0 || iso.endsWith("-01-01")) text(mx + 3, headerTop + 10, iso.slice(0, 4), FONT + 1, INK, true);
        const yearLine = iso.slice(5, 7) === "01";
        prims.push({ kind: "line", x1: mx, y1: yearLine ? headerTop : headerTop + 14, x2: mx, y2: bottom, stroke: yearLine ? "#b9c2cc" : GRID, lineWidth: yearLine ? 0.8 : 0.5 });
      }
      prims.push({ kind: "line", x1: right, y1: headerTop, x2: right, y2: bottom, stroke: GRID, lineWidth: 0.5 });
      prims.push({ kind: "line", x1: MARGIN, y1: headerTop + HEADER, x2: right, y2: headerTop + HEADER, stroke: "#b9c2cc", lineWidth: 0.8 });

      // Rows: the name and slack, a line under each, the bar.
      const barOf = new Map<string, { x1: number; x2: number; y: number }>();
      rows.forEach((item, i) => {
        const top = bodyTop + i * ROW;
        const middle = top + ROW / 2;
        if (item.summary) prims.push({ kind: "rect", x: MARGIN, y: top, w: NAMES, h: ROW, fill: "#f2f7fc" });
        const slack = item.slack === null ? "" : input.labels.slackDays(item.slack);
        const slackWidth = slack ? format.measure(slack, FONT, item.critical) + 6 : 0;
        const indent = item.summary ? 4 : 12;
        const name = `${item.code} ${item.title}`;
        text(MARGIN + indent, middle + 2.6, fit(name, NAMES - indent - slackWidth - 6, FONT, item.summary, format.measure), FONT, INK, item.summary);
        if (slack) text(left - 4, middle + 2.6, slack, FONT, item.critical ? GATE : MUTED, item.critical, "right");
        prims.push({ kind: "line", x1: MARGIN, y1: top + ROW, x2: right, y2: top + ROW, stroke: "#edf0f3", lineWidth: 0.4 });

        const base = input.baseline?.[item.id];
        if (base && base.start <= sliceEnd && base.end >= scale.start) {
          const gx1 = clampX(x(base.start));
          const gx2 = clampX(x(addDays(base.end, 1)));
          if (item.milestone) {
            const cx = (x(base.start) + x(addDays(base.start, 1))) / 2;
            if (cx >= left && cx <= right) prims.push({ kind: "poly", points: diamond(cx, middle + 2, 4), fill: "#cfd6de", stroke: "#5d7083" });
          } else prims.push({ kind: "rect", x: gx1, y: middle - BAR / 2 + 3, w: Math.max(1, gx2 - gx1), h: BAR, fill: "#cfd6de", stroke: "#5d7083", lineWidth: 0.6, dash: [2, 1.5] });
        }
        if (item.end < scale.start || item.start > sliceEnd) return;
        const colours = item.summary ? SUMMARY : (STATE_COLOURS[item.state] ?? STATE_COLOURS.on_track);
        if (item.milestone) {
          const cx = (x(item.start) + x(addDays(item.start, 1))) / 2;
          prims.push({ kind: "poly", points: diamond(cx, middle, 4.5), fill: colours.progress, stroke: item.critical ? GATE : INK });
          barOf.set(item.id, { x1: cx - 4.5, x2: cx + 4.5, y: middle });
          text(cx + 7, middle + 2.6, item.code, FONT - 0.5, INK);
          return;
        }
        const bx1 = clampX(x(item.start));
        const bx2 = clampX(x(addDays(item.end, 1)));
        const width = Math.max(0.8, bx2 - bx1);
        barOf.set(item.id, { x1: x(item.start), x2: x(addDays(item.end, 1)), y: middle });
        prims.push({ kind: "rect", x: bx1, y: middle - BAR / 2, w: width, h: BAR, fill: colours.bar, stroke: item.critical ? GATE : undefined, lineWidth: item.critical ? 1.2 : undefined });
        const fullWidth = x(addDays(item.end, 1)) - x(item.start);
        const progressEnd = clampX(x(item.start) + (fullWidth * item.progress) / 100);
        if (progressEnd > bx1) prims.push({ kind: "rect", x: bx1, y: middle - BAR / 2, w: progressEnd - bx1, h: BAR, fill: colours.progress });
      });

      // Dependencies between rows of this page (elbow arrows, critical ones in red).
      for (const item of rows)
        for (const from of item.dependencies) {
          const a = barOf.get(from);
          const b = barOf.get(item.id);
          if (!a || !b || index.get(from) === undefined) continue;
          const startX = a.x2;
          const endX = b.x1;
          if (startX < left || startX > right || endX < left || endX > right) continue;
          const colour = critical.has(`${from}>${item.id}`) ? GATE : "#7a8a9a";
          const elbow = Math.min(startX + 4, endX - 2);
          prims.push({ kind: "line", x1: startX, y1: a.y, x2: elbow, y2: a.y, stroke: colour, lineWidth: 0.5 });
          prims.push({ kind: "line", x1: elbow, y1: a.y, x2: elbow, y2: b.y, stroke: colour, lineWidth: 0.5 });
          prims.push({ kind: "line", x1: elbow, y1: b.y, x2: endX, y2: b.y, stroke: colour, lineWidth: 0.5 });
          prims.push({ kind: "poly", points: [[endX, b.y], [endX - 2.5, b.y - 1.5], [endX - 2.5, b.y + 1.5]], fill: colour });
        }

      // Gates and today, through the middle of their day, labelled at the top of the rows.
      const vline = (iso: IsoDate, label: string, colour: string, dash: number[] | undefined, level: number) => {
        if (iso < scale.start || iso > sliceEnd) return;
        const lx = (x(iso) + x(addDays(iso, 1))) / 2;
        prims.push({ kind: "line", x1: lx, y1: headerTop + HEADER, x2: lx, y2: bottom, stroke: colour, lineWidth: 1.2, dash });
        const labelWidth = format.measure(label, FONT - 0.5, true) + 6;
        const lxText = lx + labelWidth + 2 > right ? lx - labelWidth - 2 : lx + 2;
        prims.push({ kind: "rect", x: lxText, y: headerTop + HEADER + 2 + level * 11, w: labelWidth, h: 10, fill: colour });
        text(lxText + 3, headerTop + HEADER + 9.3 + level * 11, label, FONT - 0.5, "#ffffff", true);
      };
      input.gates.forEach((gate, i) => vline(gate.dueDate, `${gate.code} · ${formatDate(gate.dueDate)}`, GATE, [3, 2], i % 2));
      vline(input.today, `${input.labels.today} ${formatDate(input.today)}`, TODAY, undefined, 2);

      // Names column border and the footer.
      prims.push({ kind: "line", x1: left, y1: headerTop, x2: left, y2: bottom, stroke: "#b9c2cc", lineWidth: 0.8 });
      const pageNumber = sheets.length + 1;
      if (total > 1) text(sheetWidth - MARGIN, height - MARGIN + 6, input.labels.page(pageNumber, total), FONT, MUTED, false, "right");
      text(MARGIN, height - MARGIN + 6, `${input.title} · ${formatDate(input.today)}`, FONT, MUTED);
      sheets.push({ width: sheetWidth, height, prims });
    }
  return sheets;
}

function diamond(cx: number, cy: number, r: number): [number, number][] {
  return [
    [cx, cy - r],
    [cx + r, cy],
    [cx, cy + r],
    [cx - r, cy],
  ];
}
