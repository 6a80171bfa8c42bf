import { and, asc, desc, eq } from "drizzle-orm";
import { monthClose, programme } from "#db/schema";
import { isBlocking, sortFindings, unacceptedFindings, type Finding } from "~/domain/close/findings";
import { addMonths, formatPeriod, isPeriod, monthEnd, periodOf, type Period } from "~/domain/close/period";
import { translate } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { freezeRegisPacksIn } from "~/models/regis/pack.server";
import { takeMonthEndSnapshot } from "~/models/snapshots/snapshot.server";
import { checkContext, closeChecks } from "./checks.server";
import { latestClosedPeriod, lockedThrough } from "./lock.server";

export { assertMonthOpen, latestClosedPeriod, lockedThrough } from "./lock.server";

export type MonthClose = typeof monthClose.$inferSelect;

// ---------------------------------------------------------------- pre-check

function runChecks(conn: Conn, programmeId: number, period: Period, today: string): Finding[] {
  const context = checkContext(programmeId, period, today);
  return sortFindings(closeChecks().flatMap((check) => check.run(conn, context)));
}

/** Why a month cannot be closed at all (whatever its findings), or null. */
function closeRefusal(conn: Conn, programmeId: number, period: Period, today: string) {
  const latest = latestClosedPeriod(conn, programmeId);
  if (latest && period <= latest) return { key: "close.error.alreadyClosed" as const, params: { month: formatPeriod(period) } };
  if (monthEnd(period) >= today) return { key: "close.error.notEnded" as const, params: { month: formatPeriod(period) } };
  if (latest && period !== addMonths(latest, 1)) return { key: "close.error.outOfOrder" as const, params: { month: formatPeriod(addMonths(latest, 1)) } };
  return null;
}

export function getPreCheck(actor: Actor, period: Period, today: string) {
  requirePermission(actor, "read:programme");
  if (!isPeriod(period)) throw new NotFoundError("period", period);
  const prog = getCurrentProgramme(actor);
  const db = getDb();
  const close = db.select().from(monthClose).where(and(eq(monthClose.programmeId, prog.id), eq(monthClose.period, period))).get();
  const findings = runChecks(db, prog.id, period, today);
  return {
    period,
    monthEnd: monthEnd(period),
    findings,
    blockingCount: findings.filter(isBlocking).length,
    close: close ? { ...close, acceptedFindings: JSON.parse(close.acceptedFindings) as AcceptedFinding[] } : null,
    refusal: close ? null : closeRefusal(db, prog.id, period, today),
    lockedThrough: lockedThrough(db, prog.id),
  };
}

export interface AcceptedFinding extends Finding {
  /** The message as the closer read it, in Italian, so the record stands if the catalogue changes. */
  text: string;
}

// ---------------------------------------------------------------- close

export interface CloseMonthInput {
  period: Period;
  /** The keys of the findings the closer saw and accepts. */
  acceptedKeys: string[];
  reason: string;
}

/**
 * "Chiudi il mese": the pre-check runs again inside the transaction; every blocking finding must be
 * among those accepted (with one reason), else 400 listing what is new. Then the month-end
 * snapshot (the existing one, reused if the scheduler took it), and the close record. In order:
 * a month closes only after the one before it.
 */
export function closeMonth(actor: Actor, input: CloseMonthInput, today: string) {
  return command(actor, "close:month", (tx, audit) => {
    if (!isPeriod(input.period)) throw ValidationError.field("period", "close.error.period");
    const prog = getCurrentProgramme(actor);
    const refusal = closeRefusal(tx, prog.id, input.period, today);
    if (refusal) throw ValidationError.field(null, refusal.key, refusal.params);
    const findings = runChecks(tx, prog.id, input.period, today);
    const accepted = new Set(input.acceptedKeys);
    const missing = unacceptedFindings(findings, accepted);
    if (missing.length)
      throw ValidationError.field(accepted.size ? null : "reason", accepted.size ? "close.error.newFindings" : "close.error.findingsOpen", { count: missing.length });
    const blocking = findings.filter(isBlocking);
    const reason = input.reason.trim();
    if (blocking.length && !reason) throw ValidationError.field("reason", "close.error.reasonRequired", { count: blocking.length });
    if (reason.length > 2000) throw ValidationError.field("reason", "validation.tooLong", { max: 2000 });
    const { snapshot, created } = takeMonthEndSnapshot(actor, monthEnd(input.period));
    const acceptedFindings: AcceptedFinding[] = blocking.map((f) => ({ ...f, text: translate("it", f.message.key, f.message.params) }));
    const row = tx
      .insert(monthClose)
      .values({
        programmeId: prog.id,
        period: input.period,
        closedAt: nowIso(),
        closedById: actor.id || null,
        closedByName: actor.name,
        snapshotId: snapshot.id,
        snapshotHash: snapshot.hash,
        acceptReason: blocking.length ? reason : "",
        acceptedFindings: JSON.stringify(acceptedFindings),
        findingCount: blocking.length,
      })
      .returning()
      .get();
    audit({
      action: "create",
      entityType: "month_close",
      entityId: row.id,
      entityLabel: `Chiusura ${formatPeriod(row.period)}`,
      after: { period: row.period, snapshotId: row.snapshotId, snapshotHash: row.snapshotHash, snapshotTaken: created, findingsAccepted: blocking.length, acceptReason: row.acceptReason, acceptedKeys: blocking.map((f) => f.key) },
    });
    freezeRegisPacksIn(tx, audit, row); // the month's ReGiS data pack, per CUP, frozen with the close
    return row;
  });
}

// ---------------------------------------------------------------- reads

export function listCloses(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb().select().from(monthClose).where(eq(monthClose.programmeId, programmeId)).orderBy(desc(monthClose.period)).all();
}

/** The month to close next: after the latest close, or the programme's first month. */
export function nextPeriodToClose(conn: Conn, programmeId: number): Period {
  const latest = latestClosedPeriod(conn, programmeId);
  if (latest) return addMonths(latest, 1);
  const prog = conn.select({ startDate: programme.startDate }).from(programme).where(eq(programme.id, programmeId)).get();
  return periodOf(prog?.startDate ?? nowIso().slice(0, 10));
}

export function closedPeriods(conn: Conn, programmeId: number): Set<Period> {
  return new Set(conn.select({ period: monthClose.period }).from(monthClose).where(eq(monthClose.programmeId, programmeId)).orderBy(asc(monthClose.period)).all().map((r) => r.period));
}
