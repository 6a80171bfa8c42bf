/**
 * The ReGiS data pack per CUP and month (issue 14): what the flat files say, read from the
 * database. A closed month's pack is built once, inside "Chiudi il mese", and frozen in
 * `regis_pack`; every download of it returns those files. An open month's pack is built live and
 * marked provisional. Months closed before packs were frozen are rebuilt from the locked data
 * (everything dated up to the month's end) and marked as rebuilt.
 */
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { budgetLine, document, indicator, indicatorMeasurement, ledgerEntry, milestone, monthClose, pnrrCatalogueItem, procedureParty, procurementProcedure, programme, regisPack, supplier, workPackage } from "#db/schema";
import { isPeriod, monthEnd, monthStart, periodOf, type Period } from "~/domain/close/period";
import { isValidCup } from "~/domain/core/pnrr-codes";
import { buildRegisFiles, type RegisFile, type RegisPackInput, type RegisPackStatus } from "~/domain/regis/pack";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import type { AuditAppender } from "~/models/core/command.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { readEvidence } from "~/models/procurement/evidence.server";

type MonthCloseRow = typeof monthClose.$inferSelect;

/** The programme's CUPs: its own first, then those of its budget lines and procedures. */
export function regisCups(conn: Conn, programmeId: number): string[] {
  const prog = conn.select({ cup: programme.cup }).from(programme).where(eq(programme.id, programmeId)).get();
  if (!prog) return [];
  const lines = conn.selectDistinct({ cup: budgetLine.cup }).from(budgetLine).where(eq(budgetLine.programmeId, programmeId)).all();
  const procedures = conn.selectDistinct({ cup: procurementProcedure.cup }).from(procurementProcedure).where(eq(procurementProcedure.programmeId, programmeId)).all();
  const others = [...new Set([...lines, ...procedures].map((r) => r.cup))].filter((cup) => cup !== prog.cup).sort();
  return [prog.cup, ...others];
}

