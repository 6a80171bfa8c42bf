import Database from "better-sqlite3";
import fs from "node:fs";
import { defaultDatabasePath } from "../client";
import { restoreDatabase } from "../backup";

/**
 * npm run restore -- <backup file>: replaces DATABASE_PATH (or data/traguardi.db) with the backup.
 * Stop the server first: it refuses while another process has the database open.
 */
const backupFile = process.argv[2];
if (!backupFile) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(2);
}
const target = defaultDatabasePath();
if (fs.existsSync(target)) {
  // Leaving WAL mode needs every other connection closed: if it cannot, a server still has the
  // database open. (The file is about to be replaced, so changing its journal mode costs nothing.)
  let mode: unknown;
  try {
    const probe = new Database(target);
    probe.pragma("busy_timeout = 0");
    mode = probe.pragma("journal_mode = DELETE", { simple: true });
    probe.close();
  } catch (error) {
    mode = error instanceof Error ? error.message : String(error);
  }
  if (mode !== "delete") {
    console.error(`The database ${target} is in use (${String(mode)}): stop the server before restoring.`);
    process.exit(1);
  }
}
const result = restoreDatabase(backupFile, target);
console.log(`Restored ${backupFile} to ${result.file} (${(result.bytes / 1_048_576).toFixed(1)} MB).`);
