import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { budgetLine, importBatch } from "#db/schema";
import type { OverrunConfirmation } from "~/domain/finance/budget-control";
import { importFields, requiredImportFields, type ImportField } from "~/domain/finance/finance-values";
import { formatDate } from "~/domain/core/dates";
import { CsvFormatError } from "~/domain/core/italian-csv";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { ImportRowsError, NotFoundError, ValidationError } from "~/models/core/errors.server";
import { guessMapping, headerKey, type ImportMapping, type ValueMapping } from "./ledger-import/columns.server";
import { createJob, failJob, readJob, recentJobs, touchJob, type ImportJobError, type ImportPhase } from "./ledger-import/jobs.server";
import { loadProfile, saveProfile } from "./ledger-import/profiles.server";
import { streamCsv } from "./ledger-import/read.server";
import { clearStaging, publish, stageChunk, type PublishResult } from "./ledger-import/staging.server";
import { scanFile } from "./ledger-import/validate.server";

/**
 * The ledger CSV import from the accounting system, in two steps:
 *  1. the preview: the file is staged on disk, read as a stream, every row checked (cell rules,
 *     value mapping of budget lines and movement types, duplicates, reversals matched to their
 *     originals, budget control); nothing is written;
 *  2. the import, a job in SQLite: the same scan stages the new rows into a side table in short
 *     transactions, then one short publish step on the write kernel moves them to the ledger.
 * Where each concern lives: ledger-import/columns (header guessing, mapping), domain/finance/
 * ledger-csv (row rules), ledger-import/validate (the scan), staging (side table and publish),
 * sql (the raw statements), jobs (the registry), profiles (saved mappings).
 */
export { guessMapping, importFields, requiredImportFields, type ImportField, type ImportMapping, type ValueMapping };

export interface ImportInput {
  fileName: string;
  mapping?: ImportMapping;
  values?: Partial<ValueMapping>;
  confirmation?: OverrunConfirmation;
}

const TOKEN = /^[0-9a-f]{64}$/;

