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

/** Options added to frappe's: `extra_dates`, ISO dates the chart must include (today, gates). */
export function exactGantt(Gantt: GanttClass): GanttClass {
  const cached = built.get(Gantt);
  if (cached) return cached;
  const Base = Gantt as any;
  class ExactGantt extends Base {
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
      super.make_grid_ticks();
      const { column_width: width, header_height: top } = this.config;
      const height = this.grid_height - top;
      this.layers.grid.querySelectorAll("path.tick").forEach((tick: SVGPathElement, index: number) => {
        tick.setAttribute("d", `M ${index * width} ${top} v ${height}`);
      });
    }

    make_bars() {
      super.make_bars();
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
  }
  built.set(Gantt, ExactGantt as unknown as GanttClass);
  return ExactGantt as unknown as GanttClass;
}
