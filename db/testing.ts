import argon2 from "argon2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "./client";
import { DEMO_PASSWORD, seedDemo } from "./seed/index";

let cachedHash: string | undefined;

/**
 * A fresh SQLite file, migrated and (by default) seeded with the demo programme, which the app's
 * models then use through DATABASE_PATH. For model tests: real SQLite, no mocks.
 */
export async function useTestDatabase({ seed = true }: { seed?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "traguardi-test-"));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  migrateDatabase(db);
  if (seed) {
    cachedHash ??= await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
    seedDemo(db, cachedHash);
  }
  db.$client.close();
  process.env.DATABASE_PATH = file;
  return {
    file,
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