function stagingDir() {
  const dir = process.env.TRAGUARDI_IMPORT_DIR ?? path.join(os.tmpdir(), "traguardi-import");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Previewed files that were never imported are kept for a day, then removed. */
function sweepStagedFiles() {
  const dir = stagingDir();
  const cutoff = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** Writes an uploaded file to the staging folder (shared by every worker) and returns its token. */
function stageFile(content: Buffer) {
  if (content.length === 0) throw ValidationError.field("file", "finance.import.error.noFile");
  const token = createHash("sha256").update(content).digest("hex");
  sweepStagedFiles();
  const file = path.join(stagingDir(), `${token}.csv`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, content);
  return token;
}

function stagedPath(token: string) {
  if (!TOKEN.test(token)) throw ValidationError.field(null, "finance.import.error.staged");
  const file = path.join(stagingDir(), `${token}.csv`);
  if (!fs.existsSync(file)) throw ValidationError.field(null, "finance.import.error.staged");
  return file;
}

function linesOf(programmeId: number) {
  return getDb().select({ id: budgetLine.id, code: budgetLine.code, title: budgetLine.title }).from(budgetLine).where(eq(budgetLine.programmeId, programmeId)).orderBy(asc(budgetLine.code)).all();
}

async function headerOf(file: string) {
  for await (const item of streamCsv(file)) if ("header" in item) return item.header;
  return [];
}

function csvError(error: unknown): never {
  if (error instanceof CsvFormatError) throw ValidationError.field(null, "finance.import.error.csv", { line: error.line ?? "—", reason: error.reason });
  throw error;
}

/** The profile saved for this header set, merged under the user's own choices. */
async function mappingsFor(programmeId: number, file: string, input: Pick<ImportInput, "mapping" | "values">) {
  const header = await headerOf(file).catch(csvError);
  const key = headerKey(header);
  const profile = loadProfile(programmeId, key);
  const values: ValueMapping = {
    lines: { ...(profile?.values.lines ?? {}), ...(input.values?.lines ?? {}) },
    kinds: { ...(profile?.values.kinds ?? {}), ...(input.values?.kinds ?? {}) },
  };
  return { header, key, profile, mapping: input.mapping ?? profile?.columns ?? null, values };
}

function findBatch(fileHash: string) {
  return getDb().select().from(importBatch).where(eq(importBatch.fileHash, fileHash)).get() ?? null;
}

// ---------------------------------------------------------------- preview

export async function previewImport(actor: Actor, programmeId: number, input: ImportInput & { content?: Buffer; token?: string }, today: string) {
  requirePermission(actor, "update:finance");
  const token = input.content ? stageFile(input.content) : (stagedPath(input.token ?? ""), input.token!);
  const file = stagedPath(token);
  const lines = linesOf(programmeId);
  const setup = await mappingsFor(programmeId, file, input);
  const scan = await scanFile(
    getDb(),
    { file, programmeId, mapping: setup.mapping, values: setup.values, profileValues: setup.profile?.values ?? null, lines, today, guess: guessMapping },
    null,
  ).catch(csvError);
  const batch = findBatch(token);
  return {
    token,
    fileName: input.fileName,
    header: scan.header,
    mapping: scan.mapping,
    lines,
    profileSavedAt: setup.profile?.updatedAt ?? null,
    rowCount: scan.rowCount,
    sample: scan.sample,
    issues: scan.issues,
    issueCount: scan.issueCount,
    formIssues: scan.formIssues,
    validCount: scan.validCount,
    duplicateCount: scan.duplicateCount,
    newCount: scan.newCount,
    reversalCount: scan.reversalCount,
    totals: scan.totals,
    values: scan.values,
    unmappedCount: scan.values.lines.filter((v) => v.target === null).length + scan.values.kinds.filter((v) => v.target === null).length,
    warnings: scan.warnings,
    alreadyImported: batch ? { at: batch.importedAt, by: batch.importedByName, count: batch.importedCount } : null,
  };
}
export type ImportPreview = Awaited<ReturnType<typeof previewImport>>;

// ---------------------------------------------------------------- import jobs

export interface ImportProgress {
  phase: ImportPhase;
  processed: number;
  total: number;
}
export type ImportResult = PublishResult;

interface JobOptions {
  mapping?: ImportMapping;
  values?: Partial<ValueMapping>;
  confirmation?: OverrunConfirmation;
  today: string;
}

function errorOf(error: unknown): ImportJobError {
  if (error instanceof ImportRowsError) return { formErrors: [], fieldErrors: [], rowIssues: error.issues, issueCount: error.totalIssues };
  if (error instanceof ValidationError) return { formErrors: [], fieldErrors: error.issues, rowIssues: [], issueCount: 0 };
  if (error instanceof CsvFormatError) return { formErrors: [{ key: "finance.import.error.csv", params: { line: error.line ?? "—", reason: error.reason } }], fieldErrors: [], rowIssues: [], issueCount: 0 };
  console.error("Import failed", error);
  return { formErrors: [{ key: "finance.import.error.unexpected" }], fieldErrors: [], rowIssues: [], issueCount: 0 };
}

/** Scan + stage + publish of one job; throws what the job records as its error. */
async function executeJob(actor: Actor, programmeId: number, jobId: string, token: string, fileName: string, options: JobOptions, onProgress: (p: ImportProgress) => void): Promise<ImportResult> {
  const file = stagedPath(token);
  const already = findBatch(token);
  if (already)
    throw ValidationError.field(null, "finance.import.error.sameFile", { date: formatDate(already.importedAt.slice(0, 10)), by: already.importedByName, count: already.importedCount });
  const lines = linesOf(programmeId);
  const setup = await mappingsFor(programmeId, file, options);
  let staged = 0;
  let reversals = 0;
  const digest = createHash("sha256");
  // Monthly totals of what is staged, per (line, kind, month): a few hundred rows for the publish.
  const months = new Map<string, { budgetLineId: number; kind: string; month: string; amountCents: number; count: number }>();
  let phase: ImportPhase = "validating";
  const scan = await scanFile(
    getDb(),
    { file, programmeId, mapping: setup.mapping, values: setup.values, profileValues: setup.profile?.values ?? null, lines, today: options.today, guess: guessMapping },
    (rows) => {
      stageChunk(jobId, rows);
      staged += rows.length;
      for (const row of rows) {
        digest.update(row.fingerprint);
        const key = `${row.budgetLineId}|${row.kind}|${row.entryDate.slice(0, 7)}`;
        const month = months.get(key) ?? { budgetLineId: row.budgetLineId, kind: row.kind, month: row.entryDate.slice(0, 7), amountCents: 0, count: 0 };
        month.amountCents += row.amountCents;
        month.count++;
        months.set(key, month);
        if (row.reversesEntryId !== null || row.reversesSeq !== null) reversals++;
      }
      phase = "staging";
    },
    async (processed) => {
      touchJob(jobId, { phase, processed, total: 0 });
      onProgress({ phase, processed, total: 0 });
      // Let the server answer other requests between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  );
  if (scan.formIssues.length) throw new ImportRowsError(scan.formIssues.map((message) => ({ row: null, column: null, message })), scan.formIssues.length);
  if (scan.issueCount) throw new ImportRowsError(scan.issues, scan.issueCount);
  touchJob(jobId, { phase: "publishing", processed: staged, total: staged });
  onProgress({ phase: "publishing", processed: staged, total: staged });
  const result = publish(actor, {
    jobId,
    programmeId,
    fileName,
    fileHash: token,
    rowCount: scan.rowCount,
    staged: { count: staged, reversals, sums: scan.additions, months: [...months.values()], fingerprintsSha256: digest.digest("hex") },
    confirmation: options.confirmation,
    saveProfile: (tx) => saveProfile(tx, actor, programmeId, setup.key, scan.header, scan.mapping, setup.values),
  });
  onProgress({ phase: "done", processed: result.importedCount, total: result.importedCount });
  await clearStaging(jobId);
  return result;
}

function launch(actor: Actor, programmeId: number, token: string, fileName: string, options: JobOptions, onProgress: (p: ImportProgress) => void = () => {}) {
  const jobId = randomUUID();
  createJob({ id: jobId, programmeId, actorId: actor.id, actorName: actor.name, fileName, fileHash: token, options: JSON.stringify(options) });
  const done = executeJob(actor, programmeId, jobId, token, fileName, options, onProgress).then(
    (result) => {
      fs.rmSync(path.join(stagingDir(), `${token}.csv`), { force: true });
      return result;
    },
    (error: unknown) => {
      failJob(jobId, errorOf(error));
      throw error;
    },
  );
  return { jobId, done };
}

/** Starts the import of a previewed (staged) file and returns at once; poll getImportJob for progress. */
export function startImport(actor: Actor, programmeId: number, input: ImportInput & { token: string }, today: string) {
  requirePermission(actor, "update:finance");
  stagedPath(input.token);
  const { jobId, done } = launch(actor, programmeId, input.token, input.fileName, { mapping: input.mapping, values: input.values, confirmation: input.confirmation, today });
  done.catch(() => {});
  return jobId;
}

/** Starts an interrupted (or failed) job again, with the same file and choices. */
export function restartImport(actor: Actor, jobId: string, today: string) {
  requirePermission(actor, "update:finance");
  const job = readJob(jobId);
  if (!job || job.actorId !== actor.id) throw new NotFoundError("import_job", jobId);
  const options = JSON.parse(job.options) as JobOptions;
  return startImport(actor, job.programmeId, { token: job.fileHash, fileName: job.fileName, mapping: options.mapping, values: options.values, confirmation: options.confirmation }, today);
}

/** The whole import in one awaited call (tests, benchmark, scripts): stage, scan, publish. */
export async function runImport(actor: Actor, programmeId: number, input: ImportInput & { content: Buffer }, today: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  requirePermission(actor, "update:finance");
  const token = stageFile(input.content);
  return launch(actor, programmeId, token, input.fileName, { mapping: input.mapping, values: input.values, confirmation: input.confirmation, today }, onProgress).done;
}

function view(job: NonNullable<ReturnType<typeof readJob>>) {
  return {
    id: job.id,
    fileName: job.fileName,
    startedAt: job.startedAt,
    progress: { phase: job.phase, processed: job.processed, total: job.total } as ImportProgress,
    result: job.result ? (JSON.parse(job.result) as ImportResult) : null,
    error: job.error ? (JSON.parse(job.error) as ImportJobError) : null,
  };
}

export function getImportJob(actor: Actor, id: string) {
  requirePermission(actor, "update:finance");
  const job = readJob(id);
  if (!job || job.actorId !== actor.id) throw new NotFoundError("import_job", id);
  return view(job);
}
export type ImportJobView = ReturnType<typeof getImportJob>;

/** The actor's imports still running or interrupted (shown on the import page). */
export function listImportJobs(actor: Actor, programmeId: number) {
  requirePermission(actor, "update:finance");
  return recentJobs(programmeId, actor.id).map(view);
}

export function listImportBatches(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb().select().from(importBatch).where(and(eq(importBatch.programmeId, programmeId))).orderBy(importBatch.id).all().reverse();
}
