/**
 * The procurement register: procedures (one per CIG), the budget lines they finance, suppliers
 * and their part in each procedure. Every write goes through the command kernel.
 */
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import { budgetLine, ledgerEntry, procedureBudgetLine, procedureParty, procurementProcedure, supplier, workPackage } from "#db/schema";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import { formatEuro, type Cents } from "~/domain/core/money";
import type { ProcedureState } from "~/domain/finance/budget-control";
import { ATECO_FORMAT, checkTaxCode, isValidCig, isValidCup, normalizeCig } from "~/domain/procurement/identifiers";
import { partyKinds, partyRoles, procedureTypes, type PartyKind, type PartyRole, type ProcedureType } from "~/domain/procurement/values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, entity, insertAudited, loadRow, loadVersioned, updateVersioned, deleteAudited } from "~/models/core/command.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";

export type Procedure = typeof procurementProcedure.$inferSelect;
export type Supplier = typeof supplier.$inferSelect;

const procedureEntity = entity("procurement_procedure", procurementProcedure, (row) => `CIG ${row.cig} ${row.subject}`);
const supplierEntity = entity("supplier", supplier, (row) => `${row.name} (${row.taxCode})`);
const partyEntity = entity("procedure_party", procedureParty, (row) => `partecipante ${row.id} della procedura ${row.procedureId}`);

export interface ProcedureInput {
  cig: string;
  cup: string;
  subject: string;
  procedureType: ProcedureType;
  tenderedCents: Cents;
  awardedCents: Cents | null;
  awardDate: string | null;
  contractDate: string | null;
  budgetLineIds: number[];
}

export interface PartyInput {
  taxCode: string;
  name: string;
  legalForm?: string;
  atecoCode?: string;
  kind: PartyKind;
  role: PartyRole;
}

// ---------------------------------------------------------------- the ledger's questions

/**
 * A ledger commitment or payment that names a CIG must point to a procedure registered in the
 * programme. Returns the field issue to report (none when the CIG is empty or registered).
 * A prepared statement per connection keeps this cheap enough for a 100,000-row import.
 */
const cigStatements = new WeakMap<object, { get: (...args: unknown[]) => unknown }>();
export function checkLedgerCig(conn: Conn, programmeId: number, cig: string | null | undefined): FieldIssue[] {
  const value = normalizeCig(cig ?? "");
  if (!value) return [];
  const client = (conn as unknown as { $client?: object }).$client ?? getDb().$client;
  let statement = cigStatements.get(client);
  if (!statement) {
    statement = (client as { prepare: (sql: string) => { get: (...args: unknown[]) => unknown } }).prepare(
      "select 1 from procurement_procedure where programme_id = ? and cig = ?",
    );
    cigStatements.set(client, statement);
  }
  if (statement.get(programmeId, value)) return [];
  return [{ field: "cig", message: { key: "procurement.error.cigNotRegistered", params: { cig: value } } }];
}

/** Committed and paid on the ledger under a procedure's CIG (its programme's lines only). */
export function procedureLedgerTotals(conn: Conn, procedure: Pick<Procedure, "programmeId" | "cig">) {
  const rows = conn
    .select({ kind: ledgerEntry.kind, total: sql<number>`coalesce(sum(${ledgerEntry.amountCents}), 0)`, entries: sql<number>`count(*)` })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(and(eq(budgetLine.programmeId, procedure.programmeId), eq(ledgerEntry.cig, procedure.cig)))
    .groupBy(ledgerEntry.kind)
    .all();
  return {
    committed: rows.find((row) => row.kind === "commitment")?.total ?? 0,
    paid: rows.find((row) => row.kind === "payment")?.total ?? 0,
    entries: rows.reduce((sum, row) => sum + row.entries, 0),
  };
}

/**
 * What can still be committed under a procedure: its awarded amount (the tendered amount until it
 * is awarded) minus what the ledger has committed on its CIG. Negative when already beyond it.
 */
