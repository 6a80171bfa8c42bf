import { verifyAuditChain } from "../../app/models/audit/audit.server";
import { verifyAllSnapshots } from "../../app/models/snapshots/snapshot.server";
import { defaultDatabasePath, openDatabase } from "../client";

/**
 * npm run audit:verify: recomputes the audit chain (and every snapshot's hash) of DATABASE_PATH
 * or data/traguardi.db. Exit code 1 and the first broken link when anything was altered.
 */
const file = defaultDatabasePath();
const db = openDatabase(file);
try {
  const chain = verifyAuditChain(db);
  const snapshots = verifyAllSnapshots(db);
  if (chain.ok) console.log(`Audit chain intact: ${chain.checked} records verified (${file}).`);
  else
    console.error(
      `Audit chain BROKEN at record id ${chain.firstBrokenId}: ${chain.reason === "hash" ? "its content does not match its hash" : "its prev_hash does not match the record before it"} (${chain.checked} records checked).`,
    );
  if (snapshots.broken.length === 0) console.log(`Snapshots: ${snapshots.checked} verified, none altered.`);
  else console.error(`Snapshots ALTERED: ids ${snapshots.broken.join(", ")} no longer match their hash.`);
  process.exitCode = chain.ok && snapshots.broken.length === 0 ? 0 : 1;
} finally {
  db.$client.close();
}
