/** The Gantt baseline: a snapshot's dates drawn as ghost bars under the live ones. */
import { eq } from "drizzle-orm";
import { snapshot } from "#db/schema";
import type { IsoDate } from "~/domain/core/dates";
import { sha256Hex } from "~/domain/snapshots/snapshot-hash";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { NotFoundError } from "~/models/core/errors.server";
import { getSnapshot } from "~/models/snapshots/snapshot.server";

/** An item's dates in a baseline snapshot, keyed like the chart's rows: t12, m3, wp4. */
export type BaselineItems = Map<string, { start: IsoDate; end: IsoDate }>;

interface BaselineEntry {
  summary: { id: number; programmeId: number; label: string; asOf: IsoDate };
  /** sha256 of the stored text the items were read from. */
  textHash: string;
  verified: boolean;
  items: BaselineItems;
}

/**
 * Parsed baselines, per database. Snapshots are immutable, but the stored text is hashed again on
 * every use (cheap next to parsing it), so a row altered behind the app's back is read afresh and
 * shows as unverified.
 */
const baselineCache = new WeakMap<object, Map<number, BaselineEntry>>();
const BASELINE_CACHE_SIZE = 4;

function baselineEntry(actor: Actor, snapshotId: number): BaselineEntry {
  const db = getDb();
  let cache = baselineCache.get(db);
  if (!cache) baselineCache.set(db, (cache = new Map()));
  const row = Number.isInteger(snapshotId) ? db.select({ content: snapshot.content, hash: snapshot.hash }).from(snapshot).where(eq(snapshot.id, snapshotId)).get() : undefined;
  if (!row) throw new NotFoundError("snapshot", snapshotId);
  const textHash = sha256Hex(row.content);
  const hit = cache.get(snapshotId);
  if (hit && hit.textHash === textHash) return { ...hit, verified: textHash === row.hash };
  const { summary, content, verified } = getSnapshot(actor, snapshotId);
  const items: BaselineItems = new Map();
  for (const wp of content.plan.workPackages) items.set(`wp${wp.id}`, { start: wp.startDate, end: wp.endDate });
  for (const t of content.plan.tasks) items.set(`t${t.id}`, { start: t.startDate, end: t.endDate });
  for (const m of content.plan.milestones) items.set(`m${m.id}`, { start: m.dueDate, end: m.dueDate });
  const entry = { summary: { id: summary.id, programmeId: summary.programmeId, label: summary.label, asOf: summary.asOf }, textHash, verified, items };
  cache.delete(snapshotId);
  if (cache.size >= BASELINE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(snapshotId, entry);
  return entry;
}

/**
 * A snapshot of this programme as the chart's baseline: its label and date, and the dates it held
 * for the given rows (rows added since have none; items removed since are not asked for).
 */
export function getGanttBaseline(actor: Actor, programmeId: number, snapshotId: number, rowIds: readonly string[]) {
  requirePermission(actor, "read:programme");
  const entry = baselineEntry(actor, snapshotId);
  if (entry.summary.programmeId !== programmeId) throw new NotFoundError("snapshot", snapshotId);
  const items: Record<string, { start: IsoDate; end: IsoDate }> = {};
  for (const id of rowIds) {
    const dates = entry.items.get(id);
    if (dates) items[id] = dates;
  }
  return { id: entry.summary.id, label: entry.summary.label, asOf: entry.summary.asOf, verified: entry.verified, items };
}
