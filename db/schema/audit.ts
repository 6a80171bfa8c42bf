import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Append-only trail. No foreign keys: audit rows outlive the users and rows they describe.
 * Each row carries the hash of the row before it, so any rewrite of history breaks the chain.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actorId: integer(),
    actorName: text().notNull(),
    actorRole: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    entityLabel: text(),
    beforeJson: text(),
    afterJson: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (table) => [
    index("audit_log_entity_idx").on(table.entityType, table.entityId),
    index("audit_log_actor_id_idx").on(table.actorId),
    index("audit_log_at_idx").on(table.at),
  ],
);
