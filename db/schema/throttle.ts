import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Failed-login counters, shared by every worker process and kept across restarts. `key` is
 * `address:<client address>` or `account:<normalised email>`; the window or backoff is measured
 * from the timestamps (ISO, UTC). Rows are bookkeeping, not records: a success deletes the
 * account's row and old rows are swept.
 */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: text().notNull(),
  lastFailureAt: text().notNull(),
});
