import Database from "better-sqlite3";
import { dateProblem, isAmountInBounds } from "~/domain/core/bounds";
import { and, asc, count, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { budgetLine, ledgerEntry, ledgerMonth, user, workPackage } from "#db/schema";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import type { OverrunConfirmation } from "~/domain/finance/budget-control";
import type { LedgerKind } from "~/domain/finance/finance-values";
import { CIG_PATTERN, ledgerFingerprint } from "~/domain/finance/ledger-csv";
import { checkLedgerCig } from "~/models/procurement/procedure.server";
import { assertMonthOpen } from "~/models/close/lock.server";
import { formatEuro, type Cents } from "~/domain/core/money";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, insertAudited, type Entity } from "~/models/core/command.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { findOverruns, requireOverrunConfirmation } from "./budget-control.server";

export { CIG_PATTERN, ledgerFingerprint };
export type LedgerEntry = typeof ledgerEntry.$inferSelect;

export interface LedgerEntryInput {
  budgetLineId: number;
  kind: LedgerKind;
  entryDate: string;
  amountCents: Cents;
  supplier: string;
  cig?: string | null;
  documentNumber: string;
  description?: string;
  /** Needed when the entry crosses a budget limit (line budget, programme total, committed). */
  confirmOverCommitment?: boolean;
  overrunReason?: string;
}

/** All-time committed and paid totals of one line (from the monthly totals the trigger keeps). */
export function lineTotals(conn: Conn, budgetLineId: number) {
  const rows = conn
    .select({ kind: ledgerMonth.kind, total: sql<number>`coalesce(sum(${ledgerMonth.amountCents}), 0)` })
    .from(ledgerMonth)
    .where(eq(ledgerMonth.budgetLineId, budgetLineId))
    .groupBy(ledgerMonth.kind)
    .all();
  return {
    committed: rows.find((row) => row.kind === "commitment")?.total ?? 0,
    paid: rows.find((row) => row.kind === "payment")?.total ?? 0,
  };
}

function entryLabel(line: { code: string }, entry: { kind: string; documentNumber: string; amountCents: number }) {
  return `${line.code} ${entry.kind === "commitment" ? "impegno" : "pagamento"} ${entry.documentNumber} ${formatEuro(entry.amountCents)}`;
}

/**
 * The ledger is append-only and carries no version: the kernel's audited insert is used with the
 * entry's own label (the line code is part of it, so the label is built by the caller).
 */
function ledgerEntity(label: string): Entity<LedgerEntry> {
  return { type: "ledger_entry", table: ledgerEntry, label: () => label } as unknown as Entity<LedgerEntry>;
}

// ---------------------------------------------------------------- reads

export const ledgerSortColumns = ["id", "entryDate", "kind", "line", "supplier", "cig", "documentNumber", "amount", "description"] as const;
export type LedgerSort = (typeof ledgerSortColumns)[number];

export interface LedgerFilters {
  budgetLineId?: number;
  workPackageId?: number;
  kind?: LedgerKind;
  from?: string;
  to?: string;
  /** Free text over supplier, CIG, document number and description. */
  q?: string;
  supplier?: string;
  cig?: string;
  sort?: LedgerSort;
  dir?: "asc" | "desc";
  page?: number;
}

export const LEDGER_PAGE_SIZE = 50;

const sortColumn: Record<LedgerSort, SQL | typeof ledgerEntry.id> = {
  id: sql`${ledgerEntry.id}`,
  entryDate: sql`${ledgerEntry.entryDate}`,
  kind: sql`${ledgerEntry.kind}`,
  line: sql`${budgetLine.code}`,
  supplier: sql`${ledgerEntry.supplier}`,
  cig: sql`${ledgerEntry.cig}`,
  documentNumber: sql`${ledgerEntry.documentNumber}`,
  amount: sql`${ledgerEntry.amountCents}`,
  description: sql`${ledgerEntry.description}`,
};

