import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { importJob, importStaging } from "#db/schema";
import type { Message } from "~/i18n";
import { getDb, nowIso } from "~/models/core/db.server";
import type { ImportRowIssue } from "~/models/core/errors.server";

/**
 * The job registry, in SQLite: a job's phase, progress, result and error are rows, so every worker
 * process answers a poll the same way, and a restart leaves an honest trace. A running job touches
 * its heartbeat at every chunk; one whose heartbeat stopped for HEARTBEAT_LIMIT_MS was interrupted
 * (its process died): it is marked so, its staged rows are dropped, and it can be started again.
 */
export type ImportPhase = (typeof importJob.$inferSelect)["phase"];
export const runningPhases: ImportPhase[] = ["validating", "staging", "publishing"];
export const HEARTBEAT_LIMIT_MS = 60_000;

export interface ImportJobError {
  formErrors: Message[];
  fieldErrors: { field: string | null; message: Message }[];
  rowIssues: ImportRowIssue[];
  issueCount: number;
}

export function createJob(values: Omit<typeof importJob.$inferInsert, "phase" | "startedAt" | "heartbeatAt">) {
  const now = nowIso();
  getDb().insert(importJob).values({ ...values, phase: "validating", startedAt: now, heartbeatAt: now }).run();
}

export function touchJob(id: string, fields: Partial<Pick<typeof importJob.$inferInsert, "phase" | "processed" | "total">>) {
  getDb().update(importJob).set({ ...fields, heartbeatAt: nowIso() }).where(eq(importJob.id, id)).run();
}

export function failJob(id: string, error: ImportJobError) {
  const db = getDb();
  db.transaction((tx) => {
    tx.update(importJob).set({ phase: "failed", error: JSON.stringify(error), finishedAt: nowIso(), heartbeatAt: nowIso() }).where(eq(importJob.id, id)).run();
    tx.delete(importStaging).where(eq(importStaging.jobId, id)).run();
  });
}

/** Marks running jobs whose heartbeat stopped as interrupted and drops what they staged. */
export function sweepInterrupted(now = Date.now()) {
  const cutoff = new Date(now - HEARTBEAT_LIMIT_MS).toISOString();
  const db = getDb();
  const stale = db
    .select({ id: importJob.id })
    .from(importJob)
    .where(and(inArray(importJob.phase, runningPhases), lt(importJob.heartbeatAt, cutoff)))
    .all();
  for (const { id } of stale) {
    db.transaction((tx) => {
      tx.update(importJob).set({ phase: "interrupted", finishedAt: nowIso() }).where(and(eq(importJob.id, id), inArray(importJob.phase, runningPhases))).run();
      tx.delete(importStaging).where(eq(importStaging.jobId, id)).run();
    });
  }
}

export function readJob(id: string) {
  sweepInterrupted();
  return getDb().select().from(importJob).where(eq(importJob.id, id)).get() ?? null;
}

export function recentJobs(programmeId: number, actorId: number) {
  sweepInterrupted();
  return getDb()
    .select()
    .from(importJob)
    .where(and(eq(importJob.programmeId, programmeId), eq(importJob.actorId, actorId), inArray(importJob.phase, [...runningPhases, "interrupted"])))
    .orderBy(desc(importJob.startedAt))
    .limit(5)
    .all();
}
