/**
 * frappe-gantt with one time scale (scale.ts) for everything it draws. A subclass, so the library
 * stays as published; it overrides the four steps of its render where the scale is decided:
 * - setup_gantt_dates: the chart spans the bars AND the extra dates it is given (today, gates),
 *   with a margin, starting on a column boundary; nothing we draw lies beyond its grid;
 * - make_dates: month labels stand where their month starts (in the Week view frappe put them at
 *   the first week column starting in the month, up to 6 days late);
 * - make_grid_ticks: column lines at exact column boundaries (frappe's Month view advanced them by
 *   days-in-month/30 of a column, drifting from its own labels);
 * - make_bars: in the month- and year-based views bars are placed by the exact scale (frappe used
 *   day/31 for the start and days/30 for the width).
 *
 * Virtual rows (option `row_count`, and each task's `row`, its index among all rows): the grid,
 * ticks and SVG are as tall as every row, but frappe is given only the tasks of the rows in view
 * plus a margin (and the rows their arrows lead to), each drawn at its own row's height;
 * `setWindow(tasks)` swaps those bars without redrawing the header or the grid. Rows stripes are
 * one rectangle filled with a pattern, not a rectangle and a line per row.
 * Browser-only: built from the dynamically imported library class.
 */
import { chartRange, isoOfLocal, monthStart, scaleOfGantt, widthOf, xOf, type ScaleUnit } from "./scale";

/* eslint-disable @typescript-eslint/no-explicit-any */
type GanttClass = new (wrapper: HTMLElement, tasks: any[], options: any) => any;

const localDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
};

const built = new WeakMap<GanttClass, GanttClass>();

const patched = new WeakSet<object>();
/**
 * frappe places each bar's label from its getBBox(), in a frame of its own per bar: with a window
 * of rows swapped while scrolling that is a forced layout of the whole chart per bar. The label's
 * width is measured on a canvas in the label's own font instead (cached per text): no layout.
 */
function measureLabelsWithoutLayout(barPrototype: any) {
  if (patched.has(barPrototype)) return;
  patched.add(barPrototype);
  const canvas = document.createElement("canvas").getContext("2d")!;
  const widths = new Map<string, number>();
  let font = "";
  barPrototype.update_label_position = function (this: any) {
    const label: SVGTextElement | null = this.group.querySelector(".bar-label");
    if (!label) return;
    if (!font) {
      const style = getComputedStyle(label);
      font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      canvas.font = font;
    }
    const text = label.textContent ?? "";
    let labelWidth = widths.get(text);
    if (labelWidth === undefined) {
      labelWidth = canvas.measureText(text).width;
      widths.set(text, labelWidth);
    }
    const bar = this.$bar;
    const barWidth = bar.getWidth();
    if (labelWidth > barWidth) {
      label.classList.add("big");
      label.setAttribute("x", String(bar.getEndX() + 5));
    } else {
      label.classList.remove("big");
      label.setAttribute("x", String(bar.getX() + barWidth / 2 - labelWidth / 2));
    }
  };
}

