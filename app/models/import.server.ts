import { createHash, randomUUID } from "node:crypto";
import { isAmountInBounds, isDateInBounds } from "~/domain/core/bounds";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "#db/client";
import { budgetLine, importBatch } from "#db/schema";
import { formatDate } from "~/domain/dates";
import { CsvFormatError, parseItalianAmount, parseItalianDateField, readCsv, type CsvTable } from "~/domain/italian-csv";
import { importFields, requiredImportFields, type ImportField, type LedgerKind } from "~/domain/finance-values";
import { formatEuro, type Cents } from "~/domain/money";
import type { Message } from "~/i18n";
import { requirePermission, type Actor } from "./actor.server";
import { appendAudit } from "./audit.server";
import { getDb, nowIso } from "./db.server";
import { NotFoundError, ValidationError } from "./errors.server";
import { CIG_PATTERN, ledgerFingerprint } from "./ledger.server";

/**
 * CSV import from the accounting system. Two steps: a preview (column mapping, sample, every
 * invalid row with its line, column and reason) and the import itself, which re-validates the
 * staged file and writes everything in ONE transaction or nothing. Rows already in the ledger
 * (same fingerprint) are skipped, the same file (same hash) is refused.
 */
export { importFields, requiredImportFields, type ImportField };
/** Column index in the file for each field; -1 or missing = not mapped. */
export type ImportMapping = Partial<Record<ImportField, number>>;

const synonyms: Record<ImportField, string[]> = {
  entryDate: ["data", "data registrazione", "data documento", "data operazione", "data movimento"],
  kind: ["tipo", "tipologia", "tipo movimento", "movimento"],
  lineCode: ["linea", "linea di budget", "codice linea", "voce", "voce di spesa", "linea budget"],
  amount: ["importo", "importo euro", "importo eur", "valore", "ammontare"],
  supplier: ["fornitore", "beneficiario", "ragione sociale", "creditore"],
  cig: ["cig", "codice cig"],
  documentNumber: ["numero documento", "n documento", "documento", "numero", "protocollo", "numero atto", "n atto"],
  description: ["descrizione", "causale", "oggetto", "note"],
};