/** `%text%` for LIKE, with the wildcards in the text itself escaped. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function ledgerCondition(programmeId: number, filters: LedgerFilters) {
  const where: SQL[] = [eq(budgetLine.programmeId, programmeId)];
  if (filters.budgetLineId) where.push(eq(ledgerEntry.budgetLineId, filters.budgetLineId));
  if (filters.workPackageId) where.push(eq(budgetLine.workPackageId, filters.workPackageId));
  if (filters.kind) where.push(eq(ledgerEntry.kind, filters.kind));
  if (filters.from && isIsoDate(filters.from)) where.push(gte(ledgerEntry.entryDate, filters.from));
  if (filters.to && isIsoDate(filters.to)) where.push(lte(ledgerEntry.entryDate, filters.to));
  if (filters.supplier?.trim()) where.push(sql`${ledgerEntry.supplier} like ${contains(filters.supplier.trim())} escape '\\'`);
  if (filters.cig?.trim()) where.push(eq(ledgerEntry.cig, filters.cig.trim().toUpperCase()));
  const q = filters.q?.trim();
  if (q) {
    const pattern = contains(q);
    where.push(
      or(
        sql`${ledgerEntry.supplier} like ${pattern} escape '\\'`,
        sql`${ledgerEntry.cig} like ${pattern} escape '\\'`,
        sql`${ledgerEntry.documentNumber} like ${pattern} escape '\\'`,
        sql`${ledgerEntry.description} like ${pattern} escape '\\'`,
      )!,
    );
  }
  return and(...where);
}

function orderOf(filters: LedgerFilters) {
  const column = sortColumn[filters.sort ?? "entryDate"] ?? sortColumn.entryDate;
  const direction = filters.dir === "asc" ? asc : desc;
  return [direction(column as SQL), direction(ledgerEntry.id)];
}

const entryColumns = {
  id: ledgerEntry.id,
  kind: ledgerEntry.kind,
  entryDate: ledgerEntry.entryDate,
  amountCents: ledgerEntry.amountCents,
  supplier: ledgerEntry.supplier,
  cig: ledgerEntry.cig,
  documentNumber: ledgerEntry.documentNumber,
  description: ledgerEntry.description,
  reversesEntryId: ledgerEntry.reversesEntryId,
  importBatchId: ledgerEntry.importBatchId,
  lineId: budgetLine.id,
  lineCode: budgetLine.code,
  lineTitle: budgetLine.title,
  workPackageCode: workPackage.code,
  // The first reversal of the entry, looked up by index per row (never an IN list of ids).
  reversedById: sql<number | null>`(select r.id from ledger_entry r where r.reverses_entry_id = ${ledgerEntry.id} order by r.id limit 1)`,
};

function entriesQuery(conn: Conn, programmeId: number, filters: LedgerFilters) {
  return conn
    .select(entryColumns)
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(ledgerCondition(programmeId, filters))
    .orderBy(...orderOf(filters));
}

export type LedgerListEntry = ReturnType<ReturnType<typeof entriesQuery>["all"]>[number];

export function listLedgerEntries(actor: Actor, programmeId: number, filters: LedgerFilters, { pageSize = LEDGER_PAGE_SIZE } = {}) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const page = Math.max(1, filters.page ?? 1);
  const entries = entriesQuery(db, programmeId, filters)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const totals = db
    .select({ kind: ledgerEntry.kind, total: sql<number>`coalesce(sum(${ledgerEntry.amountCents}), 0)`, entries: count() })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(ledgerCondition(programmeId, filters))
    .groupBy(ledgerEntry.kind)
    .all();
  const entryCount = totals.reduce((a, row) => a + row.entries, 0);
  return {
    entries,
    committed: totals.find((row) => row.kind === "commitment")?.total ?? 0,
    paid: totals.find((row) => row.kind === "payment")?.total ?? 0,
    entryCount,
    page,
    pageCount: Math.max(1, Math.ceil(entryCount / pageSize)),
  };
}

/**
 * Every entry the filters select, one at a time, straight from SQLite's cursor: the export streams
 * these, so a million entries never sit in memory together.
 */
export function* iterateLedgerEntries(actor: Actor, programmeId: number, filters: LedgerFilters): Generator<LedgerListEntry> {
  requirePermission(actor, "read:programme");
  const query = entriesQuery(getDb(), programmeId, filters).toSQL();
  // Its own read connection: a cursor left open across the response's pauses would otherwise keep
  // the shared connection busy for every other request. WAL lets it read beside the writers.
  const file = getDb().$client.name;
  const reader = file === ":memory:" || file === "" ? null : new Database(file, { readonly: true, fileMustExist: true });
  const client = reader ?? getDb().$client;
  try {
    const keys = Object.keys(entryColumns) as (keyof LedgerListEntry)[];
    for (const values of client.prepare(query.sql).raw().iterate(...query.params) as Iterable<unknown[]>) {
      const entry = {} as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) entry[keys[i]] = values[i];
      yield entry as LedgerListEntry;
    }
  } finally {
    reader?.close();
  }
}

