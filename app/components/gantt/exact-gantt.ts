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
 * `setWindow(tasks)` swaps those bars without redrawing the header or the grid. The rows are one
 * rectangle, with the lines of the drawn rows only (`showRows`), not a rectangle and a line per row.
 * Browser-only: built from the dynamically imported library class.
 */
import { formatLikeFrappe } from "./frappe";
import { chartRange, isoOfLocal, monthStart, scaleOfGantt, widthOf, xOf, type ScaleUnit } from "./scale";

/* eslint-disable @typescript-eslint/no-explicit-any */
type GanttClass = new (wrapper: HTMLElement, tasks: any[], options: any) => any;

const localDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
};

const built = new WeakMap<GanttClass, GanttClass>();

const SVG_NS = "http://www.w3.org/2000/svg";
function svg(tag: string, attributes: Record<string, string | number>, parent: Element) {
  const element = document.createElementNS(SVG_NS, tag);
  setAll(element, attributes);
  parent.appendChild(element);
  return element;
}
function setAll(element: Element, attributes: Record<string, string | number>) {
  for (const name in attributes) element.setAttribute(name, String(attributes[name]));
}
/** Days per unit, as frappe's date_utils.convert_scales counts them. */
const DAYS_PER_UNIT: Record<string, number> = { day: 1, month: 30, year: 365 };
const atMidnight = (date: Date) => date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0 && date.getMilliseconds() === 0;
const rounder = !/^((?!chrome|android).)*safari/i.test(typeof navigator === "undefined" ? "" : navigator.userAgent);

/**
 * Runs `work` with these elements taken out of the document, then puts them back where they were.
 * Remix's route discovery watches the whole document with a MutationObserver and, for every
 * record, searches the changed element's subtree for links: swapping a window's bars one by one
 * in the live document cost a search of the whole bar layer per bar (the largest share of a
 * scroll frame). Out of the document the changes make no records; putting the layer back makes one.
 * Nothing may read layout inside `work` (nothing in a window swap does).
 */
export function offDocument<T>(elements: (Element | null | undefined)[], work: () => T): T {
  const places: [Element, Node, Node | null][] = [];
  for (const element of elements) if (element?.parentNode) places.push([element, element.parentNode, element.nextSibling]);
  for (const [element] of places) element.remove();
  try {
    return work();
  } finally {
    for (const [element, parent, next] of places.reverse()) parent.insertBefore(element, next && next.parentNode === parent ? next : null);
  }
}

const patched = new WeakSet<object>();
/**
 * frappe's Bar, made cheap enough to create while scrolling (a window of rows swapped every frame),
 * without changing what it draws or how it behaves (drag, resize, progress, popup, hover highlight):
 * - the label: frappe places it from its getBBox() in a requestAnimationFrame of its own per bar,
 *   a forced layout of the whole chart per bar on the next frame; its width is measured on a canvas
 *   in the label's own font instead (cached per text) and placed at once (make_bars, setWindow);
 * - no SMIL animations: frappe grows every bar and progress bar from zero width; they delayed a
 *   stable picture and decorateBars removed them again with a query of the whole SVG;
 * - the label's text is set as text (`task.label`), not parsed as HTML;
 * - the duration: frappe walks day by day from start to end looking each day up in the ignored
 *   dates; with none ignored (our charts) it is the number of days between two local midnights;
 * - the hover highlight of the bar's dates in the header is the bar's own element, not looked up
 *   by the id the bar was made for, so a bar can be given another task (`retarget`).
 */
