/**
 * Where background import jobs keep their state: SQLite, shared by every worker process (the
 * job runs in the worker that started it; the page's polling may reach any worker).
 */
import { eq, lt } from "drizzle-orm";
import { importJob } from "#db/schema";
import { getDb } from "../db.server";

export interface StoredJob<State> {
  id: string;
  actorId: number;
  fileName: string;
  startedAt: number;
  state: State;
}

const DAY_MS = 86_400_000;

export function saveNewJob<State>(job: StoredJob<State>) {
  const db = getDb();
  db.delete(importJob).where(lt(importJob.startedAt, Date.now() - DAY_MS)).run();
  db.insert(importJob)
    .values({ id: job.id, actorId: job.actorId, fileName: job.fileName, startedAt: job.startedAt, updatedAt: Date.now(), state: JSON.stringify(job.state) })
    .run();
}

export function saveJobState<State>(id: string, state: State) {
  getDb().update(importJob).set({ state: JSON.stringify(state), updatedAt: Date.now() }).where(eq(importJob.id, id)).run();
}

export function loadJob<State>(id: string): StoredJob<State> | null {
  const row = getDb().select().from(importJob).where(eq(importJob.id, id)).get();
  return row ? { id: row.id, actorId: row.actorId, fileName: row.fileName, startedAt: row.startedAt, state: JSON.parse(row.state) as State } : null;
}
