/**
 * The bits of frappe-gantt 1.2.2 we configure, in one place. The library is browser-only and
 * untyped: it is loaded with a dynamic import inside an effect, and these helpers only build
 * option objects.
 */
import { formatQuarter } from "~/domain/core/dates";
import { dateTimeFormat, localeTag } from "~/domain/core/intl-cache";

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

// frappe-gantt's date_utils.format makes two new Intl.DateTimeFormat on every call (a long and a
// short month name, used or not), for every column of the header, twice: 2,304 for the
// 30,000-task plan in the Week view. Each is an ICU object freed by a V8 callback, and freeing them
// took ~50 ms of the first frames after the chart was ready (bench:gantt's scroll). Ours come from
// the shared cache (intl-cache.ts).

// frappe pads every value to two digits, milliseconds too.
const pad = (value: number) => String(value).padStart(2, "0");

/**
 * frappe-gantt's date_utils.format (same tokens, same output: D is the zero-padded day, MMMM the
 * capitalised month name, MMM the short one), with cached formatters.
 */
export function formatLikeFrappe(date: Date, format: string, lang: string) {
  const month = dateTimeFormat(lang, { month: "long" }).format(date);
  const values: Record<string, string> = {
    YYYY: pad(date.getFullYear()),
    MM: pad(date.getMonth() + 1),
    DD: pad(date.getDate()),
    HH: pad(date.getHours()),
    mm: pad(date.getMinutes()),
    ss: pad(date.getSeconds()),
    SSS: pad(date.getMilliseconds()),
    D: pad(date.getDate()),
    MMMM: month.charAt(0).toUpperCase() + month.slice(1),
    MMM: dateTimeFormat(lang, { month: "short" }).format(date),
  };
  // Longest tokens first, each replaced once by a placeholder, as frappe does.
  let text = format;
  const found: string[] = [];
  for (const token of Object.keys(values).sort((a, b) => b.length - a.length))
    if (text.includes(token)) {
      text = text.replaceAll(token, `$${found.length}`);
      found.push(values[token]);
    }
  found.forEach((value, index) => (text = text.replaceAll(`$${index}`, value)));
  return text;
}

const addDaysLocal = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());

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
  // The library's own labels, with cached formatters (see formatLikeFrappe).
  const lang = locale;
  const dayLabel = (date: Date, previous: Date | null) => (!previous || date.getDate() !== previous.getDate() ? formatLikeFrappe(date, "D", lang) : "");
  const weekLabel = (date: Date, previous: Date | null) => {
    const endOfWeek = addDaysLocal(date, 6);
    const endFormat = endOfWeek.getMonth() !== date.getMonth() ? "D MMM" : "D";
    const beginFormat = !previous || date.getMonth() !== previous.getMonth() ? "D MMM" : "D";
    return `${formatLikeFrappe(date, beginFormat, lang)} - ${formatLikeFrappe(endOfWeek, endFormat, lang)}`;
  };
  const yearOnChange = (date: Date, previous: Date | null) => (!previous || date.getFullYear() !== previous.getFullYear() ? formatLikeFrappe(date, "YYYY", lang) : "");
  return {
    Day: { ...builtin.DAY, column_width: 32, padding: "14d", lower_text: dayLabel, upper_text: monthYear },
    Week: { ...builtin.WEEK, lower_text: weekLabel, upper_text: monthYear },
    Month: { ...builtin.MONTH, lower_text: (date: Date) => formatLikeFrappe(date, "MMMM", lang), upper_text: yearOnChange },
    Quarter: quarter,
    Year: { ...builtin.YEAR, lower_text: (date: Date) => formatLikeFrappe(date, "YYYY", lang) },
  } as Record<ViewMode, Builtin>;
}

/** "Novembre 2025" / "November 2025". */
export function monthYearLabel(date: Date, locale: "it" | "en") {
  const text = dateTimeFormat(localeTag(locale), { month: "long", year: "numeric" }).format(date);
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