export function procedureHeadroomCents(conn: Conn, procedureId: number): Cents {
  const procedure = conn.select().from(procurementProcedure).where(eq(procurementProcedure.id, procedureId)).get();
  if (!procedure) throw new NotFoundError("procurement_procedure", procedureId);
  const ceiling = procedure.awardedCents ?? procedure.tenderedCents;
  return ceiling - procedureLedgerTotals(conn, procedure).committed;
}

/**
 * Budget control's view of the procedures some new entries name: per CIG, the ceiling (awarded,
 * else tendered) and what the ledger has committed under it in the programme. One indexed sum per
 * CIG (ledger_entry_cig_kind_line_amount_idx), whatever the ledger's size.
 */
export function procedureCommitments(conn: Conn, programmeId: number, cigs: Iterable<string>): Map<string, ProcedureState> {
  const state = new Map<string, ProcedureState>();
  for (const cig of new Set(cigs)) {
    const row = conn.get<{ ceiling: number; committed: number } | undefined>(sql`
      select coalesce(p.awarded_cents, p.tendered_cents) as ceiling,
             coalesce((select sum(e.amount_cents) from ledger_entry e join budget_line l on l.id = e.budget_line_id
                        where e.cig = p.cig and e.kind = 'commitment' and l.programme_id = p.programme_id), 0) as committed
        from procurement_procedure p where p.programme_id = ${programmeId} and p.cig = ${normalizeCig(cig)}`);
    if (row) state.set(cig, { ceiling: row.ceiling, committed: row.committed });
  }
  return state;
}

/** The registered procedure of a CIG, if any (for the ledger entry page and FatturaPA checks). */
export function findProcedureByCig(conn: Conn, programmeId: number, cig: string) {
  return conn
    .select()
    .from(procurementProcedure)
    .where(and(eq(procurementProcedure.programmeId, programmeId), eq(procurementProcedure.cig, normalizeCig(cig))))
    .get();
}

// ---------------------------------------------------------------- reads

export function listProcedures(actor: Actor, programmeId: number, filters: { q?: string; type?: string } = {}) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const where = [eq(procurementProcedure.programmeId, programmeId)];
  const q = filters.q?.trim();
  if (q) where.push(or(like(procurementProcedure.cig, `%${q.toUpperCase()}%`), like(procurementProcedure.subject, `%${q}%`), like(procurementProcedure.cup, `%${q.toUpperCase()}%`))!);
  if (filters.type && (procedureTypes as readonly string[]).includes(filters.type)) where.push(eq(procurementProcedure.procedureType, filters.type as ProcedureType));
  const procedures = db.select().from(procurementProcedure).where(and(...where)).orderBy(asc(procurementProcedure.cig)).all();
  const ids = procedures.map((p) => p.id);
  const winners = ids.length
    ? db
        .select({ procedureId: procedureParty.procedureId, name: supplier.name, role: procedureParty.role })
        .from(procedureParty)
        .innerJoin(supplier, eq(supplier.id, procedureParty.supplierId))
        .where(and(inArray(procedureParty.procedureId, ids), eq(procedureParty.kind, "winner")))
        .orderBy(asc(procedureParty.id))
        .all()
    : [];
  const ledger = db
    .select({ cig: ledgerEntry.cig, kind: ledgerEntry.kind, total: sql<number>`sum(${ledgerEntry.amountCents})` })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(and(eq(budgetLine.programmeId, programmeId), sql`${ledgerEntry.cig} is not null`))
    .groupBy(ledgerEntry.cig, ledgerEntry.kind)
    .all();
  const totalOf = (cig: string, kind: string) => ledger.find((row) => row.cig === cig && row.kind === kind)?.total ?? 0;
  return procedures.map((p) => ({
    ...p,
    winners: winners.filter((w) => w.procedureId === p.id).map((w) => w.name),
    committed: totalOf(p.cig, "commitment"),
    paid: totalOf(p.cig, "payment"),
  }));
}

