/** People trained, entered by hand on a wave's page (the CSV import is completions-import). */
import { dateProblem, isCountInBounds } from "~/domain/core/bounds";
import { eq } from "drizzle-orm";
import { trainingCompletion } from "#db/schema";
import { formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import type { Actor } from "~/models/core/actor.server";
import { auditView } from "~/models/audit/audit.server";
import { assertMonthOpen } from "~/models/close/lock.server";
import { command, loadRow } from "~/models/core/command.server";
import { nowIso, type Conn } from "~/models/core/db.server";
import { ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { waveEntity } from "./waves.server";

export interface CompletionInput {
  date: IsoDate;
  count: number;
  note: string;
}

/**
 * Adds people trained on a day. A negative count corrects an earlier entry; the wave's running
 * total may never go below zero on any date. Completions are append-only (no version): a plain
 * insert with its own audit record.
 */
export function recordCompletion(actor: Actor, waveId: number, input: CompletionInput, today: IsoDate) {
  return command(actor, "update:training", (tx, audit) => {
    const wave = loadRow(tx, waveEntity, waveId);
    const issues: FieldIssue[] = [];
    if (dateProblem(input.date)) issues.push({ field: "date", message: { key: dateProblem(input.date)! } });
    else if (input.date > today) issues.push({ field: "date", message: { key: "training.validation.future" } });
    else if (input.date < wave.startDate) issues.push({ field: "date", message: { key: "training.validation.beforeWave", params: { start: formatDate(wave.startDate) } } });
    if (!Number.isInteger(input.count) || input.count === 0) issues.push({ field: "count", message: { key: "training.validation.nonZeroInteger" } });
    else if (!isCountInBounds(input.count)) issues.push({ field: "count", message: { key: "bounds.count" } });
    ValidationError.throwIf(issues);
    assertMonthOpen(tx, wave.programmeId, input.date, "date");
    if (input.count < 0) checkNeverNegative(tx, wave.id, input.date, input.count, "count");
    const created = tx
      .insert(trainingCompletion)
      .values({ waveId, date: input.date, count: input.count, note: input.note.trim(), source: "manual", createdAt: nowIso(), createdById: actor.id || null })
      .returning()
      .get();
    audit({ action: "create", entityType: "training_completion", entityId: created.id, entityLabel: `${wave.code} ${formatDate(created.date)}`, after: auditView(created) });
    return created;
  });
}

/** A correction on `date` must not make the running total negative on that date or any later one. */
function checkNeverNegative(conn: Conn, waveId: number, date: IsoDate, delta: number, field: string) {
  const rows = conn.select({ date: trainingCompletion.date, count: trainingCompletion.count }).from(trainingCompletion).where(eq(trainingCompletion.waveId, waveId)).all();
  rows.push({ date, count: delta });
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.count - a.count));
  let running = 0;
  for (const row of rows) {
    running += row.count;
    if (running < 0) throw ValidationError.field(field, "training.validation.negativeTotal", { date: formatDate(row.date) });
  }
}
