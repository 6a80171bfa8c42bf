import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { roles } from "../../app/domain/core/permissions";
import { versioned } from "./columns";


export const user = sqliteTable(
  "user",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    email: text().notNull().unique(),
    name: text().notNull(),
    role: text({ enum: roles }).notNull(),
    passwordHash: text().notNull(),
    active: integer({ mode: "boolean" }).notNull().default(true),
    ...versioned,
  },
  (table) => [check("user_role_check", sql`${table.role} in ('admin','manager','finance','auditor')`)],
);

export const session = sqliteTable(
  "session",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
  },
  (table) => [index("session_user_id_idx").on(table.userId)],
);
