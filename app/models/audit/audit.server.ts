import { createHash } from "node:crypto";
import { and, count, desc, eq, gt, gte, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { auditLog, budgetLine, deadlineGate, healthAuthority, indicator, milestone, task, trainingWave, user, workPackage } from "#db/schema";
import type { AuditReferences } from "~/domain/audit/audit-words";
import { canonicalJson } from "~/domain/core/canonical";
import type { Actor } from "~/models/core/actor.server";
import { requirePermission } from "~/models/core/actor.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { addDays, romeDayStartUtc } from "~/domain/core/dates";

export const GENESIS_HASH = "0".repeat(64);

export type AuditAction = "create" | "update" | "delete" | "login" | "logout" | "seed";

export interface AuditInput {
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  entityLabel?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type AuditRow = typeof auditLog.$inferSelect;

/** What the hash covers: every column except the hash itself. */
function hashOf(row: Omit<AuditRow, "id" | "hash">): string {
  return createHash("sha256").update(canonicalJson(row)).digest("hex");
}

/** Appends one record to the chain. Call inside the transaction that makes the change. */
export function appendAudit(conn: Conn, actor: Actor, input: AuditInput) {
  const last = conn.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const record = {
    at: nowIso(),
    actorId: actor.id || null,
    actorName: actor.name,
    actorRole: actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    entityLabel: input.entityLabel ?? null,
    beforeJson: input.before ? canonicalJson(input.before) : null,
    afterJson: input.after ? canonicalJson(input.after) : null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  conn.insert(auditLog).values({ ...record, hash: hashOf(record) }).run();
}

const bookkeeping = new Set(["version", "createdAt", "updatedAt", "updatedById", "passwordHash"]);

/** The fields that differ between two versions of a row, as before/after objects. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (bookkeeping.has(key)) continue;
    if (after[key] !== undefined && after[key] !== before[key]) {
      was[key] = before[key] ?? null;
      now[key] = after[key] ?? null;
    }
  }
  return { before: was, after: now, changed: Object.keys(now).length > 0 };
}

/** A row as it goes into the audit trail: without bookkeeping columns or secrets. */
export function auditView(row: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !bookkeeping.has(key)));
}

export interface AuditFilters {
  actorId?: number;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page?: number;
  /** Sign-ins and sign-outs are left out unless asked for: they would flood the changes. */
  includeSessions?: boolean;
  /** Records about one budget line: the line itself, its profile, and the ledger entries on it. */
  budgetLineId?: number;
}

const SESSION_ACTIONS = ["login", "logout"];

function auditCondition(filters: AuditFilters): SQL | undefined {
  const where: SQL[] = [];
  if (filters.actorId) where.push(eq(auditLog.actorId, filters.actorId));
  if (filters.entityType) where.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditLog.entityId, filters.entityId));
  if (!filters.includeSessions) where.push(notInArray(auditLog.action, SESSION_ACTIONS));
  if (filters.budgetLineId) {
    const id = filters.budgetLineId;
    where.push(
      or(
        and(inArray(auditLog.entityType, ["budget_line", "budget_line_profile"]), eq(auditLog.entityId, String(id))),
        sql`json_extract(${auditLog.afterJson}, '$.budgetLineId') = ${id}`,
        sql`json_extract(${auditLog.beforeJson}, '$.budgetLineId') = ${id}`,
      )!,
    );
  }
  // Filter dates are Rome calendar days; stored timestamps are UTC. A day's window is widened by
  // the offset via the day boundaries in Rome.
  if (filters.from) where.push(gte(auditLog.at, romeDayStartUtc(filters.from)));
  if (filters.to) where.push(lt(auditLog.at, romeDayStartUtc(addDays(filters.to, 1))));
  return where.length ? and(...where) : undefined;
}

type EntryRow = typeof auditLog.$inferSelect;

function entryOf(row: EntryRow) {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityLabel: row.entityLabel,
    before: row.beforeJson ? (JSON.parse(row.beforeJson) as Record<string, unknown>) : null,
    after: row.afterJson ? (JSON.parse(row.afterJson) as Record<string, unknown>) : null,
  };
}
export type AuditEntry = ReturnType<typeof entryOf>;

/**
 * The names of what the records' ids point to, so the log shows "BL-03 Licenze" rather than
 * "budgetLineId: 3". Rows deleted since keep their id (audit rows outlive their subjects).
 */
