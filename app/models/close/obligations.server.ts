import { obligationsCalendar, obligationsToShow, type Obligation } from "~/domain/close/obligations";
import { addMonths, formatPeriod, periodOf } from "~/domain/close/period";
import { formatDate } from "~/domain/core/dates";
import { translate } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { closedPeriods } from "./close.server";
import { reportedBimesters } from "~/models/reports/report.server";

/**
 * The bimesters (`YYYY-Bn`) a rendiconto di progetto has been recorded for: covered by a report
 * submitted at least once and not rejected (app/models/reports).
 */
export function recordedReportBimesters(conn: Conn, programmeId: number): ReadonlySet<string> {
  return reportedBimesters(conn, programmeId);
}

/**
 * Every reporting deadline from the first month closed in Traguardi (months before it were
 * validated before the Region adopted it) or, with no close yet, the programme's first month, to
 * two months past today or the programme's end.
 */
export function getObligations(actor: Actor, today: string): Obligation[] {
  requirePermission(actor, "read:programme");
  const prog = getCurrentProgramme(actor);
  // Kept per worker until a month is closed or a report recorded (read-cache): the dashboard shows it on every view.
  return cachedRead("close.obligations", [prog.id, prog.startDate, prog.endDate, today], ["month_close", "expense_report"], () => computeObligations(prog, today));
}

function computeObligations(prog: { id: number; startDate: string; endDate: string }, today: string): Obligation[] {
  const db = getDb();
  const end = periodOf(prog.endDate);
  const last = addMonths(periodOf(today) > end ? periodOf(today) : end, 2);
  const closed = closedPeriods(db, prog.id);
  return obligationsCalendar({
    first: [...closed].sort()[0] ?? periodOf(prog.startDate),
    last,
    today,
    closedPeriods: closed,
    reportedBimesters: recordedReportBimesters(db, prog.id),
  });
}

export function getObligationsPanel(actor: Actor, today: string) {
  return obligationsToShow(getObligations(actor, today), 4);
}

/** The obligations as all-day calendar events for the .ics export (Italian titles). */
export function obligationCalendarEvents(actor: Actor, today: string) {
  return getObligations(actor, today).map((o) => ({
    uid: `traguardi-obligation-${o.key}@traguardi`,
    title: translate("it", `close.obligation.${o.kind}.title`, { period: o.from === o.to ? formatPeriod(o.from) : `${formatPeriod(o.from)} – ${formatPeriod(o.to)}` }),
    description: `${translate("it", `close.obligation.${o.kind}.basis`)} — ${translate("it", `close.obligation.state.${o.state}`)} (${formatDate(o.dueDate)})`,
    date: o.dueDate,
  }));
}