/** Everything the pack of `cup` says, as of `asOf` (the month's end, or today in an open month). */
export function readRegisPackInput(conn: Conn, programmeId: number, cup: string, period: Period, asOf: string, status: RegisPackStatus): RegisPackInput {
  const prog = conn.select().from(programme).where(eq(programme.id, programmeId)).get();
  if (!prog) throw new NotFoundError("programme", programmeId);
  const lines = conn.select().from(budgetLine).where(and(eq(budgetLine.programmeId, programmeId), eq(budgetLine.cup, cup))).orderBy(asc(budgetLine.code)).all();
  const lineIds = lines.map((l) => l.id);
  const procedures = conn.select().from(procurementProcedure).where(and(eq(procurementProcedure.programmeId, programmeId), eq(procurementProcedure.cup, cup))).orderBy(asc(procurementProcedure.cig)).all();
  const procedureIds = procedures.map((p) => p.id);
  const parties = procedureIds.length
    ? conn
        .select({ procedureId: procedureParty.procedureId, kind: procedureParty.kind, role: procedureParty.role, taxCode: supplier.taxCode, name: supplier.name, legalForm: supplier.legalForm, atecoCode: supplier.atecoCode })
        .from(procedureParty)
        .innerJoin(supplier, eq(supplier.id, procedureParty.supplierId))
        .where(inArray(procedureParty.procedureId, procedureIds))
        .all()
    : [];
  const cigOf = new Map(procedures.map((p) => [p.id, p.cig]));
  const entries = lineIds.length ? conn.select().from(ledgerEntry).where(and(inArray(ledgerEntry.budgetLineId, lineIds), lte(ledgerEntry.entryDate, asOf))).orderBy(asc(ledgerEntry.id)).all() : [];
  // The ledger names the supplier; its tax code comes from the register when the name is known there.
  const taxCodeByName = new Map(conn.select({ name: supplier.name, taxCode: supplier.taxCode }).from(supplier).all().map((s) => [s.name.trim().toLowerCase(), s.taxCode]));
  const kindOf = new Map(entries.map((e) => [e.id, e.kind]));
  const documents = entries.length
    ? conn
        .select()
        .from(document)
        .where(and(eq(document.programmeId, programmeId), inArray(document.ledgerEntryId, entries.map((e) => e.id))))
        .orderBy(asc(document.id))
        .all()
    : [];
  const isProgrammeCup = cup === prog.cup;

  const indicators = isProgrammeCup
    ? conn
        .select()
        .from(indicator)
        .where(eq(indicator.programmeId, programmeId))
        .orderBy(asc(indicator.code))
        .all()
        .map((ind) => {
          const measurements = conn
            .select({ id: indicatorMeasurement.id, date: indicatorMeasurement.date, value: indicatorMeasurement.value })
            .from(indicatorMeasurement)
            .where(and(eq(indicatorMeasurement.indicatorId, ind.id), lte(indicatorMeasurement.date, asOf)))
            .orderBy(asc(indicatorMeasurement.date), asc(indicatorMeasurement.id))
            .all();
          const latest = measurements.at(-1) ?? null;
          return {
            code: ind.code,
            name: ind.name,
            unit: ind.unit,
            targetValue: ind.targetValue,
            euCode: ind.euCode,
            latest: latest ? { date: latest.date, value: latest.value } : null,
            measurementsInPeriod: measurements.filter((m) => m.date >= monthStart(period)).length,
          };
        })
    : [];

  const milestones = isProgrammeCup ? readMilestones(conn, programmeId) : [];
  return {
    period,
    status,
    asOf,
    project: {
      cup,
      isProgrammeCup,
      title: isProgrammeCup ? prog.name : `${prog.name} - ${lines.map((l) => l.title).join(", ") || procedures.map((p) => p.subject).join(", ")}`,
      summary: lines.map((l) => `${l.code} ${l.title}`).join("; "),
      startDate: prog.startDate,
      endDate: prog.endDate,
      actualEndDate: null,
      measureCode: prog.measureCode,
      implementingBodyTaxCode: null,
      implementingBodyName: prog.implementingBody,
    },
    costs: lines.map((l) => ({ lineCode: l.code, title: l.title, fundingSource: l.fundingSource, amountCents: l.amountCents })),
    procedures: procedures.map((p) => ({ id: p.id, cig: p.cig, subject: p.subject, procedureType: p.procedureType, tenderedCents: p.tenderedCents, awardedCents: p.awardedCents, noticeDate: null, awardDate: p.awardDate, contractDate: p.contractDate })),
    parties: parties.map((p) => ({ cig: cigOf.get(p.procedureId)!, taxCode: p.taxCode, name: p.name, legalForm: p.legalForm, atecoCode: p.atecoCode, kind: p.kind, role: p.role })),
    ledger: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      entryDate: e.entryDate,
      amountCents: e.amountCents,
      supplier: e.supplier,
      supplierTaxCode: taxCodeByName.get(e.supplier.trim().toLowerCase()) ?? null,
      cig: e.cig,
      documentNumber: e.documentNumber,
      description: e.description,
      reversesEntryId: e.reversesEntryId,
    })),
    documents: documents.map((d) => ({ id: d.id, ledgerEntryId: d.ledgerEntryId!, ledgerKind: kindOf.get(d.ledgerEntryId!)!, role: d.role, name: d.name, kind: d.kind, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.uploadedAt, replacesDocumentId: d.replacesDocumentId })),
    indicators,
    milestones,
  };
}

