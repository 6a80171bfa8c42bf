import argon2 from "argon2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "./client";
import { DEMO_PASSWORD, seedDemo } from "./seed/index";
import type { Actor } from "../app/models/core/actor.server";
import { ValidationError } from "../app/models/core/errors.server";

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

/** The demo seed's four users, as the model tests act with them. */
export const demoActors = {
  admin: { id: 1, name: "Paolo Venturi", role: "admin" },
  manager: { id: 2, name: "Giulia Ferri", role: "manager" },
  finance: { id: 3, name: "Marco Bassi", role: "finance" },
  auditor: { id: 4, name: "Elena Conti", role: "auditor" },
} as const satisfies Record<string, Actor>;

/** The `field:messageKey` of each issue `fn` is refused with; fails the test if it isn't refused. */
export function validationIssuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.field}:${i.message.key}`);
    throw error;
  }
  throw new Error("expected a ValidationError");
}
