import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../app/models/audit/audit.server";
import type { Actor } from "../../app/models/core/actor.server";
import { ledgerFingerprint } from "../../app/models/finance/ledger.server";
import { spreadAmount } from "../../app/domain/finance/profile";
import type { Db } from "../client";
import { budgetLine, budgetLineProfile, ledgerEntry, programme, workPackage } from "../schema";
import { budgetLineSeeds, FINANCE_CUP, ledgerSeeds } from "./finance-data";
import { programmeSeed } from "./fse-data";

const seedActor: Actor = { id: 0, name: "Caricamento iniziale", role: "admin" };

/**
 * Demo budget lines, profiles and ledger. Idempotent like the rest of the seed: lines by code,
 * a profile only for a line that has none, ledger entries by fingerprint.
 */
export function seedFinance(db: Db) {
  const created = { budgetLine: 0, profileMonth: 0, ledgerEntry: 0 };
  const now = new Date().toISOString();
  db.transaction((tx) => {
    const prog = tx.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
    if (!prog) return;
    const lineIds = new Map<string, number>();
    for (const seed of budgetLineSeeds) {
      const wp = tx.select().from(workPackage).where(and(eq(workPackage.programmeId, prog.id), eq(workPackage.code, seed.wp))).get();
      if (!wp) throw new Error(`Finance seed: work package ${seed.wp} is missing`);
      let line = tx.select().from(budgetLine).where(and(eq(budgetLine.programmeId, prog.id), eq(budgetLine.code, seed.code))).get();
      if (!line) {
        line = tx
          .insert(budgetLine)
          .values({
            programmeId: prog.id,
            workPackageId: wp.id,
            code: seed.code,
            title: seed.title,
            category: seed.category,
            fundingSource: seed.fundingSource,
            cup: FINANCE_CUP,
            amountCents: seed.amountCents,
            createdAt: now,
            updatedAt: now,
            updatedById: null,
          })
          .returning()
          .get();
        created.budgetLine++;
      }
      lineIds.set(seed.code, line.id);
      const hasProfile = tx.select({ month: budgetLineProfile.month }).from(budgetLineProfile).where(eq(budgetLineProfile.budgetLineId, line.id)).limit(1).get();
      if (!hasProfile) {
        const rows = spreadAmount(line.amountCents, seed.from, seed.to, seed.method).map((p) => ({ budgetLineId: line.id, month: p.month, plannedCents: p.cents }));
        tx.insert(budgetLineProfile).values(rows).run();
        created.profileMonth += rows.length;
      }
    }
    const ids = new Map<string, number>();
    for (const seed of ledgerSeeds()) {
      const lineId = lineIds.get(seed.lineCode)!;
      const reversesEntryId = seed.reverses ? ids.get(seed.reverses)! : null;
      const fingerprint = ledgerFingerprint({ ...seed, reversesEntryId });
      const found = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.fingerprint, fingerprint)).get();
      if (found) {
        ids.set(seed.key, found.id);
        continue;
      }
      const row = tx
        .insert(ledgerEntry)
        .values({
          budgetLineId: lineId,
          kind: seed.kind,
          entryDate: seed.entryDate,
          amountCents: seed.amountCents,
          supplier: seed.supplier,
          cig: seed.cig,
          documentNumber: seed.documentNumber,
          description: seed.description,
          reversesEntryId,
          importBatchId: null,
          fingerprint,
          createdAt: now,
          createdById: null,
        })
        .returning({ id: ledgerEntry.id })
        .get();
      ids.set(seed.key, row.id);
      created.ledgerEntry++;
    }
    if (created.budgetLine + created.profileMonth + created.ledgerEntry > 0)
      appendAudit(tx, seedActor, { action: "seed", entityType: "finance", entityId: prog.id, entityLabel: "Dati finanziari dimostrativi", after: created });
  });
  return { created };
}