/** What is left of an entry once its reversals are counted (in absolute cents). */
export function remainingOf(conn: Conn, entry: { id: number; amountCents: number }) {
  const reversed = conn
    .select({ total: sql<number>`coalesce(sum(${ledgerEntry.amountCents}), 0)` })
    .from(ledgerEntry)
    .where(eq(ledgerEntry.reversesEntryId, entry.id))
    .get()!.total;
  return entry.amountCents + reversed;
}

export function getLedgerEntry(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const entry = db.select().from(ledgerEntry).where(eq(ledgerEntry.id, id)).get();
  if (!entry) throw new NotFoundError("ledger_entry", id);
  const line = db.select().from(budgetLine).where(eq(budgetLine.id, entry.budgetLineId)).get()!;
  const wp = db.select().from(workPackage).where(eq(workPackage.id, line.workPackageId)).get()!;
  const reversals = db.select().from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, id)).orderBy(ledgerEntry.id).all();
  const original = entry.reversesEntryId ? (db.select().from(ledgerEntry).where(eq(ledgerEntry.id, entry.reversesEntryId)).get() ?? null) : null;
  const createdBy = entry.createdById ? (db.select({ name: user.name }).from(user).where(eq(user.id, entry.createdById)).get()?.name ?? null) : null;
  return {
    entry,
    line,
    workPackage: wp,
    reversal: reversals[0] ?? null,
    reversals,
    remainingCents: entry.reversesEntryId ? 0 : remainingOf(db, entry),
    original,
    createdBy,
    totals: lineTotals(db, line.id),
  };
}

// ---------------------------------------------------------------- writes

function checkEntry(conn: Conn, programmeId: number, input: LedgerEntryInput, today: string) {
  const issues: FieldIssue[] = [];
  if (dateProblem(input.entryDate)) issues.push({ field: "entryDate", message: { key: dateProblem(input.entryDate)! } });
  else if (input.entryDate > today) issues.push({ field: "entryDate", message: { key: "finance.error.futureDate", params: { today: formatDate(today) } } });
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    issues.push({ field: "amount", message: { key: "finance.error.amountPositive" } });
  else if (!isAmountInBounds(input.amountCents)) issues.push({ field: "amount", message: { key: "bounds.amount" } });
  if (!input.supplier.trim()) issues.push({ field: "supplier", message: { key: "finance.error.required" } });
  if (!input.documentNumber.trim()) issues.push({ field: "documentNumber", message: { key: "finance.error.required" } });
  if (input.cig && !CIG_PATTERN.test(input.cig)) issues.push({ field: "cig", message: { key: "finance.error.cig" } });
  else issues.push(...checkLedgerCig(conn, programmeId, input.cig)); // a named CIG must be a registered procedure
  const line = conn
    .select()
    .from(budgetLine)
    .where(and(eq(budgetLine.id, input.budgetLineId), eq(budgetLine.programmeId, programmeId)))
    .get();
  if (!line) issues.push({ field: "budgetLineId", message: { key: "validation.unknownId", params: { id: input.budgetLineId } } });
  if (issues.length) throw new ValidationError(issues);
  return line!;
}

type EntryValues = Omit<LedgerEntry, "id" | "fingerprint" | "createdAt" | "createdById" | "budgetLineId">;

/** The same entry typed again is recognised by its fingerprint (before any budget question). */
function uniqueFingerprint(tx: Conn, line: { code: string }, values: EntryValues) {
  const fingerprint = ledgerFingerprint({ ...values, lineCode: line.code });
  const clash = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.fingerprint, fingerprint)).get();
  if (clash) throw ValidationError.field("documentNumber", "finance.error.duplicateEntry", { id: clash.id });
  return fingerprint;
}

function insertEntry(tx: Conn, actor: Actor, line: { id: number; code: string }, values: EntryValues, label: string, extraAudit: Record<string, unknown>) {
  const fingerprint = uniqueFingerprint(tx, line, values);
  return insertAudited(tx, actor, ledgerEntity(label), { ...values, budgetLineId: line.id, fingerprint, createdById: actor.id || null }, { extraAudit });
}

