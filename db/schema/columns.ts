import { integer, text } from "drizzle-orm/sqlite-core";

/** Columns every editable row carries: optimistic-lock version and who touched it last. */
export const versioned = {
  version: integer().notNull().default(1),
  createdAt: text().notNull(),
  updatedAt: text().notNull(),
  updatedById: integer(),
};
