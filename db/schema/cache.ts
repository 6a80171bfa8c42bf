import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One write counter per table (issue 15): triggers (migration `table_change_triggers`) add 1 on
 * every row inserted, updated or deleted, in the writing transaction, by any process. Each worker
 * keys its caches of computed pages on the counters of the tables a computation reads
 * (app/models/core/read-cache.server.ts), so a write by another worker is seen on the next request.
 * Bookkeeping, not a record: never audited, never snapshotted.
 */
export const tableChange = sqliteTable("table_change", {
  name: text().primaryKey(),
  changes: integer().notNull().default(0),
});
