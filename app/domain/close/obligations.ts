import type { IsoDate } from "../core/dates";
import { addMonths, dayOf, type Period } from "./period";

/**
 * The reporting obligations calendar (pure). Three kinds of deadline:
 *  - `regis_validation`: each month's data validated in ReGiS by the 20th of the next month
 *    (RGS circular 27/2022). Done when the month is closed here.
 *  - `project_report`: the rendiconto di progetto, as a rule every two months (circular 30/2022);
 *    assumed due by the 20th of the month after each bimester (Jan–Feb → 20 March). Done when a
 *    report for the bimester is recorded — reports come with a later feature, so callers pass
 *    the recorded bimesters (empty until then) and the deadline stays due or late.
 *  - `common_indicators`: the six-monthly common-indicator upload, by 20 January (July–December)
 *    and 20 July (January–June) (circulars 34/2022, 33/2024). Done when the semester's last month
 *    is closed: the close freezes the indicators that are uploaded.
 * State: done; otherwise due until the deadline day, late after it.
 */
export const obligationKinds = ["regis_validation", "project_report", "common_indicators"] as const;
export type ObligationKind = (typeof obligationKinds)[number];
export type ObligationState = "done" | "due" | "late";

export interface Obligation {
  /** Stable id (the .ics UID uses it). */
  key: string;
  kind: ObligationKind;
  /** First and last month it covers. */
  from: Period;
  to: Period;
  dueDate: IsoDate;
  state: ObligationState;
}

export interface ObligationInput {
  /** First month the programme reports on. */
  first: Period;
  /** Last month whose obligations are listed (by the month they cover). */
  last: Period;
  today: IsoDate;
  closedPeriods: ReadonlySet<Period>;
  /** Keys (`YYYY-Bn`, n = 1…6) of the bimesters a rendiconto has been recorded for. */
  reportedBimesters: ReadonlySet<string>;
}

function stateOf(done: boolean, dueDate: IsoDate, today: IsoDate): ObligationState {
  if (done) return "done";
  return dueDate < today ? "late" : "due";
}

export function bimesterKey(period: Period): string {
  const [y, m] = period.split("-").map(Number);
  return `${y}-B${Math.ceil(m / 2)}`;
}

export function obligationsCalendar(input: ObligationInput): Obligation[] {
  const { first, last, today } = input;
  const out: Obligation[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const next = addMonths(month, 1);
    const validationDue = dayOf(next, 20);
    out.push({
      key: `regis-${month}`,
      kind: "regis_validation",
      from: month,
      to: month,
      dueDate: validationDue,
      state: stateOf(input.closedPeriods.has(month), validationDue, today),
    });
    const m = Number(month.slice(5));
    if (m % 2 === 0) {
      const key = bimesterKey(month);
      out.push({
        key: `report-${key}`,
        kind: "project_report",
        from: addMonths(month, -1),
        to: month,
        dueDate: validationDue,
        state: stateOf(input.reportedBimesters.has(key), validationDue, today),
      });
    }
    if (m === 6 || m === 12) {
      out.push({
        key: `indicators-${month}`,
        kind: "common_indicators",
        from: addMonths(month, -5),
        to: month,
        dueDate: validationDue,
        state: stateOf(input.closedPeriods.has(month), validationDue, today),
      });
    }
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : obligationKinds.indexOf(a.kind) - obligationKinds.indexOf(b.kind)));
}

/** For a compact panel: the `recentLate` latest late deadlines, then the next `upcoming` still due. */
export function obligationsToShow(calendar: readonly Obligation[], upcoming = 4, recentLate = 3) {
  const late = calendar.filter((o) => o.state === "late");
  const due = calendar.filter((o) => o.state === "due").slice(0, upcoming);
  return { late: late.slice(-recentLate), due, lateCount: late.length, doneCount: calendar.filter((o) => o.state === "done").length };
}