/**
 * Records a commitment or payment. Crossing a budget limit (the line's budget, the programme's
 * total, or paying beyond what is committed) needs an explicit confirmation with a reason, which
 * goes into the audit record.
 */
export function createLedgerEntry(actor: Actor, programmeId: number, input: LedgerEntryInput, today: string) {
  return command(actor, "update:finance", (tx) => {
    const line = checkEntry(tx, programmeId, input, today);
    assertMonthOpen(tx, programmeId, input.entryDate, "entryDate");
    const values: EntryValues = {
      kind: input.kind,
      entryDate: input.entryDate,
      amountCents: input.amountCents,
      supplier: input.supplier.trim(),
      cig: input.cig?.trim() || null,
      documentNumber: input.documentNumber.trim(),
      description: input.description?.trim() ?? "",
      reversesEntryId: null,
      importBatchId: null,
    };
    uniqueFingerprint(tx, line, values);
    const overruns = findOverruns(tx, programmeId, [{ budgetLineId: line.id, kind: input.kind, amountCents: input.amountCents, cig: values.cig }]);
    const confirmation = requireOverrunConfirmation(overruns, { confirmed: input.confirmOverCommitment, reason: input.overrunReason });
    return insertEntry(tx, actor, line, values, entryLabel(line, values), {
      overCommitmentConfirmed: overruns.length > 0,
      ...confirmation,
    });
  });
}

/**
 * Corrects an entry the only way the ledger allows: a new entry with the opposite amount, linked
 * to the original, with its own date, document number (the credit note's) and reason. It reverses
 * what is left of the original; a reversal is never itself reversed.
 */
export function reverseLedgerEntry(
  actor: Actor,
  input: { entryId: number; entryDate: string; reason: string; documentNumber?: string } & Partial<Pick<LedgerEntryInput, "confirmOverCommitment" | "overrunReason">>,
  today: string,
) {
  return command(actor, "update:finance", (tx) => {
    const original = tx.select().from(ledgerEntry).where(eq(ledgerEntry.id, input.entryId)).get();
    if (!original) throw new NotFoundError("ledger_entry", input.entryId);
    if (original.reversesEntryId) throw ValidationError.field(null, "finance.error.reverseReversal");
    const remaining = remainingOf(tx, original);
    if (remaining <= 0) {
      const already = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, original.id)).get();
      throw ValidationError.field(null, "finance.error.alreadyReversed", { id: already?.id ?? "—" });
    }
    const issues: FieldIssue[] = [];
    if (dateProblem(input.entryDate)) issues.push({ field: "entryDate", message: { key: dateProblem(input.entryDate)! } });
    else if (input.entryDate < original.entryDate)
      issues.push({ field: "entryDate", message: { key: "finance.error.reversalBeforeOriginal", params: { date: formatDate(original.entryDate) } } });
    else if (input.entryDate > today) issues.push({ field: "entryDate", message: { key: "finance.error.futureDate", params: { today: formatDate(today) } } });
    if (!input.reason.trim()) issues.push({ field: "reason", message: { key: "finance.error.required" } });
    if (issues.length) throw new ValidationError(issues);
    const line = tx.select().from(budgetLine).where(eq(budgetLine.id, original.budgetLineId)).get()!;
    assertMonthOpen(tx, line.programmeId, input.entryDate, "entryDate");
    const overruns = findOverruns(tx, line.programmeId, [{ budgetLineId: line.id, kind: original.kind, amountCents: -remaining, cig: original.cig }]);
    const confirmation = requireOverrunConfirmation(overruns, { confirmed: input.confirmOverCommitment, reason: input.overrunReason });
    return insertEntry(
      tx,
      actor,
      line,
      {
        kind: original.kind,
        entryDate: input.entryDate,
        amountCents: -remaining,
        supplier: original.supplier,
        cig: original.cig,
        documentNumber: input.documentNumber?.trim() || original.documentNumber,
        description: input.reason.trim(),
        reversesEntryId: original.id,
        importBatchId: null,
      },
      `Storno di ${entryLabel(line, original)}`,
      confirmation,
    );
  });
}

export function listLinesForEntry(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb()
    .select({ id: budgetLine.id, code: budgetLine.code, title: budgetLine.title, workPackageCode: workPackage.code })
    .from(budgetLine)
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(eq(budgetLine.programmeId, programmeId))
    .orderBy(asc(workPackage.sortOrder), asc(budgetLine.code))
    .all();
}
