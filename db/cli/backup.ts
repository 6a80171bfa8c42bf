import { defaultDatabasePath } from "../client";
import { backupDatabase, defaultBackupPath } from "../backup";

/**
 * npm run backup [-- <target file>]: online backup of the running database (DATABASE_PATH or
 * data/traguardi.db) to data/backups/ or the given path.
 */
const source = defaultDatabasePath();
const target = process.argv[2] ?? defaultBackupPath(source);
const started = Date.now();
const result = await backupDatabase(source, target);
console.log(`Backup of ${source} written to ${result.file} (${(result.bytes / 1_048_576).toFixed(1)} MB, ${Date.now() - started} ms).`);
