import type { Addition, Overrun } from "~/domain/finance/budget-control";
import { requiredImportFields, type ImportField, type LedgerKind } from "~/domain/finance/finance-values";
import { isReversalRow, kindOfMovement, ledgerFingerprint, lineMatcher, movementTypeOf, normalizeValue, parseLedgerRow, type LineRef, type MovementType } from "~/domain/finance/ledger-csv";
import { formatDate } from "~/domain/core/dates";
import { formatEuro, type Cents } from "~/domain/core/money";
import type { Message } from "~/i18n";
import type { Db } from "#db/client";
import type { ImportRowIssue } from "~/models/core/errors.server";
import { findOverruns } from "../budget-control.server";
import { isMapped, type ImportMapping, type ValueMapping } from "./columns.server";
import { FileIndex, type FileEntry } from "./file-index.server";
import { streamCsv, type StreamedRow } from "./read.server";
import { importSql } from "./sql.server";
import { checkLedgerCig } from "~/models/procurement/procedure.server";
import { lockedThrough } from "~/models/close/lock.server";

/**
 * One pass over the file: every cell rule (domain/finance/ledger-csv), the value mapping,
 * duplicates (in the file and against the ledger), reversals matched to their originals, and the
 * budget additions. Valid new rows go to `sink` (the import stages them; the preview counts them).
 */
export interface StagedRow {
  seq: number;
  row: number;
  budgetLineId: number;
  kind: LedgerKind;
  entryDate: string;
  amountCents: Cents;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  description: string;
  fingerprint: string;
  reversesEntryId: number | null;
  reversesSeq: number | null;
}

export interface ValueUse {
  value: string;
  key: string;
  rows: number[];
  rowCount: number;
  /** The line id / movement type it resolves to, and how. */
  target: number | string | null;
  by: "code" | "name" | "synonym" | "profile" | "hand" | "none";
}

export interface BudgetWarning {
  overrun: Overrun;
  rows: number[];
  rowCount: number;
}

export interface ScanResult {
  /** Net new amounts per line and kind (what budget control checks). */
  additions: Addition[];
  header: string[];
  rowCount: number;
  issues: ImportRowIssue[];
  issueCount: number;
  formIssues: Message[];
  validCount: number;
  duplicateCount: number;
  newCount: number;
  reversalCount: number;
  totals: { commitment: Cents; payment: Cents };
  values: { lines: ValueUse[]; kinds: ValueUse[] };
  warnings: BudgetWarning[];
  sample: StreamedRow[];
}

const MAX_SHOWN_ISSUES = 200;
const MAX_ROWS_PER_VALUE = 12;
/** Rows between two progress reports (and heartbeats). */
export const CHUNK_ROWS = 2_000;
/**
 * Rows per staging transaction. Small on purpose: a chunk waiting for its transaction is the one
 * thing of the scan that stays alive across garbage collections, and 2,000 rows (~1 MB) outlived
 * the young generation, so every chunk was promoted and the old generation grew by ~50 MB of dead
 * rows per 100,000 before a full collection. 500 rows die young. Each is a few ms of write lock.
 */
export const STAGE_ROWS = 500;

interface Candidate {
  existingId: number | null;
  file: FileEntry | null;
  budgetLineId: number;
  kind: LedgerKind;
  amount: Cents;
  remaining: Cents;
  documentNumber: string;
  entryDate: string;
  fingerprint: string;
  reversal: boolean;
}

function useOf(map: Map<string, ValueUse>, value: string, row: number) {
  const key = normalizeValue(value);
  let use = map.get(key);
  if (!use) map.set(key, (use = { value, key, rows: [], rowCount: 0, target: null, by: "none" }));
  use.rowCount++;
  if (use.rows.length < MAX_ROWS_PER_VALUE) use.rows.push(row);
  return use;
}

