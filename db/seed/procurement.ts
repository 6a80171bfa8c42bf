import path from "node:path";
import { and, eq } from "drizzle-orm";
import { addDays, formatDate } from "../../app/domain/core/dates";
import { formatEuro } from "../../app/domain/core/money";
import { mimeOf, type DocumentRole } from "../../app/domain/procurement/documents";
import { buildFatturaPA } from "../../app/domain/procurement/fatturapa-build";
import { tinyPdf } from "../../app/domain/procurement/tiny-pdf";
import { FilesystemDocumentStore } from "../../app/models/documents/store.server";
import { ledgerFingerprint } from "../../app/models/finance/ledger.server";
import { appendAudit } from "../../app/models/audit/audit.server";
import type { Actor } from "../../app/models/core/actor.server";
import type { Db } from "../client";
import { budgetLine, document, documentVerification, ledgerEntry, milestone, procedureBudgetLine, procedureParty, procurementProcedure, programme, supplier, user, workPackage } from "../schema";
import { budgetLineSeeds, FINANCE_CUP, ledgerSeeds } from "./finance-data";
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

/** Payments at or above this get their FatturaPA invoice in the demo (personnel costs excepted). */
export const SEED_INVOICE_THRESHOLD_CENTS = 100_000_00;
const REGION = { taxCode: "02086690373", name: "REGIONE EMILIA-ROMAGNA", officeCode: "UFER25" };

/** The store beside the seeded database file (or DOCUMENTS_DIR), like the app's default. */
function seedStore(db: Db) {
  const root = process.env.DOCUMENTS_DIR ? path.resolve(process.env.DOCUMENTS_DIR) : path.join(path.dirname(path.resolve(db.$client.name)), "documents");
  return new FilesystemDocumentStore(root);
}

/**
 * Small generated documents: each procedure's award decision (and the open tenders' notices) as
 * one-page PDFs, and a FatturaPA invoice for every supplier payment at or above the threshold.
 * Idempotent by (target, SHA-256): the same bytes are never attached twice to the same thing.
 */
