import { and, asc, eq, ne, sql } from "drizzle-orm";
import { isAmountInBounds, isMonthInBounds } from "~/domain/core/bounds";
import { budgetLine, budgetLineProfile, programme, workPackage } from "#db/schema";
import { budgetCategories, fundingSources, type BudgetCategory, type FundingSource } from "~/domain/finance/finance-values";
import { formatEuro, type Cents } from "~/domain/core/money";
import { isMonth, profileTotal, scaleProfile, spreadAmount, type MonthAmount, type SpreadMethod } from "~/domain/finance/profile";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, conflictOf, entity, insertAudited, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";

export type BudgetLine = typeof budgetLine.$inferSelect;

export interface BudgetLineInput {
  workPackageId: number;
  code: string;
  title: string;
  category: BudgetCategory;
  fundingSource: FundingSource;
  cup: string;
  amountCents: Cents;
}

import { CUP_PATTERN } from "~/domain/core/pnrr-codes";
export { CUP_PATTERN };

const label = (line: { code: string; title: string }) => `${line.code} ${line.title}`;

// ---------------------------------------------------------------- reads

/** Every line with its work package and profile total, and the check against the programme total. */
export function listBudgetLines(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const prog = db.select().from(programme).where(eq(programme.id, programmeId)).get();
  if (!prog) throw new NotFoundError("programme", programmeId);
  const lines = db
    .select({
      id: budgetLine.id,
      code: budgetLine.code,
      title: budgetLine.title,
      category: budgetLine.category,
      fundingSource: budgetLine.fundingSource,
      cup: budgetLine.cup,
      amountCents: budgetLine.amountCents,
      workPackageId: budgetLine.workPackageId,
      workPackageCode: workPackage.code,
      workPackageTitle: workPackage.title,
      profileCents: sql<number>`(select coalesce(sum(${budgetLineProfile.plannedCents}), 0) from ${budgetLineProfile} where ${budgetLineProfile.budgetLineId} = ${budgetLine.id})`,
      profileMonths: sql<number>`(select count(*) from ${budgetLineProfile} where ${budgetLineProfile.budgetLineId} = ${budgetLine.id})`,
      committedCents: sql<number>`(select coalesce(sum(m.amount_cents), 0) from ledger_month m where m.budget_line_id = ${budgetLine.id} and m.kind = 'commitment')`,
    })
    .from(budgetLine)
    .innerJoin(workPackage, eq(workPackage.id, budgetLine.workPackageId))
    .where(eq(budgetLine.programmeId, programmeId))
    .orderBy(asc(workPackage.sortOrder), asc(budgetLine.code))
    .all();
  const linesTotal = lines.reduce((a, line) => a + line.amountCents, 0);
  return {
    lines,
    programmeTotal: prog.totalBudgetCents,
    linesTotal,
    difference: linesTotal - prog.totalBudgetCents,
  };
}

export function getBudgetLine(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const line = db.select().from(budgetLine).where(eq(budgetLine.id, id)).get();
  if (!line) throw new NotFoundError("budget_line", id);
  const wp = db.select().from(workPackage).where(eq(workPackage.id, line.workPackageId)).get()!;
  const profile = readProfile(db, id);
  const committedCents = db.get<{ total: number }>(sql`select coalesce(sum(amount_cents), 0) as total from ledger_month where budget_line_id = ${id} and kind = 'commitment'`).total;
  return { line, workPackage: wp, profile, profileTotal: profileTotal(profile), committedCents };
}

function readProfile(conn: Conn, budgetLineId: number): MonthAmount[] {
  return conn
    .select({ month: budgetLineProfile.month, cents: budgetLineProfile.plannedCents })
    .from(budgetLineProfile)
    .where(eq(budgetLineProfile.budgetLineId, budgetLineId))
    .orderBy(asc(budgetLineProfile.month))
    .all();
}

// ---------------------------------------------------------------- writes

export const budgetLineEntity = entity("budget_line", budgetLine, label);

function checkLine(conn: Conn, programmeId: number, input: BudgetLineInput, id?: number) {
  const issues: FieldIssue[] = [];
  if (!input.code.trim()) issues.push({ field: "code", message: { key: "finance.error.required" } });
  if (!input.title.trim()) issues.push({ field: "title", message: { key: "finance.error.required" } });
  if (!budgetCategories.includes(input.category)) issues.push({ field: "category", message: { key: "finance.error.required" } });
  if (!fundingSources.includes(input.fundingSource)) issues.push({ field: "fundingSource", message: { key: "finance.error.required" } });
  if (!CUP_PATTERN.test(input.cup)) issues.push({ field: "cup", message: { key: "finance.error.cup" } });
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0) issues.push({ field: "amount", message: { key: "finance.error.amountNotNegative" } });
  else if (!isAmountInBounds(input.amountCents)) issues.push({ field: "amount", message: { key: "bounds.amount" } });
  const clash = conn
    .select({ id: budgetLine.id })
    .from(budgetLine)
    .where(and(eq(budgetLine.programmeId, programmeId), eq(budgetLine.code, input.code.trim()), id ? ne(budgetLine.id, id) : undefined))
    .get();
  if (clash) issues.push({ field: "code", message: { key: "validation.duplicateCode", params: { code: input.code } } });
  const wp = conn
    .select({ id: workPackage.id })
    .from(workPackage)
    .where(and(eq(workPackage.id, input.workPackageId), eq(workPackage.programmeId, programmeId)))
    .get();
  if (!wp) issues.push({ field: "workPackageId", message: { key: "validation.unknownId", params: { id: input.workPackageId } } });
  if (issues.length) throw new ValidationError(issues);
}