export async function scanFile(
  db: Db,
  input: {
    file: string;
    programmeId: number;
    mapping: ImportMapping | null;
    values: ValueMapping;
    /** Values that came from a saved profile rather than from this preview's choices. */
    profileValues: ValueMapping | null;
    lines: LineRef[];
    today: string;
    guess: (header: string[]) => ImportMapping;
  },
  /** Where valid new rows go, STAGE_ROWS at a time; null (the preview) keeps none of them. */
  sink: ((rows: StagedRow[]) => void | Promise<void>) | null,
  onProgress: (processed: number) => void | Promise<void> = () => {},
): Promise<ScanResult & { mapping: ImportMapping }> {
  const sql = importSql(db.$client);
  const cigRegistered = new Map<string, boolean>();
  // Months already closed (validated in ReGiS) take no new entries: a correction is dated later.
  const locked = lockedThrough(db, input.programmeId);
  const matchLine = lineMatcher(input.lines);
  const lineById = new Map(input.lines.map((line) => [line.id, line]));
  const lineUses = new Map<string, ValueUse>();
  const kindUses = new Map<string, ValueUse>();
  const resolveLine = (value: string): LineRef | undefined => {
    const key = normalizeValue(value);
    const use = lineUses.get(key);
    const chosen = input.values.lines[key];
    if (chosen !== undefined) {
      if (use && use.by === "none") {
        use.by = input.profileValues?.lines[key] === chosen ? "profile" : "hand";
        use.target = chosen || null;
      }
      return chosen ? lineById.get(chosen) : undefined;
    }
    const found = matchLine(value);
    if (use && use.by === "none" && found) {
      use.by = found.by;
      use.target = found.line.id;
    }
    return found?.line;
  };
  const resolveKind = (value: string): MovementType | undefined => {
    const key = normalizeValue(value);
    const use = kindUses.get(key);
    const chosen = input.values.kinds[key];
    if (chosen !== undefined) {
      if (use && use.by === "none") {
        use.by = input.profileValues?.kinds[key] === chosen ? "profile" : "hand";
        use.target = chosen || null;
      }
      return chosen || undefined;
    }
    const found = movementTypeOf(value);
    if (use && use.by === "none" && found) {
      use.by = "synonym";
      use.target = found;
    }
    return found;
  };

  let header: string[] = [];
  let mapping: ImportMapping = {};
  const formIssues: Message[] = [];
  const issues: ImportRowIssue[] = [];
  let issueCount = 0;
  let rowCount = 0;
  let validCount = 0;
  let duplicateCount = 0;
  let reversalCount = 0;
  const totals = { commitment: 0, payment: 0 };
  const sample: StreamedRow[] = [];
  const fileIndex = new FileIndex();
  const existingRemaining = new Map<number, Cents>();
  const additions = new Map<string, Addition & { rows: number[]; rowCount: number }>();
  let pending: StagedRow[] = [];
  let seq = 0;
  let blocked = false;


  for await (const item of streamCsv(input.file)) {
    if ("header" in item) {
      header = item.header;
      mapping = input.mapping ?? input.guess(header);
      for (const field of requiredImportFields)
        if (!isMapped(mapping, field, header.length)) formIssues.push({ key: "finance.import.error.unmapped", params: { field: `finance.import.field.${field}` } });
      if (formIssues.length) blocked = true;
      continue;
    }
    const row = item;
    rowCount++;
    if (sample.length < 8) sample.push(row);
    if (pending.length >= STAGE_ROWS) {
      if (!blocked) await sink?.(pending);
      pending = [];
    }
    if (rowCount % CHUNK_ROWS === 0) await onProgress(rowCount);
    if (formIssues.length) continue;
    const cell = (field: ImportField) => {
      const index = mapping[field];
      return index === undefined || index < 0 ? "" : (row.values[index] ?? "").trim();
    };
    const columnName = (field: ImportField) => header[mapping[field] ?? -1] || field;
    if (cell("lineCode")) useOf(lineUses, cell("lineCode"), row.line);
    if (cell("kind")) useOf(kindUses, cell("kind"), row.line);
    const rowIssues: ImportRowIssue[] = [];
    const problem = (field: ImportField, key: Message["key"], params: Message["params"] = {}) =>
      rowIssues.push({ row: row.line, column: columnName(field), message: { key, params: { value: cell(field), ...params } } });
    const parsed = parseLedgerRow(cell, { line: resolveLine, movement: resolveKind, today: input.today });
    for (const p of parsed.problems) rowIssues.push({ row: row.line, column: columnName(p.field), message: p.message });
    if (locked && parsed.row && parsed.row.entryDate <= locked) problem("entryDate", "close.error.monthClosedImport", { through: formatDate(locked) });
    // A named CIG must be a registered procedure (procurement register); one lookup per distinct CIG.
    if (parsed.row?.cig) {
      const cig = parsed.row.cig;
      let registered = cigRegistered.get(cig);
      if (registered === undefined) cigRegistered.set(cig, (registered = checkLedgerCig(db, input.programmeId, cig).length === 0));
      if (!registered) problem("cig", "procurement.error.cigNotRegistered", { cig });
    }

    let staged: StagedRow | null = null;
    if (parsed.row) {
      const r = parsed.row;
      if (!isReversalRow(r)) {
        const kind = kindOfMovement(r.movement)!;
        const fingerprint = ledgerFingerprint({ ...r, kind });
        staged = { seq: 0, row: row.line, budgetLineId: r.budgetLineId, kind, entryDate: r.entryDate, amountCents: r.amountCents, supplier: r.supplier, cig: r.cig, documentNumber: r.documentNumber, description: r.description, fingerprint, reversesEntryId: null, reversesSeq: null };
      } else {
        // A reversal: find the one original it cancels (reference column, else a unique match).
        const amount = Math.abs(r.amountCents);
        const kindHint = kindOfMovement(r.movement);
        let candidates: Candidate[] = [];
        const fromFile = (entry: FileEntry): Candidate => ({ existingId: null, file: entry, budgetLineId: entry.budgetLineId, kind: entry.kind, amount: entry.amount, remaining: entry.remaining, documentNumber: "", entryDate: entry.entryDate, fingerprint: entry.fingerprint, reversal: false });
        const fromLedger = (e: { id: number; budget_line_id: number; kind: LedgerKind; amount_cents: number; remaining: number; document_number: string; entry_date: string; fingerprint: string; reverses_entry_id: number | null }): Candidate => ({
          existingId: e.id,
          file: null,
          budgetLineId: e.budget_line_id,
          kind: e.kind,
          amount: e.amount_cents,
          remaining: existingRemaining.get(e.id) ?? e.remaining,
          documentNumber: e.document_number,
          entryDate: e.entry_date,
          fingerprint: e.fingerprint,
          reversal: e.reverses_entry_id !== null,
        });
        if (r.reference) {
          candidates = [
            ...sql.byDocument(input.programmeId, r.reference).map(fromLedger),
            ...fileIndex.byDocumentNumber(r.reference).map(fromFile),
          ].filter((c) => !kindHint || c.kind === kindHint);
          if (candidates.length > 1) {
            const narrowed = candidates.filter((c) => c.budgetLineId === r.budgetLineId);
            if (narrowed.length) candidates = narrowed;
          }
        } else {
          const kinds: LedgerKind[] = kindHint ? [kindHint] : ["commitment", "payment"];
          for (const kind of kinds) {
            candidates.push(...sql.byMatch(r.budgetLineId, kind, r.supplier, r.cig, amount).map(fromLedger));
            candidates.push(...fileIndex.byMatchKey(FileIndex.matchKey(r.budgetLineId, kind, r.supplier, r.cig, amount)).map(fromFile));
          }
        }
        candidates = candidates.filter((c) => !c.reversal || r.reference);
        if (candidates.length > 1) {
          const open = candidates.filter((c) => c.remaining >= amount);
          if (open.length) candidates = open;
        }
        const describe = (c: Candidate) => (c.file ? `riga ${c.file.row}` : `n. ${c.existingId} ${c.documentNumber}`) + ` ${formatDate(c.entryDate)} ${formatEuro(c.amount)}`;
        if (candidates.length === 0) {
          if (r.reference) problem("reference", "finance.import.error.reversalRefNotFound", { reference: r.reference });
          else problem("amount", "finance.import.error.reversalNoOriginal", { amount: formatEuro(amount) });
        } else if (candidates.length > 1) {
          problem(r.reference ? "reference" : "amount", "finance.import.error.reversalAmbiguous", { count: candidates.length, candidates: candidates.slice(0, 5).map(describe).join("; ") });
        } else {
          const original = candidates[0];
          const line = lineById.get(original.budgetLineId)!;
          if (original.reversal) problem("reference", "finance.import.error.reversalOfReversal");
          else {
            const fingerprint = ledgerFingerprint({ lineCode: line.code, kind: original.kind, entryDate: r.entryDate, amountCents: -amount, supplier: r.supplier, cig: r.cig, documentNumber: r.documentNumber, reversesKey: original.fingerprint });
            const inLedger = sql.fingerprint(fingerprint) !== undefined;
            if (!inLedger && amount > original.remaining)
              problem("amount", "finance.import.error.reversalExceeds", { amount: formatEuro(amount), remaining: formatEuro(original.remaining), original: describe(original) });
            else {
              if (!inLedger) {
                if (original.file) fileIndex.reduceRemaining(original.file, amount);
                else existingRemaining.set(original.existingId!, original.remaining - amount);
              }
              reversalCount++;
              staged = {
                seq: 0,
                row: row.line,
                budgetLineId: original.budgetLineId,
                kind: original.kind,
                entryDate: r.entryDate,
                amountCents: -amount,
                supplier: r.supplier,
                cig: r.cig,
                documentNumber: r.documentNumber,
                description: r.description,
                fingerprint,
                reversesEntryId: original.existingId,
                reversesSeq: original.file?.seq ?? null,
              };
              if (original.file && original.file.seq === 0) {
                // The original is already in the ledger (a duplicate row of this file): point at it.
                staged.reversesEntryId = sql.fingerprint(original.file.fingerprint)?.id ?? null;
                staged.reversesSeq = null;
              }
            }
          }
        }
      }
      if (staged) {
        const first = fileIndex.seenRow(staged.fingerprint);
        if (first !== undefined) problem("documentNumber", "finance.import.error.duplicateInFile", { first });
      }
    }
    if (rowIssues.length) {
      blocked = true;
      issueCount += rowIssues.length;
      for (const issue of rowIssues) if (issues.length < MAX_SHOWN_ISSUES) issues.push(issue);
      continue;
    }
    if (!staged) continue;
    validCount++;
    fileIndex.markSeen(staged.fingerprint, row.line);
    const existing = sql.fingerprint(staged.fingerprint);
    const fresh = existing === undefined;
    if (!fresh) duplicateCount++;
    else {
      staged.seq = ++seq;
      totals[staged.kind] += staged.amountCents;
      // Per line, kind and CIG: the procedure check needs the CIG, the line checks sum over it.
      const key = `${staged.budgetLineId}|${staged.kind}|${staged.cig ?? ""}`;
      const addition = additions.get(key) ?? { budgetLineId: staged.budgetLineId, kind: staged.kind, cig: staged.cig, amountCents: 0, rows: [], rowCount: 0 };
      addition.amountCents += staged.amountCents;
      addition.rowCount++;
      if (addition.rows.length < MAX_ROWS_PER_VALUE) addition.rows.push(row.line);
      additions.set(key, addition);
      if (!blocked && sink) pending.push(staged);
    }
    if (staged.reversesEntryId === null && staged.reversesSeq === null) {
      fileIndex.add(
        { seq: staged.seq, row: row.line, budgetLineId: staged.budgetLineId, kind: staged.kind, amount: staged.amountCents, remaining: fresh ? staged.amountCents : existing!.remaining, entryDate: staged.entryDate, fingerprint: staged.fingerprint },
        staged.supplier,
        staged.cig,
        staged.documentNumber,
      );
    }
  }
  if (header.length && rowCount === 0) formIssues.push({ key: "finance.import.error.noRows" });
  if (pending.length && !blocked && !formIssues.length) await sink?.(pending);
  pending = [];
  await onProgress(rowCount);

  const grouped = [...additions.values()];
  const overruns = blocked || formIssues.length ? [] : findOverruns(db, input.programmeId, grouped);
  const lineIdByCode = new Map(input.lines.map((line) => [line.code, line.id]));
  const warnings = overruns.map((overrun): BudgetWarning => {
    const lineId = lineIdByCode.get(overrun.subject);
    const kind: LedgerKind = overrun.check === "paymentsOverCommitted" ? "payment" : "commitment";
    const contributing = grouped.filter(
      (a) =>
        a.kind === kind &&
        a.amountCents > 0 &&
        (overrun.check === "programmeTotal" || (overrun.check === "procedureAwarded" ? a.cig === overrun.subject : a.budgetLineId === lineId)),
    );
    return { overrun, rows: contributing.flatMap((a) => a.rows).sort((a, b) => a - b).slice(0, MAX_ROWS_PER_VALUE), rowCount: contributing.reduce((n, a) => n + a.rowCount, 0) };
  });
  return {
    additions: grouped.map(({ budgetLineId, kind, amountCents, cig }) => ({ budgetLineId, kind, amountCents, cig })),
    mapping,
    header,
    rowCount,
    issues,
    issueCount,
    formIssues,
    validCount,
    duplicateCount,
    newCount: seq,
    reversalCount,
    totals,
    values: { lines: [...lineUses.values()], kinds: [...kindUses.values()] },
    warnings,
    sample,
  };
}