export function seedProcurementDocuments(db: Db) {
  const created = { document: 0 };
  const store = seedStore(db);
  const now = new Date().toISOString();
  const ledger = ledgerSeeds();
  const personnel = new Set(budgetLineSeeds.filter((line) => line.category === "personnel").map((line) => line.code));
  const supplierByName = new Map(supplierSeeds.map((s) => [s.name, s]));
  db.transaction((tx) => {
    const prog = tx.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
    if (!prog) return;
    const attach = (values: { name: string; kind: "pdf" | "fatturapa"; role: DocumentRole; bytes: Uint8Array; ledgerEntryId?: number; procedureId?: number }) => {
      const { sha256, sizeBytes } = store.put(values.bytes);
      const targetCondition = values.ledgerEntryId ? eq(document.ledgerEntryId, values.ledgerEntryId) : eq(document.procedureId, values.procedureId!);
      if (tx.select({ id: document.id }).from(document).where(and(targetCondition, eq(document.sha256, sha256))).get()) return;
      tx.insert(document)
        .values({
          programmeId: prog.id,
          name: values.name,
          kind: values.kind,
          mime: mimeOf[values.kind],
          sizeBytes,
          sha256,
          role: values.role,
          ledgerEntryId: values.ledgerEntryId ?? null,
          procedureId: values.procedureId ?? null,
          uploadedById: null,
          uploadedByName: seedActor.name,
          uploadedAt: now,
        })
        .run();
      created.document++;
    };
    for (const seed of procedureSeeds) {
      const procedure = tx.select().from(procurementProcedure).where(and(eq(procurementProcedure.programmeId, prog.id), eq(procurementProcedure.cig, seed.cig))).get();
      if (!procedure) continue;
      if (seed.procedureType === "open")
        attach({
          name: `Bando ${seed.cig}.pdf`,
          kind: "pdf",
          role: "notice",
          procedureId: procedure.id,
          bytes: tinyPdf([REGION.name, "Bando di gara - procedura aperta", seed.subject, `CIG ${seed.cig} - CUP ${procedure.cup}`, `Importo a base di gara: ${formatEuro(procedure.tenderedCents)}`]),
        });
      if (procedure.awardDate)
        attach({
          name: `Determina di aggiudicazione ${seed.cig}.pdf`,
          kind: "pdf",
          role: "award",
          procedureId: procedure.id,
          bytes: tinyPdf([REGION.name, `Determina di aggiudicazione del ${formatDate(procedure.awardDate)}`, seed.subject, `CIG ${seed.cig} - CUP ${procedure.cup}`, `Aggiudicatari: ${seed.winners.map((w) => w.name).join(", ")}`, `Importo aggiudicato: ${formatEuro(procedure.awardedCents ?? 0)}`]),
        });
    }
    const reversed = new Set(ledger.map((entry) => entry.reverses).filter(Boolean));
    let progressive = 0;
    for (const seed of ledger) {
      if (seed.kind !== "payment" || seed.amountCents < SEED_INVOICE_THRESHOLD_CENTS || personnel.has(seed.lineCode) || seed.reverses || reversed.has(seed.key)) continue;
      const entry = tx.select({ id: ledgerEntry.id }).from(ledgerEntry).where(eq(ledgerEntry.fingerprint, ledgerFingerprint({ ...seed, reversesEntryId: null }))).get();
      if (!entry) continue;
      const party = supplierByName.get(seed.supplier);
      const vatNumber = party?.taxCode ?? LEPIDA_VAT;
      const taxable = Math.round((seed.amountCents * 100) / 122);
      progressive++;
      const xml = buildFatturaPA({
        supplier: { vatNumber, name: seed.supplier },
        buyer: REGION,
        number: seed.documentNumber,
        date: seed.entryDate,
        description: seed.description,
        taxableCents: taxable,
        taxCents: seed.amountCents - taxable,
        vatRate: 22,
        cig: seed.cig ?? undefined,
        cup: FINANCE_CUP,
        progressive: String(progressive).padStart(5, "0"),
      });
      attach({ name: `IT${vatNumber}_${seed.documentNumber.replace(/[^A-Za-z0-9]/g, "")}.xml`, kind: "fatturapa", role: "invoice", ledgerEntryId: entry.id, bytes: new Uint8Array(Buffer.from(xml, "utf8")) });
    }
    // Evidence for the EU target M6C2-11: the regional six-monthly report, uploaded by the
    // programme manager and verified by finance; M6C2-12's summary document uploaded, not verified.
    const userId = (email: string) => tx.select({ id: user.id, name: user.name }).from(user).where(eq(user.email, email)).get();
    const manager = userId("responsabile@traguardi.demo");
    const finance = userId("finanza@traguardi.demo");
    const evidenceSeeds = [
      { euCode: "M6C2-11", key: "M6C2-11#1", name: "Relazione semestrale FSE Emilia-Romagna - I semestre 2025.pdf", lines: ["Regione Emilia-Romagna - Relazione semestrale sull'avanzamento del FSE 2.0", "Periodo: 1 gennaio - 30 giugno 2025", "Pubblicata su https://salute.regione.emilia-romagna.it"], verified: true },
      { euCode: "M6C2-12", key: "M6C2-12#1", name: "Documento di sintesi M6C2-12 - bozza.pdf", lines: ["Documento di sintesi: Sistema TS e infrastruttura di interoperabilità FSE", "Bozza per la verifica"], verified: false },
    ];
    for (const seed of evidenceSeeds) {
      const target = tx
        .select({ id: milestone.id })
        .from(milestone)
        .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
        .where(and(eq(workPackage.programmeId, prog.id), eq(milestone.euCode, seed.euCode)))
        .get();
      if (!target || !manager) continue;
      const bytes = tinyPdf(seed.lines);
      const { sha256, sizeBytes } = store.put(bytes);
      if (tx.select({ id: document.id }).from(document).where(and(eq(document.milestoneId, target.id), eq(document.sha256, sha256))).get()) continue;
      const row = tx
        .insert(document)
        .values({ programmeId: prog.id, name: seed.name, kind: "pdf", mime: mimeOf.pdf, sizeBytes, sha256, role: "evidence", milestoneId: target.id, evidenceKey: seed.key, uploadedById: manager.id, uploadedByName: manager.name, uploadedAt: now })
        .returning()
        .get();
      created.document++;
      if (seed.verified && finance)
        tx.insert(documentVerification).values({ documentId: row.id, verifiedById: finance.id, verifiedByName: finance.name, verifiedAt: now, note: "Conforme al meccanismo di verifica" }).run();
    }
    if (created.document > 0)
      appendAudit(tx, seedActor, { action: "seed", entityType: "document", entityId: prog.id, entityLabel: "Documenti dimostrativi", after: created });
  });
  return created;
}

/** Lepida ScpA, the Region's in-house ICT company (its real partita IVA). */
const LEPIDA_VAT = "02770891204";
