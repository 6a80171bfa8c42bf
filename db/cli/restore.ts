import Database from "better-sqlite3";
import { defaultDatabasePath } from "../client";
import { restoreDatabase } from "../backup";

/**
 * npm run restore -- <backup file>: replaces DATABASE_PATH (or data/traguardi.db) with the backup.
 * Stop the server first. Refuses while another process holds a write lock on the database.
 */
const backupFile = process.argv[2];
if (!backupFile) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(2);
}
const target = defaultDatabasePath();
try {
  // A running server in WAL mode keeps the database open; a short exclusive lock proves nobody writes.
  const probe = new Database(target, { fileMustExist: true });
  probe.pragma("busy_timeout = 0");
  probe.exec("BEGIN EXCLUSIVE; COMMIT;");
  probe.close();
} catch (error) {
  if (!(error instanceof Error && /unable to open|does not exist/i.test(error.message))) {
    console.error(`The database is in use (${error instanceof Error ? error.message : String(error)}): stop the server before restoring.`);
    process.exit(1);
  }
}
const result = restoreDatabase(backupFile, target);
console.log(`Restored ${backupFile} to ${result.file} (${(result.bytes / 1_048_576).toFixed(1)} MB).`);
