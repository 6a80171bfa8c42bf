/**
 * The bits of frappe-gantt 1.2.2 we configure, in one place. The library is browser-only and
 * untyped: it is loaded with a dynamic import inside an effect, and these helpers only build
 * option objects.
 */
import { formatQuarter } from "~/domain/core/dates";

export const viewModes = ["Day", "Week", "Month", "Quarter", "Year"] as const;
export type ViewMode = (typeof viewModes)[number];
export const isViewMode = (value: unknown): value is ViewMode => viewModes.includes(value as ViewMode);

/** Geometry shared by the chart and the name column beside it. */
export const BAR_HEIGHT = 20;
export const BAR_PADDING = 16;
export const ROW_HEIGHT = BAR_HEIGHT + BAR_PADDING;
export const UPPER_HEADER = 45;
export const LOWER_HEADER = 30;
export const HEADER_HEIGHT = UPPER_HEADER + LOWER_HEADER + 10;

type Builtin = Record<string, any>;

/**
 * Our view modes, built from the library's own Day/Week/Month/Year. "Quarter" is monthly columns
 * labelled by quarter (T4 2025): the library aligns its first column to a month, so a true
 * three-month step would put quarter labels on Feb–Apr columns.
 */
export function buildViewModes(builtin: { DAY: Builtin; WEEK: Builtin; MONTH: Builtin; YEAR: Builtin }, locale: "it" | "en") {
  const quarter = {
    name: "Quarter",
    padding: "3m",
    step: "1m",
    column_width: 34,
    date_format: "YYYY-MM",
    lower_text: (date: Date) => (date.getMonth() % 3 === 0 ? formatQuarter(`${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-01`, locale) : ""),
    upper_text: (date: Date, previous: Date | null) => (!previous || date.getFullYear() !== previous.getFullYear() ? String(date.getFullYear()) : ""),
    thick_line: (date: Date) => date.getMonth() % 3 === 0,
    snap_at: "7d",
  };
  // frappe finds the header label to keep sticky by its text; month names alone repeat every year,
  // so it would pin last year's "Novembre" beside this year's. With the year each label is unique.
  const monthYear = (date: Date, previous: Date | null) => (!previous || date.getMonth() !== previous.getMonth() ? monthYearLabel(date, locale) : "");
  return {
    Day: { ...builtin.DAY, column_width: 32, padding: "14d", upper_text: monthYear },
    Week: { ...builtin.WEEK, upper_text: monthYear },
    Month: { ...builtin.MONTH },
    Quarter: quarter,
    Year: { ...builtin.YEAR },
  } as Record<ViewMode, Builtin>;
}

/** "Novembre 2025" / "November 2025". */
export function monthYearLabel(date: Date, locale: "it" | "en") {
  const text = date.toLocaleDateString(locale === "it" ? "it-IT" : "en-GB", { month: "long", year: "numeric" });
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
