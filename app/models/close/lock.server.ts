import { desc, eq } from "drizzle-orm";
import { monthClose } from "#db/schema";
import { addMonths, formatPeriod, monthEnd, periodOf, type Period } from "~/domain/close/period";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import type { Conn } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";

/*
 * Kept apart from close.server.ts (which takes snapshots) so that every write path that calls
 * assertMonthOpen (ledger, completions, measurements) can import it without an import circle.
 */

/**
 * The month lock. Closing month M locks every date up to M's last day: ReGiS has validated them,
 * so a correction is a new entry dated in an open month, never an edit of a closed one.
 */
export function latestClosedPeriod(conn: Conn, programmeId: number): Period | null {
  const row = conn.select({ period: monthClose.period }).from(monthClose).where(eq(monthClose.programmeId, programmeId)).orderBy(desc(monthClose.period)).limit(1).get();
  return row?.period ?? null;
}

/**
 * Refuses a write dated in a closed month (400 naming `field`). Called by every write path that
 * records dated facts: ledger entries and reversals, training completions, indicator measurements.
 */
export function assertMonthOpen(conn: Conn, programmeId: number, isoDate: string, field: string | null = "date") {
  if (!isIsoDate(isoDate)) return;
  const closed = latestClosedPeriod(conn, programmeId);
  if (closed && periodOf(isoDate) <= closed)
    throw ValidationError.field(field, "close.error.monthClosed", { date: formatDate(isoDate), month: formatPeriod(closed), next: formatDate(`${addMonths(closed, 1)}-01`) });
}

/** The same test for imports, which report per row: the last locked day, or null. */
export function lockedThrough(conn: Conn, programmeId: number): string | null {
  const closed = latestClosedPeriod(conn, programmeId);
  return closed ? monthEnd(closed) : null;
}