export function auditReferences(entries: readonly AuditEntry[]): AuditReferences {
  const ids = new Map<string, Set<number>>();
  const keys = new Set<string>();
  for (const entry of entries)
    for (const values of [entry.before, entry.after])
      for (const [field, value] of Object.entries(values ?? {})) {
        if (typeof value === "number" && /Id$/.test(field)) (ids.get(field) ?? ids.set(field, new Set()).get(field)!).add(value);
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) if (typeof item === "string" && /^(t|m|wp)\d+$/.test(item)) keys.add(item);
      }
  const db = getDb();
  const list = (field: string) => [...(ids.get(field) ?? [])];
  const named = (rows: { id: number; label: string }[]) => Object.fromEntries(rows.map((row) => [String(row.id), row.label]));
  const codeTitle = sql<string>`code || ' ' || title`;
  const references: AuditReferences = {};
  const lookup = (fields: string[], load: (values: number[]) => { id: number; label: string }[]) => {
    const values = [...new Set(fields.flatMap(list))];
    if (!values.length) return;
    const names = named(load(values));
    for (const field of fields) references[field] = names;
  };
  lookup(["budgetLineId"], (v) => db.select({ id: budgetLine.id, label: codeTitle }).from(budgetLine).where(inArray(budgetLine.id, v)).all());
  lookup(["workPackageId"], (v) => db.select({ id: workPackage.id, label: codeTitle }).from(workPackage).where(inArray(workPackage.id, v)).all());
  lookup(["gateId"], (v) => db.select({ id: deadlineGate.id, label: sql<string>`code || ' ' || name` }).from(deadlineGate).where(inArray(deadlineGate.id, v)).all());
  lookup(["createdById", "importedById", "userId", "updatedById"], (v) => db.select({ id: user.id, label: user.name }).from(user).where(inArray(user.id, v)).all());
  lookup(["milestoneId"], (v) => db.select({ id: milestone.id, label: codeTitle }).from(milestone).where(inArray(milestone.id, v)).all());
  lookup(["healthAuthorityId"], (v) => db.select({ id: healthAuthority.id, label: healthAuthority.name }).from(healthAuthority).where(inArray(healthAuthority.id, v)).all());
  lookup(["waveId"], (v) => db.select({ id: trainingWave.id, label: trainingWave.code }).from(trainingWave).where(inArray(trainingWave.id, v)).all());
  lookup(["indicatorId"], (v) => db.select({ id: indicator.id, label: sql<string>`code || ' ' || name` }).from(indicator).where(inArray(indicator.id, v)).all());
  if (keys.size) {
    const byPrefix = (prefix: string) => [...keys].filter((key) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))).map((key) => Number(key.slice(prefix.length)));
    const itemKey: Record<string, string> = {};
    const taskIds = byPrefix("t");
    const milestoneIds = byPrefix("m");
    const wpIds = byPrefix("wp");
    if (taskIds.length) for (const row of db.select({ id: task.id, label: codeTitle }).from(task).where(inArray(task.id, taskIds)).all()) itemKey[`t${row.id}`] = row.label;
    if (milestoneIds.length) for (const row of db.select({ id: milestone.id, label: codeTitle }).from(milestone).where(inArray(milestone.id, milestoneIds)).all()) itemKey[`m${row.id}`] = row.label;
    if (wpIds.length) for (const row of db.select({ id: workPackage.id, label: codeTitle }).from(workPackage).where(inArray(workPackage.id, wpIds)).all()) itemKey[`wp${row.id}`] = row.label;
    references.itemKey = itemKey;
  }
  return references;
}

/** Every record matching the filters, newest first, for the CSV/XLSX export (capped). */
export const AUDIT_EXPORT_LIMIT = 100_000;
export function listAuditForExport(actor: Actor, filters: AuditFilters) {
  requirePermission(actor, "read:audit");
  const entries = getDb().select().from(auditLog).where(auditCondition(filters)).orderBy(desc(auditLog.id)).limit(AUDIT_EXPORT_LIMIT).all().map(entryOf);
  return { entries, references: auditReferences(entries) };
}

export const AUDIT_PAGE_SIZE = 50;

export function listAudit(actor: Actor, filters: AuditFilters) {
  requirePermission(actor, "read:audit");
  const db = getDb();
  const condition = auditCondition(filters);
  // A page number from the URL may be anything (page=1e300): SQLite's OFFSET takes only an integer.
  const requested = filters.page ?? 1;
  const page = Number.isSafeInteger(requested) && requested >= 1 ? Math.min(requested, 1_000_000) : 1;
  const rows = db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total = db.select({ total: count() }).from(auditLog).where(condition).get()?.total ?? 0;
  const entries = rows.map(entryOf);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries,
    references: auditReferences(entries),
  };
}

/** The budget lines, for the log's "one budget line" filter. */
export function listAuditBudgetLines(actor: Actor) {
  requirePermission(actor, "read:audit");
  return getDb().select({ id: budgetLine.id, code: budgetLine.code, title: budgetLine.title }).from(budgetLine).orderBy(budgetLine.code).all();
}