function readMilestones(conn: Conn, programmeId: number): RegisPackInput["milestones"] {
  const rows = conn
    .select({ id: milestone.id, code: milestone.code, title: milestone.title, dueDate: milestone.dueDate, achievedDate: milestone.achievedDate, euCode: milestone.euCode })
    .from(milestone)
    .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
    .where(and(eq(workPackage.programmeId, programmeId), isNotNull(milestone.euCode)))
    .all();
  const evidence = new Map(readEvidence(conn, programmeId).map((m) => [m.milestoneId, m.items]));
  const codes = [...new Set(rows.map((r) => r.euCode!))];
  const catalogue = new Map(
    (codes.length ? conn.select().from(pnrrCatalogueItem).where(inArray(pnrrCatalogueItem.code, codes)).all() : []).map((c) => [
      c.code,
      { kind: c.kind, scope: c.scope, name: c.name, targetValue: c.targetValue, quarter: c.quarter, year: c.year },
    ]),
  );
  return rows.map((r) => {
    const items = evidence.get(r.id) ?? [];
    return {
      code: r.code,
      title: r.title,
      dueDate: r.dueDate,
      achievedDate: r.achievedDate,
      euCode: r.euCode!,
      catalogue: catalogue.get(r.euCode!) ?? null,
      evidence: { required: items.length, uploaded: items.filter((i) => i.state !== "missing").length, verified: items.filter((i) => i.state === "verified").length },
    };
  });
}

/**
 * Freezes the pack of every CUP of the programme for a month being closed, inside the close's own
 * transaction (called by closeMonth), with one audit record per pack naming its manifest hash.
 */
export function freezeRegisPacksIn(tx: Conn, audit: AuditAppender, close: MonthCloseRow) {
  for (const cup of regisCups(tx, close.programmeId)) {
    const files = buildRegisFiles(readRegisPackInput(tx, close.programmeId, cup, close.period, monthEnd(close.period), "DEFINITIVO"));
    const manifest = files.at(-1)!;
    const row = tx
      .insert(regisPack)
      .values({ programmeId: close.programmeId, monthCloseId: close.id, period: close.period, cup, files: JSON.stringify(files.map((f) => ({ name: f.name, text: f.text }))), manifestSha256: manifest.sha256, createdAt: close.closedAt })
      .returning({ id: regisPack.id })
      .get();
    audit({ action: "create", entityType: "regis_pack", entityId: row.id, entityLabel: `Pacchetto ReGiS ${cup} ${close.period}`, after: { period: close.period, cup, manifestSha256: manifest.sha256, files: files.length } });
  }
}

export interface RegisPack {
  cup: string;
  period: Period;
  status: RegisPackStatus;
  files: Pick<RegisFile, "name" | "text">[];
  /** The date every file in the ZIP carries: the close's, or the day the data speak for. */
  fileDate: string;
}

/**
 * The pack of a CUP for a month: frozen when the month is closed, live and provisional while it
 * is open (data up to today). Managers, finance and auditors (read:documents: it lists documents).
 */
export function getRegisPack(actor: Actor, cup: string, period: Period, today: string): RegisPack {
  requirePermission(actor, "read:documents");
  if (!isPeriod(period)) throw ValidationError.field("period", "regis.error.period");
  if (!isValidCup(cup)) throw ValidationError.field("cup", "regis.error.cup");
  if (period > periodOf(today)) throw ValidationError.field("period", "regis.error.future");
  const db = getDb();
  const prog = getCurrentProgramme(actor);
  if (!regisCups(db, prog.id).includes(cup)) throw new NotFoundError("cup", cup);
  const frozen = db.select().from(regisPack).where(and(eq(regisPack.programmeId, prog.id), eq(regisPack.period, period), eq(regisPack.cup, cup))).get();
  if (frozen) return { cup, period, status: "DEFINITIVO", files: JSON.parse(frozen.files), fileDate: frozen.createdAt };
  const close = db.select().from(monthClose).where(and(eq(monthClose.programmeId, prog.id), eq(monthClose.period, period))).get();
  const end = monthEnd(period);
  const asOf = close || end < today ? end : today;
  const status: RegisPackStatus = close ? "RICOSTRUITO" : "PROVVISORIO";
  const files = buildRegisFiles(readRegisPackInput(db, prog.id, cup, period, asOf, status));
  return { cup, period, status, files, fileDate: close ? close.closedAt : `${asOf}T12:00:00.000Z` };
}

/** The CUPs the close page offers packs for. */
export function listRegisCups(actor: Actor) {
  requirePermission(actor, "read:programme");
  return regisCups(getDb(), getCurrentProgramme(actor).id);
}