export function getProcedure(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const procedure = loadRow(db, procedureEntity, id);
  const lines = db
    .select({ id: budgetLine.id, code: budgetLine.code, title: budgetLine.title, cup: budgetLine.cup, workPackageCode: workPackage.code })
    .from(procedureBudgetLine)
    .innerJoin(budgetLine, eq(budgetLine.id, procedureBudgetLine.budgetLineId))
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(eq(procedureBudgetLine.procedureId, id))
    .orderBy(asc(budgetLine.code))
    .all();
  const parties = db
    .select({
      id: procedureParty.id,
      kind: procedureParty.kind,
      role: procedureParty.role,
      supplierId: supplier.id,
      taxCode: supplier.taxCode,
      name: supplier.name,
      legalForm: supplier.legalForm,
      atecoCode: supplier.atecoCode,
    })
    .from(procedureParty)
    .innerJoin(supplier, eq(supplier.id, procedureParty.supplierId))
    .where(eq(procedureParty.procedureId, id))
    .orderBy(asc(procedureParty.kind), asc(procedureParty.id))
    .all();
  const entries = db
    .select({ id: ledgerEntry.id, kind: ledgerEntry.kind, entryDate: ledgerEntry.entryDate, amountCents: ledgerEntry.amountCents, supplier: ledgerEntry.supplier, documentNumber: ledgerEntry.documentNumber, lineCode: budgetLine.code })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(and(eq(budgetLine.programmeId, procedure.programmeId), eq(ledgerEntry.cig, procedure.cig)))
    .orderBy(asc(ledgerEntry.entryDate), asc(ledgerEntry.id))
    .limit(200)
    .all();
  const totals = procedureLedgerTotals(db, procedure);
  return { procedure, lines, parties, entries, totals, headroom: (procedure.awardedCents ?? procedure.tenderedCents) - totals.committed };
}

export function listSuppliers(actor: Actor) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  return db
    .select({ id: supplier.id, taxCode: supplier.taxCode, name: supplier.name, legalForm: supplier.legalForm, atecoCode: supplier.atecoCode, procedures: sql<number>`count(${procedureParty.id})` })
    .from(supplier)
    .leftJoin(procedureParty, eq(procedureParty.supplierId, supplier.id))
    .groupBy(supplier.id)
    .orderBy(asc(supplier.name))
    .all();
}

/** Budget lines a procedure can finance (the procedure form's choices). */
export function listLinesForProcedure(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb()
    .select({ id: budgetLine.id, code: budgetLine.code, title: budgetLine.title, cup: budgetLine.cup })
    .from(budgetLine)
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(eq(budgetLine.programmeId, programmeId))
    .orderBy(asc(workPackage.sortOrder), asc(budgetLine.code))
    .all();
}

// ---------------------------------------------------------------- writes