export function listAuditActors(actor: Actor) {
  requirePermission(actor, "read:audit");
  return [...auditVocabulary().actors.values()].sort((a, b) => (a.actorName < b.actorName ? -1 : a.actorName > b.actorName ? 1 : (a.actorId ?? 0) - (b.actorId ?? 0)));
}

/** Every kind of entity that has audit records, so new features appear in the filter by themselves. */
export function listAuditEntityTypes(actor: Actor) {
  requirePermission(actor, "read:audit");
  return [...auditVocabulary().entityTypes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

type AuditVocabulary = { lastId: number; actors: Map<string, { actorId: number | null; actorName: string }>; entityTypes: Set<string> };
const vocabularies = new WeakMap<object, AuditVocabulary>();

/**
 * The distinct actors and entity types of the log, for the filters (issue 15). The log is
 * append-only (triggers refuse UPDATE and DELETE) and ids grow with commits, so each connection
 * keeps what it has seen and reads only rows newer than the last id: no scan of the whole log on
 * every page view. Inside an open transaction (rows that may roll back) it reads afresh instead.
 */
function auditVocabulary(): AuditVocabulary {
  const db = getDb();
  const inTransaction = db.$client.inTransaction;
  const state: AuditVocabulary = (!inTransaction && vocabularies.get(db)) || { lastId: 0, actors: new Map(), entityTypes: new Set() };
  const rows = db
    .select({ actorId: auditLog.actorId, actorName: auditLog.actorName, entityType: auditLog.entityType, lastId: sql<number>`max(${auditLog.id})` })
    .from(auditLog)
    .where(gt(auditLog.id, state.lastId))
    .groupBy(auditLog.actorId, auditLog.actorName, auditLog.entityType)
    .all();
  for (const row of rows) {
    state.actors.set(`${row.actorId}|${row.actorName}`, { actorId: row.actorId, actorName: row.actorName });
    state.entityTypes.add(row.entityType);
    state.lastId = Math.max(state.lastId, Number(row.lastId));
  }
  if (!inTransaction) vocabularies.set(db, state);
  return state;
}

export interface ChainReport {
  checked: number;
  ok: boolean;
  firstBrokenId: number | null;
  reason: "hash" | "link" | null;
}

/** Recomputes every hash in order; reports the first record whose hash or link does not match. */
export function verifyAuditChain(conn: Conn = getDb()): ChainReport {
  let prev = GENESIS_HASH;
  let checked = 0;
  // Rows are read in pages so a long trail never has to fit in memory at once.
  const PAGE = 5000;
  for (let afterId = 0; ; ) {
    const rows = conn.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(auditLog.id).limit(PAGE).all();
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
  for (const row of rows) {
    checked++;
    const { id, hash, ...rest } = row;
    if (rest.prevHash !== prev) return { checked, ok: false, firstBrokenId: id, reason: "link" };
    if (hashOf(rest) !== hash) return { checked, ok: false, firstBrokenId: id, reason: "hash" };
    prev = hash;
  }
  }
  return { checked, ok: true, firstBrokenId: null, reason: null };
}

/** The chain's head: the last record's id and hash, which snapshots and evidence packs record. */
export interface AuditHead {
  id: number;
  hash: string;
}

export function auditHead(conn: Conn = getDb()): AuditHead | null {
  return conn.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get() ?? null;
}

/** A head someone holds: a snapshot's (in its hashed content) or one an auditor copied from a pack. */
export interface AuditAnchor extends AuditHead {
  source: "snapshot" | "evidence" | "external";
  sourceId: number | null;
}

export interface AnchorProblem {
  anchor: AuditAnchor;
  problem: "missing" | "changed";
}

/**
 * Every anchored head must still be in the chain with the same hash. Together with the chain check
 * this catches truncation below an anchor (the record is gone) and an edit at or before an anchor
 * re-hashed forward (the anchored record's hash changes). Records after the newest anchor are only
 * as safe as the chain itself: see the threat model in the README.
 */
export function verifyAnchors(conn: Conn, anchors: readonly AuditAnchor[]): AnchorProblem[] {
  const problems: AnchorProblem[] = [];
  for (const anchor of anchors) {
    const row = conn.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, anchor.id)).get();
    if (!row) problems.push({ anchor, problem: "missing" });
    else if (row.hash !== anchor.hash) problems.push({ anchor, problem: "changed" });
  }
  return problems;
}

/** `123:abcdef…` (id and hash, as the evidence pack prints them) → an external anchor, or null. */
export function parseAnchor(text: string): AuditAnchor | null {
  const match = /^\s*(\d{1,12})\s*[:\s]\s*([0-9a-f]{64})\s*$/i.exec(text);
  return match ? { source: "external", sourceId: null, id: Number(match[1]), hash: match[2].toLowerCase() } : null;
}