/** Options added to frappe's: `extra_dates`, ISO dates the chart must include (today, gates). */
export function exactGantt(Gantt: GanttClass): GanttClass {
  const cached = built.get(Gantt);
  if (cached) return cached;
  const Base = Gantt as any;
  class ExactGantt extends Base {
    setup_tasks(tasks: any[]) {
      super.setup_tasks(tasks);
      // A virtual window's task sits at its own row, whatever its place in the window.
      if (this.options.row_count) for (const task of this.tasks) if (typeof task.row === "number") task._index = task.row;
    }

    make_grid_background() {
      if (!this.options.row_count) return super.make_grid_background();
      const tasks = this.tasks;
      this.tasks = { length: this.options.row_count };
      try {
        super.make_grid_background();
      } finally {
        this.tasks = tasks;
      }
    }

    make_grid_rows() {
      if (!this.options.row_count) return super.make_grid_rows();
      const rowHeight = this.options.bar_height + this.options.padding;
      const width = this.dates.length * this.config.column_width;
      const ns = "http://www.w3.org/2000/svg";
      const pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", "tg-row-pattern");
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", String(width));
      pattern.setAttribute("height", String(rowHeight));
      pattern.setAttribute("y", String(this.config.header_height));
      pattern.innerHTML = `<rect width="${width}" height="${rowHeight}" fill="#fdfdfd"/><line x1="0" x2="${width}" y1="${rowHeight - 0.5}" y2="${rowHeight - 0.5}" stroke="#ebeff2" stroke-width="1"/>`;
      const rows = document.createElementNS(ns, "rect");
      rows.setAttribute("class", "grid-row tg-grid-rows");
      rows.setAttribute("x", "0");
      rows.setAttribute("y", String(this.config.header_height));
      rows.setAttribute("width", String(width));
      rows.setAttribute("height", String(this.grid_height - this.config.header_height));
      rows.setAttribute("style", "fill: url(#tg-row-pattern)");
      this.layers.grid.append(pattern, rows);
    }

    setup_gantt_dates(refresh: boolean) {
      super.setup_gantt_dates(refresh);
      if (refresh || !this.tasks.length) return;
      const dates: string[] = [...(this.options.extra_dates ?? [])];
      for (const task of this.tasks) dates.push(task.start.slice(0, 10), task.end.slice(0, 10));
      const range = chartRange(dates, this.config.unit as ScaleUnit, this.config.step);
      this.gantt_start = localDate(range.start);
      this.gantt_end = localDate(range.end);
    }

    make_dates() {
      super.make_dates();
      const scale = scaleOfGantt(this);
      const labelled = this.get_dates_to_draw().filter((info: any) => info.upper_text);
      this.upperTexts.forEach((element: HTMLElement, index: number) => {
        const info = labelled[index];
        if (!info) return;
        // Month labels (Day, Week views) start with their month; year labels with their column.
        const date = isoOfLocal(info.date);
        const at = this.config.unit === "day" ? monthStart(date) : date;
        element.style.left = `${Math.max(0, xOf(scale, at))}px`;
      });
    }

    make_grid_ticks() {
      const lines = this.options.lines;
      // Row lines come with the row pattern in virtual mode.
      if (this.options.row_count && lines === "both") this.options.lines = "vertical";
      try {
        super.make_grid_ticks();
      } finally {
        this.options.lines = lines;
      }
      const { column_width: width, header_height: top } = this.config;
      const height = this.grid_height - top;
      this.layers.grid.querySelectorAll("path.tick").forEach((tick: SVGPathElement, index: number) => {
        tick.setAttribute("d", `M ${index * width} ${top} v ${height}`);
      });
    }

    make_bars() {
      super.make_bars();
      if (this.bars[0]) measureLabelsWithoutLayout(Object.getPrototypeOf(this.bars[0]));
      if (this.config.unit === "day") return;
      const scale = scaleOfGantt(this);
      for (const bar of this.bars) {
        const start = bar.task.start.slice(0, 10);
        const end = bar.task.end.slice(0, 10);
        const x = xOf(scale, start);
        const width = widthOf(scale, start, end);
        bar.x = x;
        bar.width = width;
        bar.$bar.setAttribute("x", String(x));
        bar.$bar.setAttribute("width", String(width));
        if (bar.$bar_progress) {
          bar.progress_width = (width * (bar.task.progress ?? 0)) / 100;
          bar.$bar_progress.setAttribute("x", String(x));
          bar.$bar_progress.setAttribute("width", String(bar.progress_width));
        }
        if (bar.$date_highlight) {
          bar.$date_highlight.style.left = `${x}px`;
          bar.$date_highlight.style.width = `${width}px`;
        }
        bar.update_label_position();
        bar.update_handle_position();
      }
    }

    make_arrows() {
      // frappe finds an arrow's bars by their task's index, which is the row's index in virtual mode.
      const bars = this.bars;
      const byIndex: any[] = [];
      for (const bar of bars) byIndex[bar.task._index] = bar;
      this.bars = byIndex;
      try {
        super.make_arrows();
      } finally {
        this.bars = bars;
      }
    }

    map_arrows_on_bars() {
      const byBar = new Map<string, any[]>();
      for (const arrow of this.arrows)
        for (const id of [arrow.from_task.task.id, arrow.to_task.task.id]) (byBar.get(id) ?? byBar.set(id, []).get(id)!).push(arrow);
      for (const bar of this.bars) bar.arrows = byBar.get(bar.task.id) ?? [];
    }

    /** Swaps the drawn bars for these tasks (virtual rows), keeping the header, grid and scroll. */
    setWindow(tasks: any[]) {
      this.hide_popup();
      this.layers.bar.innerHTML = "";
      this.layers.arrow.innerHTML = "";
      this.layers.progress.innerHTML = "";
      for (const highlight of this.$lower_header.querySelectorAll(".date-range-highlight")) highlight.remove();
      this.setup_tasks(tasks);
      this.make_bars();
      this.make_arrows();
      this.map_arrows_on_bars();
    }
  }
  built.set(Gantt, ExactGantt as unknown as GanttClass);
  return ExactGantt as unknown as GanttClass;
}
