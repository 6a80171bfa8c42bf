/**
 * The write kernel: the one place where the product's central promise is kept.
 *
 *   permission → validate → write → audit, in one transaction.
 *
 * Every model write goes through `command` (or `commandIn` when it is composed inside another
 * command's transaction). The helpers below load a versioned row (404 when missing, a conflict that
 * names who changed it and when), apply a versioned update (changed fields → version + 1 → one audit
 * record with before and after), and insert a row with its audit record.
 */
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { user } from "#db/schema";
import type { Permission } from "~/domain/core/permissions";
import { requirePermission, type Actor } from "./actor.server";
import { appendAudit, auditView, changedFields, type AuditInput } from "~/models/audit/audit.server";
import { getDb, nowIso, type Conn, type Tx } from "./db.server";
import { ConflictError, NotFoundError } from "./errors.server";

/** Appends one audit record, by the command's actor, inside the command's transaction. */
export type AuditAppender = (input: AuditInput) => void;

/**
 * Runs one write: checks `permission` for `actor`, opens a transaction, hands the work the
 * transaction and an audit appender bound to it. Anything thrown rolls everything back.
 */
export function command<T>(actor: Actor, permission: Permission, work: (tx: Tx, audit: AuditAppender) => T): T {
  requirePermission(actor, permission);
  // IMMEDIATE: take the write lock at BEGIN, so a command that reads before it writes waits its turn
  // (busy timeout) instead of failing with SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile.
  return getDb().transaction((tx) => work(tx, (input) => appendAudit(tx, actor, input)), { behavior: "immediate" });
}

/**
 * A write about the actor's own session (login, logout): nothing to check but who they are, which
 * the caller has just proved. Still one transaction with its audit record.
 */
export function sessionCommand<T>(actor: Actor, work: (tx: Tx, audit: AuditAppender) => T): T {
  return getDb().transaction((tx) => work(tx, (input) => appendAudit(tx, actor, input)));
}

/**
 * The same as `command`, inside a transaction that is already open: for model functions that
 * others compose (the Gantt's reschedule updates tasks, milestones and work packages in one go).
 */
export function commandIn<T>(tx: Conn, actor: Actor, permission: Permission, work: (tx: Conn, audit: AuditAppender) => T): T {
  requirePermission(actor, permission);
  return work(tx, (input) => appendAudit(tx, actor, input));
}

/** Columns every versioned table has. */
export interface VersionedColumns {
  id: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
  updatedById: SQLiteColumn;
}
export type VersionedRow = { id: number; version: number; updatedById: number | null; updatedAt: string };

/** How the kernel talks about one kind of row: its audit name, its table and its human label. */
export interface Entity<Row> {
  type: string;
  table: SQLiteTable & VersionedColumns;
  label: (row: Row) => string;
}

/** Declares an entity; the row type is the table's own select type. */
export function entity<TTable extends SQLiteTable & VersionedColumns>(
  type: string,
  table: TTable,
  label: (row: TTable["$inferSelect"]) => string,
): Entity<TTable["$inferSelect"]> {
  return { type, table, label };
}

/** Created/updated stamps for an insert by `actor`. */
export function stamp(actor: Actor) {
  const now = nowIso();
  return { createdAt: now, updatedAt: now, updatedById: actor.id || null };
}

/** A conflict that names who last changed the row and when. */
export function conflictOf(conn: Conn, entityType: string, row: Pick<VersionedRow, "id" | "updatedById" | "updatedAt">) {
  const by = row.updatedById ? conn.select({ name: user.name }).from(user).where(eq(user.id, row.updatedById)).get() : null;
  return new ConflictError(entityType, row.id, by?.name ?? "—", row.updatedAt);
}

/** Reads a row by id or throws NotFoundError. */
export function loadRow<Row>(conn: Conn, target: Entity<Row>, id: number): Row {
  const row = conn.select().from(target.table).where(eq(target.table.id, id)).get() as Row | undefined;
  if (!row) throw new NotFoundError(target.type, id);
  return row;
}

/** Reads a row for writing: 404 when missing, a conflict when the editor started from another version. */
export function loadVersioned<Row extends VersionedRow>(conn: Conn, target: Entity<Row>, id: number, version: number): Row {
  const row = loadRow(conn, target, id);
  if (row.version !== version) throw conflictOf(conn, target.type, row);
  return row;
}

/**
 * Writes the fields that differ from `current`: version + 1, stamps, one audit record with before
 * and after. Returns `current` untouched when nothing changed (no write, no audit). `extraAudit`
 * adds context to the record (a reason, a file name) without being written to the row;
 * `alsoWrite` is written along with a change (an import time) without counting as one.
 */
export function updateVersioned<Row extends VersionedRow>(
  tx: Conn,
  actor: Actor,
  target: Entity<Row>,
  current: Row,
  fields: Partial<Row>,
  options: { version?: number; extraAudit?: Record<string, unknown>; alsoWrite?: Partial<Row>; force?: boolean } = {},
): Row {
  const version = options.version ?? current.version;
  if (current.version !== version) throw conflictOf(tx, target.type, current);
  const diff = changedFields(current as Record<string, unknown>, fields as Record<string, unknown>);
  if (!diff.changed && !options.force) return current;
  const table = target.table;
  const updated = tx
    .update(table)
    .set({ ...(fields as object), ...(options.alsoWrite ?? {}), version: version + 1, updatedAt: nowIso(), updatedById: actor.id || null } as never)
    .where(and(eq(table.id, current.id), eq(table.version, version)))
    .returning()
    .get() as unknown as Row | undefined;
  if (!updated) throw conflictOf(tx, target.type, current);
  appendAudit(tx, actor, {
    action: "update",
    entityType: target.type,
    entityId: current.id,
    entityLabel: target.label(updated),
    before: diff.before,
    after: { ...diff.after, ...(options.extraAudit ?? {}) },
  });
  return updated;
}

/** Inserts a row with stamps and its "create" audit record. */
export function insertAudited<Row extends { id: number }>(
  tx: Conn,
  actor: Actor,
  target: Entity<Row>,
  values: Record<string, unknown>,
  options: { extraAudit?: Record<string, unknown> } = {},
): Row {
  const created = tx
    .insert(target.table)
    .values({ ...stamp(actor), ...values } as never)
    .returning()
    .get() as unknown as Row;
  appendAudit(tx, actor, {
    action: "create",
    entityType: target.type,
    entityId: created.id,
    entityLabel: target.label(created),
    after: { ...auditView(created as Record<string, unknown>), ...(options.extraAudit ?? {}) },
  });
  return created;
}

/** Deletes a row and records what it was (plus whatever went with it). */
export function deleteAudited<Row extends { id: number }>(
  tx: Conn,
  actor: Actor,
  target: Entity<Row>,
  current: Row,
  extraBefore: Record<string, unknown> = {},
) {
  tx.delete(target.table).where(eq(target.table.id, current.id)).run();
  appendAudit(tx, actor, {
    action: "delete",
    entityType: target.type,
    entityId: current.id,
    entityLabel: target.label(current),
    before: { ...auditView(current as Record<string, unknown>), ...extraBefore },
  });
}
