import { addDays, daysBetween } from "~/domain/core/dates";
import type { SnapshotContent } from "~/domain/snapshots/snapshot-content";

/**
 * Layout of a simple plan bar chart (one row per work package, task or milestone), optionally with
 * "ghost" baseline bars from an older snapshot under the current ones. Pure: the browser draws it
 * as React SVG and the evidence pack as an SVG string, from the same numbers.
 */
export interface BarRow {
  key: string;
  kind: "workPackage" | "task" | "milestone";
  code: string;
  title: string;
  start: string;
  end: string;
  baseline: { start: string; end: string } | null;
  moved: boolean;
}

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  top: number;
  from: string;
  to: string;
  ticks: { x: number; label: string }[];
  rows: (BarRow & { y: number; x: number; w: number; bx: number | null; bw: number | null })[];
}

/** Rows in plan order: each work package followed by its tasks and milestones. */
export function planRows(content: SnapshotContent, baseline?: SnapshotContent | null, options: { onlyMoved?: boolean } = {}): BarRow[] {
  const before = baseline
    ? {
        wp: new Map(baseline.plan.workPackages.map((x) => [x.id, { start: x.startDate, end: x.endDate }])),
        task: new Map(baseline.plan.tasks.map((x) => [x.id, { start: x.startDate, end: x.endDate }])),
        milestone: new Map(baseline.plan.milestones.map((x) => [x.id, { start: x.dueDate, end: x.dueDate }])),
      }
    : null;
  const rows: BarRow[] = [];
  const push = (row: Omit<BarRow, "moved">) => {
    const moved = row.baseline !== null && (row.baseline.start !== row.start || row.baseline.end !== row.end);
    if (!options.onlyMoved || moved || row.kind === "workPackage") rows.push({ ...row, moved });
  };
  for (const wp of content.plan.workPackages) {
    push({ key: `w${wp.id}`, kind: "workPackage", code: wp.code, title: wp.title, start: wp.startDate, end: wp.endDate, baseline: before?.wp.get(wp.id) ?? null });
    for (const task of content.plan.tasks.filter((t) => t.workPackageId === wp.id))
      push({ key: `t${task.id}`, kind: "task", code: task.code, title: task.title, start: task.startDate, end: task.endDate, baseline: before?.task.get(task.id) ?? null });
    for (const m of content.plan.milestones.filter((x) => x.workPackageId === wp.id))
      push({ key: `m${m.id}`, kind: "milestone", code: m.code, title: m.title, start: m.dueDate, end: m.dueDate, baseline: before?.milestone.get(m.id) ?? null });
  }
  return rows;
}

const MONTHS = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];

export function layoutBars(rows: BarRow[], options: { width?: number; labelWidth?: number; rowHeight?: number; extraDates?: readonly string[] } = {}): BarLayout {
  const width = options.width ?? 1100;
  const labelWidth = options.labelWidth ?? 300;
  const rowHeight = options.rowHeight ?? 22;
  const top = 28;
  // Extra dates (gate lines, today) widen the axis so their markers fall on the chart.
  const dates = [...rows.flatMap((row) => [row.start, row.end, ...(row.baseline ? [row.baseline.start, row.baseline.end] : [])]), ...(options.extraDates ?? [])];
  const min = dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : "2025-01-01";
  const max = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : "2025-12-31";
  // Whole months on both sides so the ticks fall on the chart.
  const from = `${min.slice(0, 7)}-01`;
  const lastMonth = new Date(`${max.slice(0, 7)}-01T00:00:00Z`);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() + 1);
  const to = lastMonth.toISOString().slice(0, 10);
  const span = Math.max(1, daysBetween(from, to));
  const plotWidth = width - labelWidth - 10;
  const xOf = (date: string) => labelWidth + (daysBetween(from, date) / span) * plotWidth;
  const widthOf = (start: string, end: string) => Math.max(2, ((daysBetween(start, end) + 1) / span) * plotWidth);

  const ticks: BarLayout["ticks"] = [];
  const months = Math.round(span / 30.44);
  const step = months > 36 ? 6 : months > 18 ? 3 : 1;
  for (let cursor = new Date(`${from}T00:00:00Z`); cursor.toISOString().slice(0, 10) < to; cursor.setUTCMonth(cursor.getUTCMonth() + step)) {
    const iso = cursor.toISOString().slice(0, 10);
    ticks.push({ x: xOf(iso), label: `${MONTHS[cursor.getUTCMonth()]} ${String(cursor.getUTCFullYear()).slice(2)}` });
  }

  return {
    width,
    height: top + rows.length * rowHeight + 8,
    labelWidth,
    rowHeight,
    top,
    from,
    to: addDays(to, -1),
    ticks,
    rows: rows.map((row, index) => ({
      ...row,
      y: top + index * rowHeight,
      x: xOf(row.start),
      w: widthOf(row.start, row.end),
      bx: row.baseline ? xOf(row.baseline.start) : null,
      bw: row.baseline ? widthOf(row.baseline.start, row.baseline.end) : null,
    })),
  };
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const barColours = { workPackage: "#17324d", task: "#0066cc", milestone: "#a66300", baseline: "#b1b1b3", moved: "#d9364f", grid: "#e3e4e6", text: "#1a1a1a" };

