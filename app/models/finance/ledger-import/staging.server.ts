import { eq } from "drizzle-orm";
import { importJob, importStaging } from "#db/schema";
import type { Addition, OverrunConfirmation } from "~/domain/finance/budget-control";
import { formatDate } from "~/domain/core/dates";
import type { Actor } from "~/models/core/actor.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso, type Tx } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";
import { findOverruns, requireOverrunConfirmation } from "../budget-control.server";
import { LEDGER_BASE_ID, PUBLISH, PUBLISH_MONTHS, STAGE_INSERT } from "./sql.server";
import type { StagedRow } from "./validate.server";

/**
 * Staging and publishing. The scan hands checked rows over in chunks; each chunk is written to
 * import_staging in its own short transaction (a few milliseconds of write lock), so other users'
 * writes pass in between. Nothing staged is visible in the ledger. The publish is ONE command on
 * the write kernel: permission, the same-file and duplicate checks again under the lock, budget
 * control (confirmed with a reason), the batch row, one INSERT … SELECT into the ledger, the job
 * marked done, and one audit record for the file — all or nothing.
 */
export function stageChunk(jobId: string, rows: readonly StagedRow[]) {
  const client = getDb().$client;
  const insert = client.prepare(STAGE_INSERT);
  client.transaction(() => {
    for (const r of rows)
      insert.run(jobId, r.seq, r.row, r.budgetLineId, r.kind, r.entryDate, r.amountCents, r.supplier, r.cig, r.documentNumber, r.description, r.fingerprint, r.reversesEntryId, r.reversesSeq);
  }).immediate();
}

export interface PublishResult {
  batchId: number;
  fileName: string;
  rowCount: number;
  importedCount: number;
  skippedCount: number;
  reversalCount: number;
  totals: { commitment: number; payment: number };
}

export interface PublishInput {
  jobId: string;
  programmeId: number;
  fileName: string;
  fileHash: string;
  rowCount: number;
  /** What the scan staged: counts, per line and kind sums, and the digest of the fingerprints in seq order. */
  staged: { count: number; reversals: number; sums: Addition[]; fingerprintsSha256: string };
  confirmation?: OverrunConfirmation;
  saveProfile?: (tx: Tx) => void;
}

/** Page cache for the publish statement: the ledger's indexes are touched all over at once. */
const PUBLISH_CACHE_KIB = 32_768;

export function publish(actor: Actor, input: PublishInput): PublishResult {
  const client = getDb().$client;
  const defaultCache = client.pragma("cache_size", { simple: true }) as number;
  client.pragma(`cache_size = -${PUBLISH_CACHE_KIB}`);
  try {
    return command(actor, "update:finance", (tx, audit) => {
      const already = client.prepare("select imported_at, imported_by_name, imported_count from import_batch where file_hash = ?").get(input.fileHash) as
        | { imported_at: string; imported_by_name: string; imported_count: number }
        | undefined;
      if (already) throw ValidationError.field(null, "finance.import.error.sameFile", { date: formatDate(already.imported_at.slice(0, 10)), by: already.imported_by_name, count: already.imported_count });
      const staged = input.staged.count;
      if (staged === 0) throw ValidationError.field(null, "finance.import.error.nothingNew", { count: input.rowCount });
      // Budget control again, on the totals as they are now (another user may have written meanwhile).
      const confirmation = requireOverrunConfirmation(findOverruns(tx, input.programmeId, input.staged.sums), input.confirmation);
      const totals = { commitment: 0, payment: 0 };
      for (const sum of input.staged.sums) totals[sum.kind] += sum.amountCents;
      const now = nowIso();
      const batchId = Number(
        client
          .prepare("insert into import_batch (programme_id, file_name, file_hash, row_count, imported_count, skipped_count, imported_by_id, imported_by_name, imported_at, bulk) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
          .run(input.programmeId, input.fileName, input.fileHash, input.rowCount, staged, input.rowCount - staged, actor.id || null, actor.name, now).lastInsertRowid,
      );
      const base = client.prepare(LEDGER_BASE_ID).pluck().get() as number;
      let inserted: number;
      try {
        inserted = client.prepare(PUBLISH).run({ base, batch: batchId, now, actor: actor.id || null, job: input.jobId }).changes;
      } catch (error) {
        // The unique fingerprint index: identical entries reached the ledger after the scan.
        if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
          const clashes = client.prepare("select count(*) from import_staging s join ledger_entry e on e.fingerprint = s.fingerprint where s.job_id = ?").pluck().get(input.jobId) as number;
          throw ValidationError.field(null, "finance.import.error.changedMeanwhile", { count: clashes });
        }
        throw error;
      }
      if (inserted !== staged) throw new Error(`Publish wrote ${inserted} of ${staged} staged rows`);
      client.prepare(PUBLISH_MONTHS).run(input.jobId);
      input.saveProfile?.(tx);
      const result: PublishResult = { batchId, fileName: input.fileName, rowCount: input.rowCount, importedCount: staged, skippedCount: input.rowCount - staged, reversalCount: input.staged.reversals, totals };
      tx.update(importJob).set({ phase: "done", processed: staged, total: staged, result: JSON.stringify(result), finishedAt: now, heartbeatAt: now }).where(eq(importJob.id, input.jobId)).run();
      // One audit record per file: the batch, the id range of its entries and a digest of their fingerprints.
      audit({
        action: "create",
        entityType: "import_batch",
        entityId: batchId,
        entityLabel: input.fileName,
        after: {
          fileHash: input.fileHash,
          rowCount: input.rowCount,
          importedCount: staged,
          skippedDuplicates: input.rowCount - staged,
          reversals: input.staged.reversals,
          entryIds: `${base + 1}–${base + staged}`,
          fingerprintsSha256: input.staged.fingerprintsSha256,
          committedCents: totals.commitment,
          paidCents: totals.payment,
          overCommitmentConfirmed: Object.keys(confirmation).length > 0,
          ...confirmation,
        },
      });
      return result;
    });
  } finally {
    client.pragma(`cache_size = ${defaultCache}`);
  }
}

/** Drops a finished job's staged rows, in small transactions (they are no longer needed). */
export async function clearStaging(jobId: string) {
  const client = getDb().$client;
  const remove = client.prepare("delete from import_staging where rowid in (select rowid from import_staging where job_id = ? limit 5000)");
  while (remove.run(jobId).changes > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  void importStaging;
}
