import { and, eq } from "drizzle-orm";
import { addDays } from "../../app/domain/dates";
import { appendAudit } from "../../app/models/audit.server";
import type { Actor } from "../../app/models/actor.server";
import type { Db } from "../client";
import { budgetLine, procedureBudgetLine, procedureParty, procurementProcedure, programme, supplier } from "../schema";
import { FINANCE_CUP, ledgerSeeds } from "./finance-data";
import { programmeSeed } from "./fse-data";
import { procedureSeeds, supplierSeeds } from "./procurement-data";

const seedActor: Actor = { id: 0, name: "Caricamento iniziale", role: "admin" };

/**
 * The demo procurement register. Idempotent: suppliers by tax code, procedures by (programme,
 * CIG), parties by (procedure, supplier, kind); nothing existing is overwritten. Awarded amounts
 * are what the demo ledger commits on each CIG; award and contract dates frame the first commitment.
 */
export function seedProcurement(db: Db) {
  const created = { supplier: 0, procedure: 0, procedureParty: 0 };
  const now = new Date().toISOString();
  const stamp = { createdAt: now, updatedAt: now, updatedById: null };
  const ledger = ledgerSeeds();
  db.transaction((tx) => {
    const prog = tx.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
    if (!prog) return;
    const supplierIds = new Map<string, number>();
    for (const seed of supplierSeeds) {
      let row = tx.select().from(supplier).where(eq(supplier.taxCode, seed.taxCode)).get();
      if (!row) {
        row = tx.insert(supplier).values({ ...seed, ...stamp }).returning().get();
        created.supplier++;
      }
      supplierIds.set(seed.name, row.id);
    }
    for (const seed of procedureSeeds) {
      let row = tx.select().from(procurementProcedure).where(and(eq(procurementProcedure.programmeId, prog.id), eq(procurementProcedure.cig, seed.cig))).get();
      if (!row) {
        const commitments = ledger.filter((entry) => entry.cig === seed.cig && entry.kind === "commitment" && !entry.reverses);
        const awarded = commitments.reduce((sum, entry) => sum + entry.amountCents, 0);
        const first = commitments.map((entry) => entry.entryDate).sort()[0] ?? null;
        row = tx
          .insert(procurementProcedure)
          .values({
            programmeId: prog.id,
            cig: seed.cig,
            cup: FINANCE_CUP,
            subject: seed.subject,
            procedureType: seed.procedureType,
            tenderedCents: Math.round((awarded * seed.baseRatio) / 1000),
            awardedCents: first ? awarded : null,
            awardDate: first ? addDays(first, -21) : null,
            contractDate: first ? addDays(first, -7) : null,
            ...stamp,
          })
          .returning()
          .get();
        created.procedure++;
        for (const code of seed.lines) {
          const line = tx.select({ id: budgetLine.id }).from(budgetLine).where(and(eq(budgetLine.programmeId, prog.id), eq(budgetLine.code, code))).get();
          if (!line) throw new Error(`Procurement seed: budget line ${code} is missing`);
          tx.insert(procedureBudgetLine).values({ procedureId: row.id, budgetLineId: line.id }).run();
        }
      }
      const parties = [
        ...seed.winners.map((w) => ({ name: w.name, kind: "winner" as const, role: w.role })),
        ...(seed.subcontractors ?? []).map((name) => ({ name, kind: "subcontractor" as const, role: "subcontractor" as const })),
      ];
      for (const party of parties) {
        const supplierId = supplierIds.get(party.name);
        if (!supplierId) throw new Error(`Procurement seed: supplier ${party.name} is missing`);
        const exists = tx
          .select({ id: procedureParty.id })
          .from(procedureParty)
          .where(and(eq(procedureParty.procedureId, row.id), eq(procedureParty.supplierId, supplierId), eq(procedureParty.kind, party.kind)))
          .get();
        if (exists) continue;
        tx.insert(procedureParty).values({ procedureId: row.id, supplierId, kind: party.kind, role: party.role, ...stamp }).run();
        created.procedureParty++;
      }
    }
    if (created.supplier + created.procedure + created.procedureParty > 0)
      appendAudit(tx, seedActor, { action: "seed", entityType: "procurement", entityId: prog.id, entityLabel: "Registro delle procedure dimostrativo", after: created });
  });
  return created;
}