function checkProcedure(conn: Conn, programmeId: number, input: ProcedureInput, selfId: number | null) {
  const issues: FieldIssue[] = [];
  const cig = normalizeCig(input.cig);
  if (!isValidCig(cig)) issues.push({ field: "cig", message: { key: "procurement.error.cig" } });
  else {
    const clash = findProcedureByCig(conn, programmeId, cig);
    if (clash && clash.id !== selfId) issues.push({ field: "cig", message: { key: "procurement.error.cigTaken", params: { cig, subject: clash.subject } } });
  }
  if (!isValidCup(input.cup)) issues.push({ field: "cup", message: { key: "procurement.error.cup" } });
  if (!input.subject.trim()) issues.push({ field: "subject", message: { key: "procurement.error.required" } });
  if (!(procedureTypes as readonly string[]).includes(input.procedureType)) issues.push({ field: "procedureType", message: { key: "procurement.error.required" } });
  if (!Number.isSafeInteger(input.tenderedCents) || input.tenderedCents < 0) issues.push({ field: "tendered", message: { key: "finance.error.amountNotNegative" } });
  if (input.awardedCents != null) {
    if (!Number.isSafeInteger(input.awardedCents) || input.awardedCents < 0) issues.push({ field: "awarded", message: { key: "finance.error.amountNotNegative" } });
    else if (input.awardedCents > input.tenderedCents)
      issues.push({ field: "awarded", message: { key: "procurement.error.awardedAboveTendered", params: { tendered: formatEuro(input.tenderedCents) } } });
    if (!input.awardDate) issues.push({ field: "awardDate", message: { key: "procurement.error.awardDateNeeded" } });
  }
  if (input.awardDate && !isIsoDate(input.awardDate)) issues.push({ field: "awardDate", message: { key: "validation.date" } });
  if (input.contractDate && !isIsoDate(input.contractDate)) issues.push({ field: "contractDate", message: { key: "validation.date" } });
  if (input.awardDate && input.awardedCents == null) issues.push({ field: "awarded", message: { key: "procurement.error.awardedNeeded" } });
  if (input.contractDate && input.awardDate && input.contractDate < input.awardDate)
    issues.push({ field: "contractDate", message: { key: "procurement.error.contractBeforeAward", params: { date: formatDate(input.awardDate) } } });
  if (input.contractDate && !input.awardDate) issues.push({ field: "awardDate", message: { key: "procurement.error.awardDateNeeded" } });
  const lineIds = [...new Set(input.budgetLineIds)];
  if (lineIds.length) {
    const found = conn
      .select({ id: budgetLine.id })
      .from(budgetLine)
      .where(and(eq(budgetLine.programmeId, programmeId), inArray(budgetLine.id, lineIds)))
      .all();
    const known = new Set(found.map((row) => row.id));
    for (const id of lineIds) if (!known.has(id)) issues.push({ field: "budgetLineIds", message: { key: "validation.unknownId", params: { id } } });
  }
  if (issues.length) throw new ValidationError(issues);
  return { cig, lineIds };
}

function lineCodes(conn: Conn, ids: number[]) {
  if (!ids.length) return [];
  return conn.select({ code: budgetLine.code }).from(budgetLine).where(inArray(budgetLine.id, ids)).orderBy(asc(budgetLine.code)).all().map((row) => row.code);
}

function procedureValues(input: ProcedureInput, cig: string) {
  return {
    cig,
    cup: input.cup.trim().toUpperCase(),
    subject: input.subject.trim(),
    procedureType: input.procedureType,
    tenderedCents: input.tenderedCents,
    awardedCents: input.awardedCents,
    awardDate: input.awardDate || null,
    contractDate: input.contractDate || null,
  };
}

export function createProcedure(actor: Actor, programmeId: number, input: ProcedureInput) {
  return command(actor, "update:procurement", (tx) => {
    const { cig, lineIds } = checkProcedure(tx, programmeId, input, null);
    const created = insertAudited<Procedure>(tx, actor, procedureEntity, { programmeId, ...procedureValues(input, cig) }, { extraAudit: { budgetLines: lineCodes(tx, lineIds) } });
    for (const budgetLineId of lineIds) tx.insert(procedureBudgetLine).values({ procedureId: created.id, budgetLineId }).run();
    return created;
  });
}

export function updateProcedure(actor: Actor, id: number, version: number, input: ProcedureInput) {
  return command(actor, "update:procurement", (tx) => {
    const current = loadVersioned(tx, procedureEntity, id, version);
    const { cig, lineIds } = checkProcedure(tx, current.programmeId, input, id);
    const before = tx.select({ id: procedureBudgetLine.budgetLineId }).from(procedureBudgetLine).where(eq(procedureBudgetLine.procedureId, id)).all().map((row) => row.id);
    const linesChanged = before.length !== lineIds.length || before.some((lineId) => !lineIds.includes(lineId));
    if (cig !== current.cig) {
      // The ledger names procedures by CIG: renaming one would orphan its entries.
      const totals = procedureLedgerTotals(tx, current);
      if (totals.entries > 0) throw ValidationError.field("cig", "procurement.error.cigInUse", { count: totals.entries });
    }
    const updated = updateVersioned(tx, actor, procedureEntity, current, procedureValues(input, cig), {
      version,
      force: linesChanged,
      extraAudit: linesChanged ? { budgetLines: lineCodes(tx, lineIds), budgetLinesBefore: lineCodes(tx, before) } : undefined,
    });
    if (linesChanged) {
      tx.delete(procedureBudgetLine).where(eq(procedureBudgetLine.procedureId, id)).run();
      for (const budgetLineId of lineIds) tx.insert(procedureBudgetLine).values({ procedureId: id, budgetLineId }).run();
    }
    return updated;
  });
}