function leanBars(barPrototype: any) {
  if (patched.has(barPrototype)) return;
  patched.add(barPrototype);
  const canvas = document.createElement("canvas").getContext("2d")!;
  const widths = new Map<string, number>();
  let font = "";
  barPrototype.update_label_position = function (this: any) {
    const label: SVGTextElement | null = this.$tgLabel ?? this.group.querySelector(".bar-label");
    if (!label) return;
    if (!font && label.isConnected) {
      const style = getComputedStyle(label);
      if (style.fontSize) {
        font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        canvas.font = font;
        widths.clear();
      }
    }
    // The text we set (reading it back from the DOM makes a V8 string for it each time).
    const text = typeof this.task.label === "string" ? this.task.label : (label.textContent ?? "");
    let labelWidth = widths.get(text);
    if (labelWidth === undefined) {
      labelWidth = canvas.measureText(text).width;
      if (font) widths.set(text, labelWidth);
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
  barPrototype.draw_label = function (this: any) {
    const x = this.task.thumbnail ? this.x + this.image_size + 5 : this.x + this.$bar.getWidth() / 2;
    const label = svg("text", { x, y: this.y + this.height / 2, class: "bar-label" }, this.bar_group);
    // frappe sets the (HTML-escaped) name as innerHTML, a run of the HTML parser per bar; the
    // plain text, when given as `label`, is set as text.
    if (typeof this.task.label === "string") label.textContent = this.task.label;
    else label.innerHTML = this.task.name;
    this.$tgLabel = label;
  };
  barPrototype.draw_bar = function (this: any) {
    const r = this.corner_radius;
    this.$bar = svg("rect", { x: this.x, y: this.y, width: this.width, height: this.height, rx: r, ry: r, class: "bar" }, this.bar_group);
    if (this.task.color) this.$bar.style.fill = this.task.color;
    if (this.invalid) this.$bar.classList.add("bar-invalid");
  };
  barPrototype.draw_progress_bar = function (this: any) {
    if (this.invalid) return;
    this.progress_width = this.calculate_progress_width();
    const r = rounder ? this.corner_radius + 2 : this.corner_radius;
    this.$bar_progress = svg("rect", { x: this.x, y: this.y, width: this.progress_width, height: this.height, rx: r, ry: r, class: "bar-progress" }, this.bar_group);
    if (this.task.color_progress) this.$bar_progress.style.fill = this.task.color_progress;
    // The bar's dates highlighted in the header on hover; frappe's x is the bar's own x.
    // Without frappe's `highlight-<id>` class: the bar holds its highlight, and may change task.
    this.$date_highlight = this.gantt.create_el({ classes: "date-range-highlight hide", width: this.width, left: this.x });
    this.gantt.$lower_header.prepend(this.$date_highlight);
  };
  // frappe's own handlers (Bar.setup_click_event), with the task and the highlight read when the
  // event comes rather than captured when the bar was made.
  barPrototype.setup_click_event = function (this: any) {
    const group: SVGGElement = this.group;
    const popupAt = (e: MouseEvent) => ({ x: e.offsetX || (e as any).layerX, y: e.offsetY || (e as any).layerY, task: this.task, target: this.$bar });
    group.addEventListener("mouseover", (e) => this.gantt.trigger_event("hover", [this.task, e.screenX, e.screenY, e]));
    if (this.gantt.options.popup_on === "click")
      group.addEventListener("mouseup", (e) => {
        const posX = e.offsetX || (e as any).layerX;
        if (this.$handle_progress) {
          const cx = +this.$handle_progress.getAttribute("cx");
          if (cx > posX - 1 && cx < posX + 1) return;
          if (this.gantt.bar_being_dragged) return;
        }
        this.gantt.show_popup(popupAt(e));
      });
    // A retargeted bar's handles and highlight are placed when the pointer comes (see retarget).
    // The hover timer is the bar's: a bar handed to another row before it fires cancels it.
    group.addEventListener("mousemove", () => freshen(this));
    group.addEventListener("mouseenter", (e) => {
      freshen(this);
      clearTimeout(this.tgHoverTimer);
      this.tgHoverTimer = setTimeout(() => {
        if (this.gantt.options.popup_on === "hover") this.gantt.show_popup(popupAt(e));
        this.$date_highlight?.classList.remove("hide");
      }, 200);
    });
    group.addEventListener("mouseleave", () => {
      clearTimeout(this.tgHoverTimer);
      if (this.gantt.options.popup_on === "hover") this.gantt.popup?.hide?.();
      this.$date_highlight?.classList.add("hide");
    });
    group.addEventListener("click", () => this.gantt.trigger_event("click", [this.task]));
    const doubleClick = () => {
      // Just after a move: not a double click.
      if (this.action_completed) return;
      group.classList.remove("active");
      if (this.gantt.popup) this.gantt.popup.parent.classList.remove("hide");
      this.gantt.trigger_event("double_click", [this.task]);
    };
    group.addEventListener("dblclick", doubleClick);
    let tappedTwice = false;
    group.addEventListener("touchstart", (e) => {
      if (!tappedTwice) {
        tappedTwice = true;
        setTimeout(() => (tappedTwice = false), 300);
        return;
      }
      e.preventDefault();
      doubleClick();
    });
  };
  const computeDuration = barPrototype.compute_duration;
  barPrototype.compute_duration = function (this: any) {
    const { ignored_dates: ignored, ignored_function: ignoredFunction, unit, step } = this.gantt.config;
    const start: Date = this.task._start;
    const end: Date = this.task._end;
    const perUnit = DAYS_PER_UNIT[unit];
    if (ignored.length || ignoredFunction || !perUnit || !atMidnight(start) || !atMidnight(end)) return computeDuration.call(this);
    // Whole local days (rounding absorbs a daylight-saving hour), as frappe's day-by-day count.
    const days = Math.max(0, Math.round((end.getTime() - start.getTime()) / 86_400_000));
    this.task.actual_duration = days;
    this.task.ignored_duration = 0;
    this.duration = days / perUnit / step;
    this.actual_duration_raw = this.duration;
    this.ignored_duration_raw = 0;
  };
}

/**
 * Whether a bar made for one task can be given another: both plain (valid dates, no thumbnail)
 * and the chart without expected-progress bars, so the bar has exactly the parts a new one would.
 */
function retargetable(gantt: any, bar: any, task: any) {
  return !gantt.options.show_expected_progress && !bar.invalid && !bar.task.thumbnail && !task.invalid && !task.thumbnail && bar.$bar_progress && bar.$tgLabel;
}

/**
 * A bar whose row left the window, kept for a row to come: hidden where it is, with no id (so
 * nothing finds it by its old task). Only attributes change, which Remix's route-discovery
 * observer does not watch; removing and inserting nodes is what it searches after.
 */
function spare(bar: any) {
  clearTimeout(bar.tgHoverTimer);
  bar.group.setAttribute("display", "none");
  bar.group.removeAttribute("data-id");
  bar.$date_highlight?.classList.add("hide");
  bar.arrows = [];
}

/**
 * The bar of a row that left the window (or a spare), given the task of a row that came: the same
 * elements and listeners, with the attributes a new Bar(gantt, task) would have drawn. placeBars
 * follows, as for a new bar (classes, the label's place), then the caller's dressing. Scrolling
 * used to make and drop every bar of the view each frame, and that garbage brought V8's major
 * collections into the scroll frames (bench:gantt).
 */
function retarget(bar: any, task: any) {
  clearTimeout(bar.tgHoverTimer);
  bar.task = task;
  bar.action_completed = false;
  bar.arrows = [];
  const group: SVGGElement = bar.group;
  group.removeAttribute("display");
  group.setAttribute("data-id", task.id);
  bar.prepare_values();
  const { x, y, width, height, corner_radius: r } = bar;
  const rect: any = bar.$bar;
  // Only what differs between two bars of the chart (each change restyles the element); what a
  // caller reshaped (tgReshaped: our milestones' squares) is put back first.
  if (bar.tgReshaped) {
    setAll(rect, { height, rx: r, ry: r });
    bar.tgReshaped = false;
  }
  setAll(rect, { x, y, width });
  if (rect.style.fill || task.color) rect.style.fill = task.color ?? "";
  rect.finaldx = 0;
  bar.progress_width = bar.calculate_progress_width();
  setAll(bar.$bar_progress, { x, y, width: bar.progress_width });
  if (bar.$bar_progress.style.fill || task.color_progress) bar.$bar_progress.style.fill = task.color_progress ?? "";
  // The header highlight of the bar's dates and the resize and progress handles only show under
  // the pointer: they are placed when it comes (freshen), not for every bar a scroll passes.
  // Hidden handles cannot be grabbed where the previous task's bar had them.
  const highlight: HTMLElement | undefined = bar.$date_highlight;
  if (highlight) {
    if (!highlight.classList.contains("hide")) highlight.classList.add("hide");
    bar.tgHighlightAt = [x, width];
  }
  const label: SVGTextElement = bar.$tgLabel;
  label.setAttribute("y", String(y + height / 2));
  // The text node's data, not a new text node (which the label would have to lay out afresh).
  const text = label.firstChild;
  if (typeof task.label === "string" && text?.nodeType === Node.TEXT_NODE && !text.nextSibling) (text as Text).data = task.label;
  else if (typeof task.label === "string") label.textContent = task.label;
  else label.innerHTML = task.name;
  if (bar.handles?.length && !bar.tgHandlesStale) {
    bar.handle_group.setAttribute("display", "none");
    bar.tgHandlesStale = true;
  }
}

/** A retargeted bar's handles and header highlight, placed for its task (on the pointer's arrival). */
function freshen(bar: any) {
  const at: [number, number] | undefined = bar.tgHighlightAt;
  if (at && bar.$date_highlight) {
    bar.$date_highlight.style.left = `${at[0]}px`;
    bar.$date_highlight.style.width = `${at[1]}px`;
  }
  bar.tgHighlightAt = undefined;
  if (!bar.tgHandlesStale) return;
  bar.tgHandlesStale = false;
  // Where a new Bar draws them (draw_resize_handles): the edges' 3 px handles centred on the edges.
  const { y, height } = bar;
  const left = bar.$bar.getX();
  const right = left + bar.$bar.getWidth();
  for (const handle of bar.handles ?? []) {
    handle.classList.remove("active", "visible");
    if (handle === bar.$handle_progress) setAll(handle, { cx: bar.$bar_progress.getX() + bar.$bar_progress.getWidth(), cy: y + height / 2 });
    else setAll(handle, { x: (handle.classList.contains("left") ? left : right) - HANDLE_WIDTH / 2, y: y + height / 4 });
  }
  bar.handle_group.removeAttribute("display");
}

/** frappe's resize handles' width (Bar.draw_resize_handles). */
const HANDLE_WIDTH = 3;

/** A bar-wrapper's classes: frappe's, and the task's `tg_classes` (see exactGantt). */
const wrapperClasses = (task: any) => `bar-wrapper${task.tg_classes ? ` ${task.tg_classes}` : task.custom_class ? ` ${task.custom_class}` : ""}`;

/** Bars kept for rows to come, at most this many (a window's worth). */
const SPARE_BARS = 200;

/**
 * Options added to frappe's: `extra_dates`, ISO dates the chart must include (today, gates). A
 * task's `tg_classes` (space-separated) are all its bar's classes beyond `bar-wrapper`; frappe's
 * `custom_class` takes one.
 */
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
      // One rectangle as tall as every row (frappe's class, so its colour and its click on the
      // grid), and the row lines of the drawn rows only (showRows). A pattern filling the whole
      // height drew the same picture but was the largest cost of rastering a scroll frame.
      const width = this.dates.length * this.config.column_width;
      const rows = document.createElementNS(SVG_NS, "rect");
      rows.setAttribute("class", "grid-row tg-grid-rows");
      rows.setAttribute("x", "0");
      rows.setAttribute("y", String(this.config.header_height));
      rows.setAttribute("width", String(width));
      rows.setAttribute("height", String(this.grid_height - this.config.header_height));
      this.layers.grid.append(rows);
      if (this.tgShownRows) this.showRows(this.tgShownRows);
    }

    /** Virtual rows: the lines under rows [first, end). */
    showRows([first, end]: [number, number]) {
      this.tgShownRows = [first, end];
      // Found again when needed: frappe re-parses its grid layer (innerHTML +=) after the rows.
      let lines: SVGPathElement | null = this.tgRowLines;
      if (!lines || lines.parentNode !== this.layers.grid) {
        lines = this.layers.grid.querySelector(":scope > path.tg-row-lines");
        if (!lines) {
          lines = document.createElementNS(SVG_NS, "path") as SVGPathElement;
          lines.setAttribute("class", "tg-row-lines");
          lines.setAttribute("stroke", "#ebeff2");
          lines.setAttribute("stroke-width", "1");
          const rows = this.layers.grid.querySelector(":scope > .tg-grid-rows");
          this.layers.grid.insertBefore(lines, rows ? rows.nextSibling : null);
        }
        this.tgRowLines = lines;
      }
      const rowHeight = this.options.bar_height + this.options.padding;
      const width = this.dates.length * this.config.column_width;
      let d = "";
      for (let row = first; row < end; row++) d += `M0 ${this.config.header_height + (row + 1) * rowHeight - 0.5}h${width}`;
      lines.setAttribute("d", d);
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

    /**
     * frappe's get_date_info, with formatLikeFrappe (cached formatters) for the column's class name
     * and string labels: frappe's own format makes two Intl.DateTimeFormat per call.
     */
    get_date_info(date: Date, last: any) {
      const mode = this.config.view_mode;
      const lang = this.options.language;
      // As frappe: labels given as formats become functions (its scroll handler calls upper_text).
      for (const key of ["upper_text", "lower_text"]) {
        const text = mode[key];
        if (!text) mode[key] = () => "";
        else if (typeof text === "string") mode[key] = (d: Date) => formatLikeFrappe(d, text, lang);
      }
      const label = (text: (d: Date, p: Date | null, l: string) => string) => text(date, last ? last.date : null, lang);
      return {
        date,
        formatted_date: formatLikeFrappe(date, this.config.date_format, lang).replaceAll(" ", "_").replaceAll(":", "_").replaceAll(".", "_"),
        column_width: this.config.column_width,
        x: last ? last.x + last.column_width : 0,
        upper_text: label(mode.upper_text),
        lower_text: label(mode.lower_text),
        upper_y: 17,
        lower_y: this.options.upper_header_height + 5,
      };
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
      // Row lines are drawn by showRows in virtual mode.
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
      // A full render (frappe's clear()) dropped the SVG and the spares with it.
      this.tgSpares = [];
      // The first bar ever built shows us frappe's (unexported) Bar class, to make it lean before
      // the chart's bars are drawn with it.
      if (!this.tgBar && this.tasks.length) {
        const tasks = this.tasks;
        this.tasks = [tasks[0]];
        try {
          super.make_bars();
        } finally {
          this.tasks = tasks;
        }
        const probe = this.bars[0];
        probe.group.remove();
        probe.$date_highlight?.remove();
        this.tgBar = probe.constructor;
        leanBars(Object.getPrototypeOf(probe));
      }
      super.make_bars();
      this.placeBars(this.bars);
    }

    /** Exact places (month- and year-based views), classes and labels of bars just made. */
    placeBars(bars: any[]) {
      const scale = this.config.unit === "day" ? null : scaleOfGantt(this);
      for (const bar of bars) {
        // Every class at once (frappe gives a bar one token, `custom_class`): one restyle.
        const classes = wrapperClasses(bar.task);
        if (bar.group.getAttribute("class") !== classes) bar.group.setAttribute("class", classes);
        if (scale) {
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
          // A retargeted bar's highlight is placed when the pointer comes (freshen).
          if (bar.tgHighlightAt) bar.tgHighlightAt = [x, width];
          else if (bar.$date_highlight) {
            bar.$date_highlight.style.left = `${x}px`;
            bar.$date_highlight.style.width = `${width}px`;
          }
        }
        bar.update_label_position();
        if (scale) bar.update_handle_position();
      }
    }

    show_popup(options: any) {
      this.tgPopupTask = options?.task?.id == null ? null : String(options.task.id);
      super.show_popup(options);
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

    /**
     * Virtual rows: the drawn bars become those of these tasks, keeping the header, grid and scroll.
     * Bars of rows still in the window stay as they are (their task objects too, with the links
     * of the new window). The bars of rows that left become spares (hidden), and the rows that came
     * get spares back (retarget) or new bars.
     * Arrows are few (those between rows of the window) and are drawn again. Returns the bars
     * added and the ids removed, for the caller's own dressing.
     */
    setWindow(tasks: any[]): { added: any[]; removed: string[] } {
      // A popup stays open while its bar stays drawn (an idle fill of the margin must not close it).
      if (this.tgPopupTask == null || !tasks.some((task) => String(task.id) === this.tgPopupTask)) this.hide_popup();
      // New bars are made out of the document (see offDocument). When the rows that came all get
      // spare bars, nothing is taken out: the layers are the SVG's children, and Bootstrap's
      // `legend + *` makes Chromium restyle the whole SVG when one of its children is removed or
      // inserted (twice a frame, a thousand elements). The arrows are then drawn again in place:
      // the observer's search after each is of the arrow layer, a few dozen paths.
      const drawn = new Set<string>();
      for (const bar of this.bars) drawn.add(bar.task.id);
      let coming = 0;
      for (const task of tasks) if (!drawn.has(String(task.id))) coming++;
      const leaving = this.bars.length - (tasks.length - coming);
      const making = coming > Math.min(SPARE_BARS, (this.tgSpares?.length ?? 0) + leaving);
      return offDocument(making ? [this.layers.bar, this.layers.arrow, this.$lower_header] : [], () => this.swapBars(tasks));
    }

    swapBars(tasks: any[]): { added: any[]; removed: string[] } {
      const spares: any[] = (this.tgSpares ??= []);
      const incoming = new Map<string, any>();
      for (const task of tasks) incoming.set(String(task.id), task);
      const kept = new Map<string, any>();
      const removed: string[] = [];
      // Bars of the rows that left, for the rows that came: given their new task where they stand.
      const leaving: any[] = [];
      for (const bar of this.bars) {
        const id: string = bar.task.id;
        if (incoming.has(id)) kept.set(id, bar);
        else {
          removed.push(id);
          if (retargetable(this, bar, bar.task)) leaving.push(bar);
          else {
            bar.group.remove();
            bar.$date_highlight?.remove();
          }
        }
      }
      // frappe's own preparation (dates parsed, links split, `_index`), for the new tasks only.
      super.setup_tasks(tasks.filter((task) => !kept.has(String(task.id))));
      const fresh = new Map<string, any>();
      for (const task of this.tasks) {
        if (typeof task.row === "number") task._index = task.row;
        fresh.set(task.id, task);
      }
      const ordered: any[] = [];
      for (const [id, task] of incoming) {
        const bar = kept.get(id);
        if (!bar) {
          if (fresh.has(id)) ordered.push(fresh.get(id));
          continue;
        }
        // Links change with the window (a predecessor came into it or left).
        const links = typeof task.dependencies === "string" ? task.dependencies.split(",").filter(Boolean) : (task.dependencies ?? []);
        bar.task.dependencies = links;
        ordered.push(bar.task);
      }
      this.tasks = ordered;
      this.setup_dependencies();
      const Bar = this.tgBar;
      if (!Bar) {
        // No bar was ever made (an empty first window): frappe's way, which also finds the class.
        this.make_bars();
        this.make_arrows();
        this.map_arrows_on_bars();
        return { added: this.bars, removed };
      }
      const added: any[] = [];
      const bars: any[] = [];
      for (const task of ordered) {
        let bar = kept.get(task.id);
        if (!bar) {
          const from = leaving.length ? leaving : spares;
          if (from.length && retargetable(this, from[from.length - 1], task)) {
            bar = from.pop();
            retarget(bar, task);
          } else {
            bar = new Bar(this, task);
            this.layers.bar.appendChild(bar.group);
          }
          added.push(bar);
        }
        bars.push(bar);
      }
      // What is left of them waits, hidden, for rows to come (up to SPARE_BARS).
      for (const bar of leaving) {
        if (spares.length < SPARE_BARS) {
          spare(bar);
          spares.push(bar);
        } else {
          bar.group.remove();
          bar.$date_highlight?.remove();
        }
      }
      this.bars = bars;
      this.placeBars(added);
      this.layers.arrow.innerHTML = "";
      this.make_arrows();
      this.map_arrows_on_bars();
      return { added, removed };
    }
  }
  built.set(Gantt, ExactGantt as unknown as GanttClass);
  return ExactGantt as unknown as GanttClass;
}
