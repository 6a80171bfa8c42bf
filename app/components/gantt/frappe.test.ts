import { describe, expect, it } from "vitest";
// frappe-gantt's own source (the published package ships it; aliased in vitest.config.ts).
import dateUtils from "frappe-gantt-src/date_utils.js";
import { DEFAULT_VIEW_MODES } from "frappe-gantt-src/defaults.js";
import { buildViewModes, formatLikeFrappe } from "./frappe";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const builtin: Record<string, any> = Object.fromEntries(DEFAULT_VIEW_MODES.map((mode: { name: string }) => [mode.name.toUpperCase().replace(" ", "_"), mode]));

/** Every day of 2024–2027 at local midnight (leap day, daylight-saving changes, year ends). */
const days = Array.from({ length: 4 * 366 }, (_, index) => new Date(2024, 0, 1 + index));

describe("the Gantt's labels with cached formatters", () => {
  it("formatLikeFrappe says what frappe-gantt's date_utils.format says, for every token, in both languages", () => {
    for (const lang of ["it", "en"])
      for (const format of ["D", "D MMM", "MMMM", "MMM", "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DD HH:mm:ss.SSS", "DD/MM/YYYY"])
        for (const date of days) expect(formatLikeFrappe(date, format, lang), `${format} ${lang} ${date.toDateString()}`).toBe(dateUtils.format(date, format, lang));
  });

  it("the view modes' header labels are the library's own, column after column", () => {
    for (const locale of ["it", "en"] as const) {
      const ours = buildViewModes(builtin as never, locale);
      for (const [name, theirs] of [
        ["Day", builtin.DAY],
        ["Week", builtin.WEEK],
        ["Month", builtin.MONTH],
        ["Year", builtin.YEAR],
      ] as const) {
        const text = (label: unknown, date: Date, previous: Date | null) =>
          typeof label === "function" ? label(date, previous, locale) : dateUtils.format(date, label as string, locale);
        let previous: Date | null = null;
        for (const date of days) {
          expect(text(ours[name].lower_text, date, previous), `${name} lower ${date.toDateString()}`).toBe(text(theirs.lower_text, date, previous));
          previous = date;
        }
      }
      // Month: the year over its first column, as frappe's YYYY.
      let previous: Date | null = null;
      for (const date of days) {
        expect(ours.Month.upper_text(date, previous)).toBe(builtin.MONTH.upper_text(date, previous, locale));
        previous = date;
      }
    }
  });
});
