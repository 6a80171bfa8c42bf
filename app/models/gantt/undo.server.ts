/**
 * Undo of the Gantt's last drag: the dates before it are written back as new versions (nothing
 * is deleted), refused with a conflict when anyone changed one of those rows since.
 */
import { and, desc, eq } from "drizzle-orm";
import { ganttChange } from "#db/schema";
import type { Actor } from "~/models/core/actor.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";
import { writeItem, writeWorkPackage, type ChangeEntry } from "./reschedule.server";

/** The actor's most recent chart change, if it has not been undone yet. */
export function lastUndoableChange(actor: Actor, programmeId: number) {
  if (!actor.id) return null;
  const last = getDb()
    .select({ id: ganttChange.id, summary: ganttChange.summary, createdAt: ganttChange.createdAt, undoneAt: ganttChange.undoneAt })
    .from(ganttChange)
    .where(and(eq(ganttChange.programmeId, programmeId), eq(ganttChange.userId, actor.id)))
    .orderBy(desc(ganttChange.id))
    .limit(1)
    .get();
  return last && !last.undoneAt ? { id: last.id, summary: last.summary, createdAt: last.createdAt } : null;
}

/**
 * Undoes the actor's last chart change by writing the previous dates back (new versions, new
 * audit records); nothing is deleted. Refuses with a conflict if anyone has changed one of
 * those rows since.
 */
export function undoLastChange(actor: Actor, programmeId: number, changeId: number) {
  return command(actor, "update:plan", (tx, audit) => {
    const last = tx
      .select()
      .from(ganttChange)
      .where(and(eq(ganttChange.programmeId, programmeId), eq(ganttChange.userId, actor.id)))
      .orderBy(desc(ganttChange.id))
      .limit(1)
      .get();
    if (!last || last.id !== changeId || last.undoneAt) throw ValidationError.field(null, "gantt.validation.nothingToUndo");
    const entries = JSON.parse(last.changesJson) as ChangeEntry[];
    // Items before work packages: a work package shrinks back only once its milestones are inside.
    for (const entry of [...entries].reverse()) {
      if (entry.key.startsWith("wp")) continue;
      const before = entry.before as { startDate?: string; endDate?: string; progress?: number; dueDate?: string };
      const dates = entry.key[0] === "m" ? { startDate: before.dueDate!, endDate: before.dueDate! } : { startDate: before.startDate!, endDate: before.endDate!, progress: before.progress };
      writeItem(tx, actor, entry.key, dates, entry.version);
    }
    for (const entry of entries.filter((e) => e.key.startsWith("wp")))
      writeWorkPackage(tx, actor, Number(entry.key.slice(2)), entry.before as { startDate: string; endDate: string }, entry.version);
    tx.update(ganttChange).set({ undoneAt: nowIso() }).where(eq(ganttChange.id, last.id)).run();
    audit({
      action: "update",
      entityType: "gantt_change",
      entityId: last.id,
      entityLabel: last.summary,
      before: { undone: false },
      after: { undone: true, restored: entries.map((entry) => entry.key) },
    });
    return { restored: entries.length };
  });
}