export function createBudgetLine(actor: Actor, programmeId: number, input: BudgetLineInput) {
  return command(actor, "update:finance", (tx) => {
    checkLine(tx, programmeId, input);
    return insertAudited(tx, actor, budgetLineEntity, { ...input, code: input.code.trim(), title: input.title.trim(), programmeId });
  });
}

function replaceProfile(tx: Conn, budgetLineId: number, profile: readonly MonthAmount[]) {
  tx.delete(budgetLineProfile).where(eq(budgetLineProfile.budgetLineId, budgetLineId)).run();
  const rows = profile.filter((entry) => entry.cents !== 0).map((entry) => ({ budgetLineId, month: entry.month, plannedCents: entry.cents }));
  for (let i = 0; i < rows.length; i += 200) tx.insert(budgetLineProfile).values(rows.slice(i, i + 200)).run();
}

const profileAudit = (profile: readonly MonthAmount[]) => Object.fromEntries(profile.map((entry) => [entry.month, entry.cents]));

/**
 * Updates a line. When its amount changes, its profile is rescaled to the new amount (same shape,
 * exact to the cent), so a profile never stops summing to its line.
 */
export function updateBudgetLine(actor: Actor, input: BudgetLineInput & { id: number; version: number }) {
  return command(actor, "update:finance", (tx) => {
    const current = loadVersioned(tx, budgetLineEntity, input.id, input.version);
    checkLine(tx, current.programmeId, input, current.id);
    const { id, version, ...fields } = input;
    const next = { ...fields, code: fields.code.trim(), title: fields.title.trim() };
    let rescaled: MonthAmount[] | null = null;
    if (fields.amountCents !== current.amountCents) {
      const profile = readProfile(tx, id);
      if (profile.length) {
        rescaled = scaleProfile(profile, fields.amountCents);
        replaceProfile(tx, id, rescaled);
      }
    }
    return updateVersioned(tx, actor, budgetLineEntity, current, next, { version, extraAudit: rescaled ? { profileRescaled: profileAudit(rescaled) } : undefined });
  });
}

/** Replaces a line's profile with one entered month by month; it must sum exactly to the amount. */
export function saveBudgetLineProfile(actor: Actor, input: { id: number; version: number; profile: MonthAmount[] }) {
  return command(actor, "update:finance", (tx, audit) => {
    const current = loadVersioned(tx, budgetLineEntity, input.id, input.version);
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    for (const entry of input.profile) {
      if (!isMonth(entry.month) || seen.has(entry.month)) issues.push({ field: `m-${entry.month}`, message: { key: "finance.error.month" } });
      else if (!Number.isSafeInteger(entry.cents) || entry.cents < 0) issues.push({ field: `m-${entry.month}`, message: { key: "finance.error.amountNotNegative" } });
      else if (!isMonthInBounds(entry.month) || !isAmountInBounds(entry.cents)) issues.push({ field: `m-${entry.month}`, message: { key: isMonthInBounds(entry.month) ? "bounds.amount" : "bounds.month" } });
      seen.add(entry.month);
    }
    if (issues.length) throw new ValidationError(issues);
    const total = profileTotal(input.profile);
    if (total !== current.amountCents)
      throw ValidationError.field(null, "finance.error.profileSum", {
        total: formatEuro(total),
        amount: formatEuro(current.amountCents),
        difference: formatEuro(total - current.amountCents),
      });
    const before = readProfile(tx, current.id);
    const profile = [...input.profile].sort((a, b) => a.month.localeCompare(b.month));
    replaceProfile(tx, current.id, profile);
    // The profile lives in its own table: the line only gets its version bumped (no field audit),
    // and the profile change is the audit record.
    const updated = tx
      .update(budgetLine)
      .set({ version: current.version + 1, updatedAt: nowIso(), updatedById: actor.id || null })
      .where(and(eq(budgetLine.id, current.id), eq(budgetLine.version, current.version)))
      .returning()
      .get();
    if (!updated) throw conflictOf(tx, budgetLineEntity.type, current);
    audit({
      action: "update",
      entityType: "budget_line_profile",
      entityId: current.id,
      entityLabel: label(current),
      before: profileAudit(before),
      after: profileAudit(profile.filter((entry) => entry.cents !== 0)),
    });
    return updated;
  });
}

/** Replaces a line's profile by spreading its amount between two months. */
export function spreadBudgetLineProfile(actor: Actor, input: { id: number; version: number; from: string; to: string; method: SpreadMethod }) {
  requirePermission(actor, "update:finance");
  const issues: FieldIssue[] = [];
  if (!isMonth(input.from)) issues.push({ field: "from", message: { key: "finance.error.month" } });
  else if (!isMonthInBounds(input.from)) issues.push({ field: "from", message: { key: "bounds.month" } });
  if (!isMonth(input.to)) issues.push({ field: "to", message: { key: "finance.error.month" } });
  else if (!isMonthInBounds(input.to)) issues.push({ field: "to", message: { key: "bounds.month" } });
  else if (isMonth(input.from) && input.to < input.from) issues.push({ field: "to", message: { key: "finance.error.monthOrder" } });
  if (issues.length) throw new ValidationError(issues);
  const current = getDb().select().from(budgetLine).where(eq(budgetLine.id, input.id)).get();
  if (!current) throw new NotFoundError("budget_line", input.id);
  return saveBudgetLineProfile(actor, { id: input.id, version: input.version, profile: spreadAmount(current.amountCents, input.from, input.to, input.method) });
}
