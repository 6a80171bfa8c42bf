import { verifyAuditChain } from "../../app/models/audit/audit.server";
import { verifyAllSnapshots } from "../../app/models/snapshots/snapshot.server";
import { verifyStoredDocuments } from "../../app/models/documents/document.server";
import { parseAnchor, type AuditAnchor } from "../../app/models/audit/audit.server";
import { verifyAuditTrail } from "../../app/models/snapshots/snapshot.server";
import { defaultDatabasePath, openDatabase } from "../client";

/**
 * npm run audit:verify [-- <id>:<hash> …]: recomputes the audit chain, every snapshot's hash, every
 * anchored chain head (each snapshot's, plus any given on the command line, copied from an evidence
 * pack) and the ledger's monthly totals, for DATABASE_PATH or data/traguardi.db. Exit code 1 and
 * what broke when anything was altered.
 */
const external: AuditAnchor[] = [];
for (const arg of process.argv.slice(2)) {
  const anchor = parseAnchor(arg);
  if (!anchor) {
    console.error(`Not an anchor (expected <id>:<64 hex digits>): ${arg}`);
    process.exit(2);
  }
  external.push(anchor);
}
const file = defaultDatabasePath();
const db = openDatabase(file);
try {
  const { ok, chain, snapshots, anchors, ledgerMonths } = verifyAuditTrail(null, external, db);
  if (chain.ok) console.log(`Audit chain intact: ${chain.checked} records verified (${file}).`);
  else
    console.error(
      `Audit chain BROKEN at record id ${chain.firstBrokenId}: ${chain.reason === "hash" ? "its content does not match its hash" : "its prev_hash does not match the record before it"} (${chain.checked} records checked).`,
    );
  if (snapshots.broken.length === 0) console.log(`Snapshots: ${snapshots.checked} verified, none altered.`);
  else console.error(`Snapshots ALTERED: ids ${snapshots.broken.join(", ")} no longer match their hash.`);
  // Every stored document file against the SHA-256 its metadata records (issue 13).
  const documents = verifyStoredDocuments(db);
  if (documents.problems.length === 0) console.log(`Documents: ${documents.checked} verified (${documents.files} files), none missing or altered.`);
  else for (const p of documents.problems) console.error(`Document ${p.id} "${p.name}" ${p.state === "missing" ? "MISSING from the store" : "ALTERED: its file no longer matches"} (sha256 ${p.sha256}).`);
  if (anchors.problems.length === 0) console.log(`Anchors: ${anchors.checked} chain heads still in the chain, unchanged.`);
  for (const { anchor, problem } of anchors.problems)
    console.error(
      `Anchor ${anchor.source}${anchor.sourceId ? ` ${anchor.sourceId}` : ""}: audit record ${anchor.id} ${problem === "missing" ? "is MISSING (chain truncated)" : "has a DIFFERENT hash (chain rewritten)"}.`,
    );
  if (ledgerMonths.differences.length === 0) console.log(`Ledger monthly totals: ${ledgerMonths.checked} rows match their entries.`);
  for (const d of ledgerMonths.differences)
    console.error(`ledger_month line ${d.budgetLineId} ${d.kind} ${d.month}: stored ${d.storedCents ?? "—"} cents / ${d.storedCount ?? "—"} entries, entries say ${d.entriesCents ?? "—"} / ${d.entriesCount ?? "—"}.`);
  process.exitCode = ok && documents.problems.length === 0 ? 0 : 1;
} finally {
  db.$client.close();
}
