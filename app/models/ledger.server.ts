import { createHash } from "node:crypto";
import { dateProblem, isAmountInBounds } from "~/domain/core/bounds";
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { budgetLine, ledgerEntry, ledgerMonth, user, workPackage } from "#db/schema";
import { formatDate, isIsoDate } from "~/domain/dates";
import type { LedgerKind } from "~/domain/finance-values";
import { formatEuro, type Cents } from "~/domain/money";
import { requirePermission, type Actor } from "./actor.server";
import { appendAudit, auditView } from "./audit.server";
import { getDb, nowIso, type Conn } from "./db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "./errors.server";

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
  /** Needed when the entry takes payments above commitments on its line. */
  confirmOverCommitment?: boolean;
}

export const CIG_PATTERN = /^[A-Z0-9]{10}$/;

/**
 * The business identity of an entry. The same row imported twice (or typed in again) has the same
 * fingerprint, and a unique index turns it away. A reversal's identity includes what it reverses.
 */
export function ledgerFingerprint(entry: {
  lineCode: string;
  kind: string;
  entryDate: string;
  amountCents: number;
  supplier: string;
  cig?: string | null;
  documentNumber: string;
  reversesEntryId?: number | null;
}) {
  const parts = [
    entry.lineCode.trim().toUpperCase(),
    entry.kind,
    entry.entryDate,
    String(entry.amountCents),
    entry.supplier.trim().replace(/\s+/g, " ").toUpperCase(),
    (entry.cig ?? "").trim().toUpperCase(),
    entry.documentNumber.trim().toUpperCase(),
    entry.reversesEntryId ? `R${entry.reversesEntryId}` : "",
  ];
  return createHash("sha256").update(parts.join("\u001f")).digest("hex").slice(0, 32);
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

function overCommitmentIssue(committed: Cents, paid: Cents): FieldIssue {
  return {
    field: "confirmOverCommitment",
    message: { key: "finance.error.overCommitment", params: { paid: formatEuro(paid), committed: formatEuro(committed), excess: formatEuro(paid - committed) } },
  };
}

// ---------------------------------------------------------------- reads

export interface LedgerFilters {
  budgetLineId?: number;
  workPackageId?: number;
  kind?: LedgerKind;
  from?: string;
  to?: string;
  page?: number;
}

export const LEDGER_PAGE_SIZE = 50;

export function listLedgerEntries(actor: Actor, programmeId: number, filters: LedgerFilters, { pageSize = LEDGER_PAGE_SIZE } = {}) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const where: SQL[] = [eq(budgetLine.programmeId, programmeId)];
  if (filters.budgetLineId) where.push(eq(ledgerEntry.budgetLineId, filters.budgetLineId));
  if (filters.workPackageId) where.push(eq(budgetLine.workPackageId, filters.workPackageId));
  if (filters.kind) where.push(eq(ledgerEntry.kind, filters.kind));
  if (filters.from && isIsoDate(filters.from)) where.push(gte(ledgerEntry.entryDate, filters.from));
  if (filters.to && isIsoDate(filters.to)) where.push(lte(ledgerEntry.entryDate, filters.to));
  const condition = and(...where);
  const page = Math.max(1, filters.page ?? 1);
  const entries = db
    .select({
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
    })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(condition)
    .orderBy(desc(ledgerEntry.entryDate), desc(ledgerEntry.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const totals = db
    .select({ kind: ledgerEntry.kind, total: sql<number>`coalesce(sum(${ledgerEntry.amountCents}), 0)`, entries: count() })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(condition)
    .groupBy(ledgerEntry.kind)
    .all();
  const reversed = entries.length
    ? db
        .select({ id: ledgerEntry.id, reversesEntryId: ledgerEntry.reversesEntryId })
        .from(ledgerEntry)
        .where(inArray(ledgerEntry.reversesEntryId, entries.map((entry) => entry.id)))
        .all()
    : [];
  const reversedBy = new Map(reversed.map((row) => [row.reversesEntryId!, row.id]));
  const entryCount = totals.reduce((a, row) => a + row.entries, 0);
  return {
    entries: entries.map((entry) => ({ ...entry, reversedById: reversedBy.get(entry.id) ?? null })),
    committed: totals.find((row) => row.kind === "commitment")?.total ?? 0,
    paid: totals.find((row) => row.kind === "payment")?.total ?? 0,
    entryCount,
    page,
    pageCount: Math.max(1, Math.ceil(entryCount / pageSize)),
  };
}

export function getLedgerEntry(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const entry = db.select().from(ledgerEntry).where(eq(ledgerEntry.id, id)).get();
  if (!entry) throw new NotFoundError("ledger_entry", id);
  const line = db.select().from(budgetLine).where(eq(budgetLine.id, entry.budgetLineId)).get()!;
  const wp = db.select().from(workPackage).where(eq(workPackage.id, line.workPackageId)).get()!;
  const reversal = db.select().from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, id)).get() ?? null;
  const original = entry.reversesEntryId ? (db.select().from(ledgerEntry).where(eq(ledgerEntry.id, entry.reversesEntryId)).get() ?? null) : null;
  const createdBy = entry.createdById ? (db.select({ name: user.name }).from(user).where(eq(user.id, entry.createdById)).get()?.name ?? null) : null;
  return { entry, line, workPackage: wp, reversal, original, createdBy, totals: lineTotals(db, line.id) };
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
  const line = conn
    .select()
    .from(budgetLine)
    .where(and(eq(budgetLine.id, input.budgetLineId), eq(budgetLine.programmeId, programmeId)))
    .get();
  if (!line) issues.push({ field: "budgetLineId", message: { key: "validation.unknownId", params: { id: input.budgetLineId } } });
  if (issues.length) throw new ValidationError(issues);
  return line!;
}