function normalizeHeader(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[€().°:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Maps columns by their header names (accents, case, '€' and punctuation ignored). */
export function guessMapping(header: readonly string[]): ImportMapping {
  const normalized = header.map(normalizeHeader);
  const mapping: ImportMapping = {};
  for (const field of importFields) {
    const index = normalized.findIndex((name) => synonyms[field].includes(name));
    if (index >= 0) mapping[field] = index;
  }
  return mapping;
}

const kindWords: Record<string, LedgerKind> = {
  impegno: "commitment",
  i: "commitment",
  commitment: "commitment",
  pagamento: "payment",
  p: "payment",
  payment: "payment",
  mandato: "payment",
};

export interface RowIssue {
  line: number;
  column: string | null;
  message: Message;
}

export interface PreparedEntry {
  line: number;
  budgetLineId: number;
  lineCode: string;
  kind: LedgerKind;
  entryDate: string;
  amountCents: Cents;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  description: string;
  fingerprint: string;
}

const MAX_SHOWN_ISSUES = 200;
const CHUNK_ROWS = 5_000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Validation {
  entries: PreparedEntry[];
  issues: RowIssue[];
  issueCount: number;
  formIssues: Message[];
}

/** Checks every row; collects every problem (not just the first) so the user can fix the file in one go. */
function* validateRows(table: CsvTable, mapping: ImportMapping, linesByCode: Map<string, number>, today: string): Generator<number, Validation> {
  const formIssues: Message[] = [];
  for (const field of requiredImportFields) {
    const index = mapping[field];
    if (index === undefined || index < 0 || index >= table.header.length)
      formIssues.push({ key: "finance.import.error.unmapped", params: { field: `finance.import.field.${field}` } });
  }
  const issues: RowIssue[] = [];
  let issueCount = 0;
  const entries: PreparedEntry[] = [];
  if (formIssues.length) return { entries, issues, issueCount, formIssues };
  const seen = new Map<string, number>();
  const columnName = (field: ImportField) => table.header[mapping[field]!] || field;
  for (const [index, row] of table.rows.entries()) {
    if (index > 0 && index % CHUNK_ROWS === 0) yield index;
    const value = (field: ImportField) => {
      const index = mapping[field];
      return index === undefined || index < 0 ? "" : (row.values[index] ?? "").trim();
    };
    const rowIssues: RowIssue[] = [];
    const problem = (field: ImportField, key: Message["key"], params: Message["params"] = {}) =>
      rowIssues.push({ line: row.line, column: columnName(field), message: { key, params: { value: value(field), ...params } } });

    const date = parseItalianDateField(value("entryDate"));
    if (!date.ok) problem("entryDate", date.problem === "empty" ? "finance.import.error.empty" : date.problem === "format" ? "finance.import.error.dateFormat" : "finance.import.error.dateInvalid");
    else if (date.value > today) problem("entryDate", "finance.import.error.dateFuture", { today: formatDate(today) });
    else if (!isDateInBounds(date.value)) problem("entryDate", "bounds.date");

    const kind = kindWords[value("kind").toLowerCase()];
    if (!kind) problem("kind", value("kind") ? "finance.import.error.kind" : "finance.import.error.empty");

    const lineCode = value("lineCode");
    const budgetLineId = linesByCode.get(lineCode.toUpperCase());
    if (!lineCode) problem("lineCode", "finance.import.error.empty");
    else if (!budgetLineId) problem("lineCode", "finance.import.error.line");

    const amount = parseItalianAmount(value("amount"));
    if (!amount.ok) problem("amount", amount.problem === "empty" ? "finance.import.error.empty" : amount.problem === "decimals" ? "finance.import.error.amountDecimals" : "finance.import.error.amount");
    else if (amount.value === 0) problem("amount", "finance.import.error.amountZero");
    else if (amount.value < 0) problem("amount", "finance.import.error.amountNegative");
    else if (!isAmountInBounds(amount.value)) problem("amount", "bounds.amount");

    const supplier = value("supplier").replace(/\s+/g, " ");
    if (!supplier) problem("supplier", "finance.import.error.empty");
    const documentNumber = value("documentNumber");
    if (!documentNumber) problem("documentNumber", "finance.import.error.empty");
    const cig = value("cig").toUpperCase();
    if (cig && !CIG_PATTERN.test(cig)) problem("cig", "finance.import.error.cig");
    const description = value("description").replace(/\s+/g, " ");
    if (description.length > 500) problem("description", "finance.import.error.tooLong", { max: 500 });

    if (!rowIssues.length) {
      const entry = {
        line: row.line,
        budgetLineId: budgetLineId!,
        lineCode: lineCode.toUpperCase(),
        kind: kind!,
        entryDate: (date as { value: string }).value,
        amountCents: (amount as { value: number }).value,
        supplier,
        cig: cig || null,
        documentNumber,
        description,
        fingerprint: "",
      };
      entry.fingerprint = ledgerFingerprint(entry);
      const first = seen.get(entry.fingerprint);
      if (first !== undefined) problem("documentNumber", "finance.import.error.duplicateInFile", { first });
      else {
        seen.set(entry.fingerprint, row.line);
        entries.push(entry);
      }
    }
    issueCount += rowIssues.length;
    for (const issue of rowIssues) if (issues.length < MAX_SHOWN_ISSUES) issues.push(issue);
  }
  if (table.rows.length === 0) formIssues.push({ key: "finance.import.error.noRows" });
  return { entries, issues, issueCount, formIssues };
}

/** All rows at once (the preview, answered within its request). */
function validateTable(table: CsvTable, mapping: ImportMapping, linesByCode: Map<string, number>, today: string): Validation {
  const steps = validateRows(table, mapping, linesByCode, today);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Chunk by chunk, pausing in between so progress polls are answered while a large file is checked. */
async function validateTableInChunks(table: CsvTable, mapping: ImportMapping, linesByCode: Map<string, number>, today: string, onProgress: (processed: number) => void) {
  const steps = validateRows(table, mapping, linesByCode, today);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    onProgress(step.value);
    await pause();
  }
}

function linesByCode(programmeId: number) {
  const rows = getDb().select({ id: budgetLine.id, code: budgetLine.code }).from(budgetLine).where(eq(budgetLine.programmeId, programmeId)).all();
  return new Map(rows.map((row) => [row.code.toUpperCase(), row.id]));
}

function existingFingerprints(client: { prepare: (sql: string) => { pluck: () => { all: (...args: unknown[]) => unknown[] } } }, fingerprints: string[]) {
  const found = new Set<string>();
  const CHUNK = 500;
  for (let i = 0; i < fingerprints.length; i += CHUNK) {
    const chunk = fingerprints.slice(i, i + CHUNK);
    const rows = client.prepare(`select fingerprint from ledger_entry where fingerprint in (${chunk.map(() => "?").join(",")})`).pluck().all(...chunk) as string[];
    for (const row of rows) found.add(row);
  }
  return found;
}

// ---------------------------------------------------------------- staging

function stagingDir() {
  const dir = process.env.TRAGUARDI_IMPORT_DIR ?? path.join(os.tmpdir(), "traguardi-import");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Previewed files that were never imported are kept for a day, then removed. */
function sweepStaging() {
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

const TOKEN = /^[0-9a-f]{64}$/;

function stagedFile(token: string) {
  if (!TOKEN.test(token)) throw ValidationError.field(null, "finance.import.error.staged");
  const file = path.join(stagingDir(), `${token}.csv`);
  if (!fs.existsSync(file)) throw ValidationError.field(null, "finance.import.error.staged");
  return fs.readFileSync(file);
}

function findBatch(fileHash: string) {
  return getDb().select().from(importBatch).where(eq(importBatch.fileHash, fileHash)).get() ?? null;
}

function parseOrReject(content: Buffer): CsvTable {
  try {
    return readCsv(content);
  } catch (error) {
    if (error instanceof CsvFormatError)
      throw ValidationError.field(null, "finance.import.error.csv", { line: error.line ?? "—", reason: error.reason });
    throw error;
  }
}

// ---------------------------------------------------------------- preview

export function previewImport(
  actor: Actor,
  programmeId: number,
  input: { fileName: string; content?: Buffer; token?: string; mapping?: ImportMapping },
  today: string,
) {
  requirePermission(actor, "update:finance");
  const content = input.content ?? stagedFile(input.token ?? "");
  if (content.length === 0) throw ValidationError.field("file", "finance.import.error.noFile");
  const token = createHash("sha256").update(content).digest("hex");
  if (input.content) {
    sweepStaging();
    fs.writeFileSync(path.join(stagingDir(), `${token}.csv`), content);
  }
  const table = parseOrReject(content);
  const mapping = input.mapping ?? guessMapping(table.header);
  const validation = validateTable(table, mapping, linesByCode(programmeId), today);
  const existing = existingFingerprints(getDb().$client, validation.entries.map((e) => e.fingerprint));
  const fresh = validation.entries.filter((entry) => !existing.has(entry.fingerprint));
  const batch = findBatch(token);
  const totals = { commitment: 0, payment: 0 };
  for (const entry of fresh) totals[entry.kind] += entry.amountCents;
  return {
    token,
    fileName: input.fileName,
    header: table.header,
    mapping,
    rowCount: table.rows.length,
    sample: table.rows.slice(0, 8).map((row) => ({ line: row.line, values: row.values })),
    issues: validation.issues,
    issueCount: validation.issueCount,
    formIssues: validation.formIssues,
    validCount: validation.entries.length,
    duplicateCount: validation.entries.length - fresh.length,
    newCount: fresh.length,
    totals,
    overCommitments: validation.issueCount || validation.formIssues.length ? [] : overCommitmentsIn(getDb().$client, fresh),
    alreadyImported: batch ? { at: batch.importedAt, by: batch.importedByName, count: batch.importedCount } : null,
  };
}
export type ImportPreview = ReturnType<typeof previewImport>;

// ---------------------------------------------------------------- import

export interface ImportProgress {
  phase: "validating" | "writing" | "done" | "failed";
  processed: number;
  total: number;
}

export interface ImportResult {
  batchId: number;
  fileName: string;
  rowCount: number;
  importedCount: number;
  skippedCount: number;
  totals: { commitment: Cents; payment: Cents };
}

export class ImportRejected extends Error {
  constructor(public issues: RowIssue[], public issueCount: number, public formIssues: Message[]) {
    super(`Import rejected: ${issueCount + formIssues.length} problems`);
  }
}


/**
 * Imports a file all-or-nothing. The transaction runs on its own connection, in chunks with a
 * pause between them, so the server keeps answering (progress polls, other readers) meanwhile;
 * readers see nothing of it until the single COMMIT. Other writers wait for it (busy timeout).
 */
export async function runImport(
  actor: Actor,
  programmeId: number,
  input: { fileName: string; content: Buffer; mapping?: ImportMapping; confirmOverCommitment?: boolean },
  today: string,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportResult> {
  requirePermission(actor, "update:finance");
  const fileHash = createHash("sha256").update(input.content).digest("hex");
  const already = findBatch(fileHash);
  if (already)
    throw ValidationError.field(null, "finance.import.error.sameFile", {
      date: formatDate(already.importedAt.slice(0, 10)),
      by: already.importedByName,
      count: already.importedCount,
    });
  const table = parseOrReject(input.content);
  const total = table.rows.length;
  onProgress({ phase: "validating", processed: 0, total });
  const mapping = input.mapping ?? guessMapping(table.header);
  const validation = await validateTableInChunks(table, mapping, linesByCode(programmeId), today, (processed) => onProgress({ phase: "validating", processed, total }));
  if (validation.issueCount || validation.formIssues.length) throw new ImportRejected(validation.issues, validation.issueCount, validation.formIssues);
  onProgress({ phase: "validating", processed: total, total });

  const file = getDb().$client.name;
  const conn = openDatabase(file);
  const client = conn.$client;
  try {
    client.exec("BEGIN IMMEDIATE");
    try {
      // Checked again under the write lock: a concurrent import of the same file or rows cannot slip in.
      if (client.prepare("select 1 from import_batch where file_hash = ?").get(fileHash))
        throw ValidationError.field(null, "finance.import.error.sameFile", { date: formatDate(today), by: "—", count: 0 });
      const existing = existingFingerprints(client, validation.entries.map((e) => e.fingerprint));
      const fresh = validation.entries.filter((entry) => !existing.has(entry.fingerprint));
      if (fresh.length === 0) throw ValidationError.field(null, "finance.import.error.nothingNew", { count: validation.entries.length });
      const over = overCommitmentsIn(client, fresh);
      if (over.length && !input.confirmOverCommitment)
        throw ValidationError.field("confirmOverCommitment", "finance.import.error.overCommitment", {
          lines: over.map((o) => `${o.lineCode} (${formatEuro(o.paid)} > ${formatEuro(o.committed)})`).join(", "),
        });
      const now = nowIso();
      const batchId = Number(
        client
          .prepare(
            "insert into import_batch (programme_id, file_name, file_hash, row_count, imported_count, skipped_count, imported_by_id, imported_by_name, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run(programmeId, input.fileName, fileHash, total, fresh.length, total - fresh.length, actor.id || null, actor.name, now).lastInsertRowid,
      );
      const insert = client.prepare(
        `insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, reverses_entry_id, import_batch_id, fingerprint, created_at, created_by_id)
         values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?)`,
      );
      const totals = { commitment: 0, payment: 0 };
      const digest = createHash("sha256");
      let firstId = 0;
      let lastId = 0;
      for (let i = 0; i < fresh.length; i += CHUNK_ROWS) {
        for (const entry of fresh.slice(i, i + CHUNK_ROWS)) {
          const id = Number(
            insert.run(entry.budgetLineId, entry.kind, entry.entryDate, entry.amountCents, entry.supplier, entry.cig, entry.documentNumber, entry.description, batchId, entry.fingerprint, now, actor.id || null)
              .lastInsertRowid,
          );
          firstId ||= id;
          lastId = id;
          totals[entry.kind] += entry.amountCents;
          digest.update(entry.fingerprint);
        }
        onProgress({ phase: "writing", processed: Math.min(i + CHUNK_ROWS, fresh.length), total: fresh.length });
        await pause();
      }
      // One audit record per file: it names the batch, the id range of its entries and a digest of their fingerprints.
      appendAudit(conn, actor, {
        action: "create",
        entityType: "import_batch",
        entityId: batchId,
        entityLabel: input.fileName,
        after: {
          fileHash,
          rowCount: total,
          importedCount: fresh.length,
          skippedDuplicates: total - fresh.length,
          entryIds: `${firstId}–${lastId}`,
          fingerprintsSha256: digest.digest("hex"),
          committedCents: totals.commitment,
          paidCents: totals.payment,
          overCommitmentConfirmed: over.length > 0,
        },
      });
      client.exec("COMMIT");
      onProgress({ phase: "done", processed: fresh.length, total: fresh.length });
      return { batchId, fileName: input.fileName, rowCount: total, importedCount: fresh.length, skippedCount: total - fresh.length, totals };
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    }
  } finally {
    client.close();
  }
}

/** Lines whose payments would exceed their commitments once `entries` are added. */
function overCommitmentsIn(client: ReturnType<typeof openDatabase>["$client"], entries: PreparedEntry[]) {
  const byLine = new Map<number, { code: string; committed: number; paid: number }>();
  for (const entry of entries) {
    const line = byLine.get(entry.budgetLineId) ?? { code: entry.lineCode, committed: 0, paid: 0 };
    if (entry.kind === "commitment") line.committed += entry.amountCents;
    else line.paid += entry.amountCents;
    byLine.set(entry.budgetLineId, line);
  }
  const totals = client.prepare("select kind, coalesce(sum(amount_cents), 0) as total from ledger_month where budget_line_id = ? group by kind");
  const result: { lineCode: string; committed: Cents; paid: Cents }[] = [];
  for (const [lineId, extra] of byLine) {
    if (extra.paid === 0) continue;
    const rows = totals.all(lineId) as { kind: LedgerKind; total: number }[];
    const committed = extra.committed + (rows.find((r) => r.kind === "commitment")?.total ?? 0);
    const paid = extra.paid + (rows.find((r) => r.kind === "payment")?.total ?? 0);
    if (paid > committed) result.push({ lineCode: extra.code, committed, paid });
  }
  return result;
}

// ---------------------------------------------------------------- background jobs with progress

export interface ImportJob {
  id: string;
  actorId: number;
  fileName: string;
  startedAt: number;
  progress: ImportProgress;
  result: ImportResult | null;
  error: { formErrors: Message[]; fieldErrors: { field: string | null; message: Message }[]; rowIssues: RowIssue[]; issueCount: number } | null;
}

const jobs: Map<string, ImportJob> = ((globalThis as unknown as { __traguardiImportJobs?: Map<string, ImportJob> }).__traguardiImportJobs ??= new Map<string, ImportJob>());

/** Starts the import of a previewed (staged) file and returns at once; poll getImportJob for progress. */
export function startImport(
  actor: Actor,
  programmeId: number,
  input: { token: string; fileName: string; mapping?: ImportMapping; confirmOverCommitment?: boolean },
  today: string,
) {
  requirePermission(actor, "update:finance");
  const content = stagedFile(input.token);
  for (const [id, job] of jobs) if (Date.now() - job.startedAt > 3_600_000) jobs.delete(id);
  const job: ImportJob = {
    id: randomUUID(),
    actorId: actor.id,
    fileName: input.fileName,
    startedAt: Date.now(),
    progress: { phase: "validating", processed: 0, total: 0 },
    result: null,
    error: null,
  };
  jobs.set(job.id, job);
  runImport(actor, programmeId, { ...input, content }, today, (progress) => (job.progress = progress))
    .then((result) => {
      job.result = result;
      fs.rmSync(path.join(stagingDir(), `${input.token}.csv`), { force: true });
    })
    .catch((error: unknown) => {
      job.progress = { ...job.progress, phase: "failed" };
      if (error instanceof ImportRejected)
        job.error = { formErrors: error.formIssues, fieldErrors: [], rowIssues: error.issues, issueCount: error.issueCount };
      else if (error instanceof ValidationError)
        job.error = { formErrors: [], fieldErrors: error.issues, rowIssues: [], issueCount: 0 };
      else {
        console.error("Import failed", error);
        job.error = { formErrors: [{ key: "finance.import.error.unexpected" }], fieldErrors: [], rowIssues: [], issueCount: 0 };
      }
    });
  return job.id;
}

export function getImportJob(actor: Actor, id: string) {
  requirePermission(actor, "update:finance");
  const job = jobs.get(id);
  if (!job || job.actorId !== actor.id) throw new NotFoundError("import_job", id);
  return { id: job.id, fileName: job.fileName, progress: job.progress, result: job.result, error: job.error };
}

export type ImportJobView = ReturnType<typeof getImportJob>;

export function listImportBatches(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb().select().from(importBatch).where(and(eq(importBatch.programmeId, programmeId))).orderBy(importBatch.id).all().reverse();
}