/**
 * Adds a winner or subcontractor. The supplier is found by its tax code (checked, check digit
 * included) or created; an existing supplier's name is never silently overwritten.
 */
export function addProcedureParty(actor: Actor, procedureId: number, input: PartyInput) {
  return command(actor, "update:procurement", (tx) => {
    const procedure = loadRow(tx, procedureEntity, procedureId);
    const issues: FieldIssue[] = [];
    const taxCode = checkTaxCode(input.taxCode);
    if (!taxCode.ok) issues.push({ field: "taxCode", message: { key: `procurement.error.taxCode.${taxCode.problem}` } });
    if (!input.name.trim()) issues.push({ field: "name", message: { key: "procurement.error.required" } });
    if (input.atecoCode && !ATECO_FORMAT.test(input.atecoCode.trim())) issues.push({ field: "atecoCode", message: { key: "procurement.error.ateco" } });
    if (!(partyKinds as readonly string[]).includes(input.kind)) issues.push({ field: "kind", message: { key: "procurement.error.required" } });
    if (!(partyRoles as readonly string[]).includes(input.role)) issues.push({ field: "role", message: { key: "procurement.error.required" } });
    else if ((input.kind === "subcontractor") !== (input.role === "subcontractor"))
      issues.push({ field: "role", message: { key: "procurement.error.roleKind" } });
    if (issues.length) throw new ValidationError(issues);
    const code = (taxCode as { value: string }).value;
    let found = tx.select().from(supplier).where(eq(supplier.taxCode, code)).get();
    if (!found)
      found = insertAudited<Supplier>(tx, actor, supplierEntity, {
        taxCode: code,
        name: input.name.trim(),
        legalForm: input.legalForm?.trim() ?? "",
        atecoCode: input.atecoCode?.trim() ?? "",
      });
    const clash = tx
      .select({ id: procedureParty.id })
      .from(procedureParty)
      .where(and(eq(procedureParty.procedureId, procedureId), eq(procedureParty.supplierId, found.id), eq(procedureParty.kind, input.kind)))
      .get();
    if (clash) throw ValidationError.field("taxCode", "procurement.error.partyTwice", { name: found.name });
    return insertAudited(tx, actor, partyEntity, { procedureId: procedure.id, supplierId: found.id, kind: input.kind, role: input.role }, { extraAudit: { cig: procedure.cig, supplier: found.name, taxCode: found.taxCode } });
  });
}

export function removeProcedureParty(actor: Actor, partyId: number) {
  return command(actor, "update:procurement", (tx) => {
    const party = loadRow(tx, partyEntity, partyId);
    const who = tx.select().from(supplier).where(eq(supplier.id, party.supplierId)).get()!;
    deleteAudited(tx, actor, partyEntity, party, { supplier: who.name, taxCode: who.taxCode });
    return party;
  });
}

export function updateSupplier(actor: Actor, id: number, version: number, input: { name: string; legalForm: string; atecoCode: string }) {
  return command(actor, "update:procurement", (tx) => {
    const current = loadVersioned(tx, supplierEntity, id, version);
    const issues: FieldIssue[] = [];
    if (!input.name.trim()) issues.push({ field: "name", message: { key: "procurement.error.required" } });
    if (input.atecoCode && !ATECO_FORMAT.test(input.atecoCode.trim())) issues.push({ field: "atecoCode", message: { key: "procurement.error.ateco" } });
    if (issues.length) throw new ValidationError(issues);
    return updateVersioned(tx, actor, supplierEntity, current, { name: input.name.trim(), legalForm: input.legalForm.trim(), atecoCode: input.atecoCode.trim() }, { version });
  });
}