function insertEntry(tx: Conn, actor: Actor, line: { id: number; code: string }, values: Omit<LedgerEntry, "id" | "fingerprint" | "createdAt" | "createdById" | "budgetLineId">) {
  const fingerprint = ledgerFingerprint({ ...values, lineCode: line.code });
  const clash = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.fingerprint, fingerprint)).get();
  if (clash) throw ValidationError.field("documentNumber", "finance.error.duplicateEntry", { id: clash.id });
  return tx
    .insert(ledgerEntry)
    .values({ ...values, budgetLineId: line.id, fingerprint, createdAt: nowIso(), createdById: actor.id || null })
    .returning()
    .get();
}

/** Records a commitment or payment. Paying beyond what is committed on the line needs confirmation. */
export function createLedgerEntry(actor: Actor, programmeId: number, input: LedgerEntryInput, today: string) {
  requirePermission(actor, "update:finance");
  return getDb().transaction((tx) => {
    const line = checkEntry(tx, programmeId, input, today);
    if (input.kind === "payment") {
      const totals = lineTotals(tx, line.id);
      const paid = totals.paid + input.amountCents;
      if (paid > totals.committed && !input.confirmOverCommitment) throw new ValidationError([overCommitmentIssue(totals.committed, paid)]);
    }
    const created = insertEntry(tx, actor, line, {
      kind: input.kind,
      entryDate: input.entryDate,
      amountCents: input.amountCents,
      supplier: input.supplier.trim(),
      cig: input.cig?.trim() || null,
      documentNumber: input.documentNumber.trim(),
      description: input.description?.trim() ?? "",
      reversesEntryId: null,
      importBatchId: null,
    });
    appendAudit(tx, actor, {
      action: "create",
      entityType: "ledger_entry",
      entityId: created.id,
      entityLabel: entryLabel(line, created),
      after: { ...auditView(created), overCommitmentConfirmed: Boolean(input.confirmOverCommitment && input.kind === "payment") },
    });
    return created;
  });
}

/**
 * Corrects an entry the only way the ledger allows: a new entry with the opposite amount, linked
 * to the original. An entry is reversed at most once, and a reversal is never itself reversed.
 */
export function reverseLedgerEntry(
  actor: Actor,
  input: { entryId: number; entryDate: string; reason: string; confirmOverCommitment?: boolean },
  today: string,
) {
  requirePermission(actor, "update:finance");
  return getDb().transaction((tx) => {
    const original = tx.select().from(ledgerEntry).where(eq(ledgerEntry.id, input.entryId)).get();
    if (!original) throw new NotFoundError("ledger_entry", input.entryId);
    if (original.reversesEntryId) throw ValidationError.field(null, "finance.error.reverseReversal");
    const already = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.reversesEntryId, original.id)).get();
    if (already) throw ValidationError.field(null, "finance.error.alreadyReversed", { id: already.id });
    const issues: FieldIssue[] = [];
    if (dateProblem(input.entryDate)) issues.push({ field: "entryDate", message: { key: dateProblem(input.entryDate)! } });
    else if (input.entryDate < original.entryDate)
      issues.push({ field: "entryDate", message: { key: "finance.error.reversalBeforeOriginal", params: { date: formatDate(original.entryDate) } } });
    else if (input.entryDate > today) issues.push({ field: "entryDate", message: { key: "finance.error.futureDate", params: { today: formatDate(today) } } });
    if (!input.reason.trim()) issues.push({ field: "reason", message: { key: "finance.error.required" } });
    if (issues.length) throw new ValidationError(issues);
    const line = tx.select().from(budgetLine).where(eq(budgetLine.id, original.budgetLineId)).get()!;
    if (original.kind === "commitment") {
      const totals = lineTotals(tx, line.id);
      const committed = totals.committed - original.amountCents;
      if (totals.paid > committed && !input.confirmOverCommitment) throw new ValidationError([overCommitmentIssue(committed, totals.paid)]);
    }
    const created = insertEntry(tx, actor, line, {
      kind: original.kind,
      entryDate: input.entryDate,
      amountCents: -original.amountCents,
      supplier: original.supplier,
      cig: original.cig,
      documentNumber: original.documentNumber,
      description: input.reason.trim(),
      reversesEntryId: original.id,
      importBatchId: null,
    });
    appendAudit(tx, actor, {
      action: "create",
      entityType: "ledger_entry",
      entityId: created.id,
      entityLabel: `Storno di ${entryLabel(line, original)}`,
      after: auditView(created),
    });
    return created;
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
