import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export function defaultDatabasePath() {
  return process.env.DATABASE_PATH ?? path.join(process.cwd(), "data", "traguardi.db");
}

/** Opens SQLite the way every process of the app must: WAL, foreign keys on, a busy timeout. */
export function openDatabase(file: string = defaultDatabasePath()): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema, casing: "snake_case" }) as Db;
}

export function migrateDatabase(db: Db) {
  migrate(db, { migrationsFolder });
}
