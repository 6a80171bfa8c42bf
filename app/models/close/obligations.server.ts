import { obligationsCalendar, obligationsToShow, type Obligation } from "~/domain/close/obligations";
import { addMonths, formatPeriod, periodOf } from "~/domain/close/period";
import { formatDate } from "~/domain/core/dates";
import { translate } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { closedPeriods } from "./close.server";

/**
 * HOOK for the rendiconto di progetto (a later feature): the bimesters (`YYYY-Bn`) a report has
 * been recorded for. No reports exist yet, so every report deadline is due or late. Replace the
 * body with a query on the report table (reports not rejected) when it is merged.
 */
export function recordedReportBimesters(_conn: Conn, _programmeId: number): ReadonlySet<string> {
  return new Set();
}

/**
 * Every reporting deadline from the first month closed in Traguardi (months before it were
 * validated before the Region adopted it) or, with no close yet, the programme's first month, to
 * two months past today or the programme's end.
 */
export function getObligations(actor: Actor, today: string): Obligation[] {
  requirePermission(actor, "read:programme");
  const prog = getCurrentProgramme(actor);
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
