import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

/**
 * Online backup: SQLite's backup API copies a consistent image of the database page by page while
 * the server keeps reading and writing (WAL mode). The copy is a single self-contained file.
 */
export async function backupDatabase(sourceFile: string, targetFile: string) {
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  if (fs.existsSync(targetFile)) throw new Error(`Backup target already exists: ${targetFile}`);
  const source = new Database(sourceFile, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    await source.backup(targetFile);
  } finally {
    source.close();
  }
  const copy = new Database(targetFile);
  try {
    // A backup of a WAL database is itself in WAL mode; a plain rollback journal keeps it one file.
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`Backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return { file: targetFile, bytes: fs.statSync(targetFile).size };
}

/** data/backups/traguardi-2025-11-14T10-30-00Z.db beside the database. */
export function defaultBackupPath(databaseFile: string, now = new Date()) {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return path.join(path.dirname(path.resolve(databaseFile)), "backups", `traguardi-${stamp}.db`);
}

/**
 * Restores a backup over the database file. The server must be stopped first: the old file and
 * its -wal/-shm companions are replaced, so no stale WAL page can be replayed over the restored
 * image. The backup itself is never modified.
 */
export function restoreDatabase(backupFile: string, targetFile: string) {
  const probe = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = probe.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`The backup is damaged: ${String(check)}`);
  } finally {
    probe.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const staging = `${targetFile}.restoring`;
  fs.copyFileSync(backupFile, staging);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  fs.renameSync(staging, targetFile);
  return { file: targetFile, bytes: fs.statSync(targetFile).size };
}