/** Where a date falls on a layout's axis, or null outside it. */
export function xOfDate(layout: BarLayout, date: string): number | null {
  const end = addDays(layout.to, 1);
  if (date < layout.from || date > end) return null;
  const span = Math.max(1, daysBetween(layout.from, end));
  return layout.labelWidth + (daysBetween(layout.from, date) / span) * (layout.width - layout.labelWidth - 10);
}

export interface BarMarker {
  date: string;
  label: string;
  colour: string;
  dashed?: boolean;
}

/** The chart as a standalone SVG document (for the PDF), with optional vertical date markers. */
export function barsSvg(layout: BarLayout, options: { truncate?: number; fontSize?: number; markers?: readonly BarMarker[] } = {}): string {
  const truncate = options.truncate ?? 48;
  const fontSize = options.fontSize ?? 10;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`);
  for (const tick of layout.ticks) {
    parts.push(`<line x1="${tick.x.toFixed(1)}" y1="${layout.top - 6}" x2="${tick.x.toFixed(1)}" y2="${layout.height}" stroke="${barColours.grid}" stroke-width="1"/>`);
    parts.push(`<text x="${(tick.x + 2).toFixed(1)}" y="${layout.top - 10}" font-size="${fontSize}" fill="${barColours.text}">${escapeXml(tick.label)}</text>`);
  }
  for (const marker of options.markers ?? []) {
    const x = xOfDate(layout, marker.date);
    if (x === null) continue;
    parts.push(
      `<line class="tg-bar-marker" x1="${x.toFixed(1)}" y1="${layout.top - 2}" x2="${x.toFixed(1)}" y2="${layout.height}" stroke="${marker.colour}" stroke-width="1.2"${marker.dashed ? ' stroke-dasharray="3 2"' : ""}/>`,
    );
    if (!marker.label) continue;
    // Near the right edge the label reads leftwards from its line, so it stays on the page.
    const end = x + marker.label.length * fontSize * 0.5 > layout.width;
    parts.push(
      `<text x="${(end ? x - 2 : x + 2).toFixed(1)}" y="${(layout.top - 1).toFixed(1)}"${end ? ' text-anchor="end"' : ""} font-size="${(fontSize * 0.85).toFixed(1)}" font-weight="bold" fill="${marker.colour}">${escapeXml(marker.label)}</text>`,
    );
  }
  for (const row of layout.rows) {
    const label = `${row.code} ${row.title}`;
    const shown = label.length > truncate ? `${label.slice(0, truncate - 1)}…` : label;
    const mid = row.y + layout.rowHeight / 2;
    parts.push(
      `<text x="4" y="${(mid + fontSize * 0.35).toFixed(1)}" font-size="${fontSize}" fill="${barColours.text}"${row.kind === "workPackage" ? ' font-weight="bold"' : ""}>${escapeXml(shown)}</text>`,
    );
    if (row.bx !== null && row.bw !== null) {
      const data = `class="tg-bar-baseline" data-code="${escapeXml(row.code)}"`;
      if (row.kind === "milestone") parts.push(diamond(row.bx, mid + 3, 5, barColours.baseline, data));
      else parts.push(`<rect ${data} x="${row.bx.toFixed(1)}" y="${(mid + 1).toFixed(1)}" width="${row.bw.toFixed(1)}" height="7" fill="${barColours.baseline}"/>`);
    }
    const colour = row.moved ? barColours.moved : barColours[row.kind];
    const data = `class="tg-bar${row.moved ? " tg-bar-moved" : ""}" data-code="${escapeXml(row.code)}"`;
    if (row.kind === "milestone") parts.push(diamond(row.x, mid - 2, 6, colour, data));
    else {
      const h = row.kind === "workPackage" ? 8 : 7;
      parts.push(`<rect ${data} x="${row.x.toFixed(1)}" y="${(mid - h).toFixed(1)}" width="${row.w.toFixed(1)}" height="${h}" fill="${colour}"/>`);
    }
  }
  parts.push("</svg>");
  return parts.join("");
}

function diamond(cx: number, cy: number, r: number, fill: string, attributes = "") {
  return `<polygon ${attributes} points="${cx.toFixed(1)},${(cy - r).toFixed(1)} ${(cx + r).toFixed(1)},${cy.toFixed(1)} ${cx.toFixed(1)},${(cy + r).toFixed(1)} ${(cx - r).toFixed(1)},${cy.toFixed(1)}" fill="${fill}"/>`;
}
