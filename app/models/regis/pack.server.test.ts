import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, lte } from "drizzle-orm";
import { openDatabase } from "#db/client";
import { seedReportingActivity } from "#db/seed/rendiconto";
import { useTestDatabase } from "#db/testing";
import { budgetLine, ledgerEntry, regisPack } from "#db/schema";
import { addMonths, monthEnd, periodOf } from "~/domain/close/period";
import { checkRegisFile, readRegisRecords } from "~/domain/regis/check";
import { REGIS_MANIFEST, REGIS_STRUCTURES } from "~/domain/regis/structures";
import type { Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { NotFoundError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { latestClosedPeriod } from "~/models/close/close.server";
import { createLedgerEntry } from "~/models/finance/ledger.server";
import { listBudgetLines } from "~/models/finance/budget-lines.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { buildRegisZip } from "~/render/regis-pack.server";
import { getRegisPack, listRegisCups } from "./pack.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const admin: Actor = { id: 1, name: "Paolo Venturi", role: "admin" };

// The demo's reporting activity (closed months up to 2025-09) as the e2e suite sees it.
const TODAY = "2025-11-14";
beforeAll(async () => {
  database = await useTestDatabase();
  const pinned = process.env.TRAGUARDI_TODAY;
  process.env.TRAGUARDI_TODAY = TODAY;
  const db = openDatabase(database.file);
  try {
    seedReportingActivity(db);
  } finally {
    db.$client.close();
    if (pinned === undefined) delete process.env.TRAGUARDI_TODAY;
    else process.env.TRAGUARDI_TODAY = pinned;
  }
}, 120_000);
afterAll(() => database.cleanup());

const structures = [...REGIS_STRUCTURES, REGIS_MANIFEST];
const today = () => TODAY;

function closedPeriod() {
  const period = latestClosedPeriod(getDb(), getCurrentProgramme(auditor).id);
  if (!period) throw new Error("the demo seed closes months");
  return period;
}

describe("the ReGiS data pack on the demo programme", () => {
  it("freezes one pack per CUP with every closed month, each file matching its documented structure", () => {
    const prog = getCurrentProgramme(auditor);
    const cups = listRegisCups(auditor);
    expect(cups[0]).toBe(prog.cup);
    const period = closedPeriod();
    const frozen = getDb().select().from(regisPack).where(and(eq(regisPack.programmeId, prog.id), eq(regisPack.period, period))).all();
    expect(frozen.map((p) => p.cup).sort()).toEqual([...cups].sort());
    const pack = getRegisPack(auditor, prog.cup, period, today());
    expect(pack.status).toBe("DEFINITIVO");
    expect(pack.files.map((f) => f.name)).toEqual(structures.map((s) => s.file));
    for (const structure of structures) expect(checkRegisFile(structure, pack.files.find((f) => f.name === structure.file)!.text), structure.file).toEqual([]);
  });

  it("carries the month's real data: every ledger movement up to the month's end, procedures, winners, indicators, milestones", () => {
    const prog = getCurrentProgramme(auditor);
    const period = closedPeriod();
    const pack = getRegisPack(auditor, prog.cup, period, today());
    const records = (name: string) => readRegisRecords(pack.files.find((f) => f.name === name)!.text);
    const db = getDb();
    const expected = (kind: "commitment" | "payment") =>
      db
        .select({ id: ledgerEntry.id })
        .from(ledgerEntry)
        .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
        .where(and(eq(budgetLine.cup, prog.cup), eq(ledgerEntry.kind, kind), lte(ledgerEntry.entryDate, monthEnd(period))))
        .all().length;
    expect(records("FN04_impegni.txt")).toHaveLength(expected("commitment"));
    expect(records("FN06_pagamenti.txt")).toHaveLength(expected("payment"));
    expect(expected("payment")).toBeGreaterThan(0);
    expect(records("FN08_percettori.txt")).toHaveLength(expected("payment"));
    expect(records("PG00_procedure_aggiudicazione.txt").length).toBeGreaterThan(0);
    expect(records("AGGIUDICATARI.txt").length).toBeGreaterThan(0);
    expect(records("GIUSTIFICATIVI.txt").length).toBeGreaterThan(0);
    expect(records("IN01_indicatori_output.txt").length).toBeGreaterThan(0);
    expect(records("MILESTONE_TARGET.txt").map((m) => m.CODICE_UNIVOCO_MILESTONE_TARGET)).toContain("M6C2-11");
    const ap00 = records("AP00_anagrafica_progetto.txt");
    expect(ap00).toEqual([expect.objectContaining({ CUP: prog.cup, CODICE_MISURA_PNRR: prog.measureCode })]);
    // Every payment's documents are listed with their hash, and counted on the payment.
    const documents = records("GIUSTIFICATIVI.txt");
    for (const payment of records("FN06_pagamenti.txt")) expect(documents.filter((d) => d.COD_MOVIMENTO === payment.COD_PAGAMENTO)).toHaveLength(Number(payment.NUMERO_GIUSTIFICATIVI));
  });

  it("gives the same bytes on every download of a closed month, even after new entries", async () => {
    const prog = getCurrentProgramme(auditor);
    const period = closedPeriod();
    const first = await buildRegisZip(auditor, prog.cup, period, today());
    const line = listBudgetLines(finance, prog.id).lines.find((l) => l.cup === prog.cup)!;
    // A payment recorded now, in the open month, belongs to a later pack.
    createLedgerEntry(finance, prog.id, { budgetLineId: line.id, kind: "payment", entryDate: today(), amountCents: 1_00, supplier: "Fornitore di prova", documentNumber: "REGIS-TEST-1", confirmOverCommitment: true, overrunReason: "prova del pacchetto ReGiS" }, today());
    const second = await buildRegisZip(finance, prog.cup, period, today());
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(first.fileName).toBe(`regis_${prog.cup}_${period}.zip`);
    const zip = await JSZip.loadAsync(first.bytes);
    expect(Object.keys(zip.files)).toEqual(structures.map((s) => s.file));
  });

  it("marks an open month's pack provisional, with data up to today", async () => {
    const prog = getCurrentProgramme(auditor);
    const period = periodOf(today());
    const pack = await buildRegisZip(auditor, prog.cup, period, today());
    expect(pack.status).toBe("PROVVISORIO");
    expect(pack.fileName).toBe(`regis_${prog.cup}_${period}_provvisorio.zip`);
    const zip = await JSZip.loadAsync(pack.bytes);
    const manifest = readRegisRecords(await zip.file("MANIFEST.txt")!.async("string"));
    expect(manifest[0]).toMatchObject({ STATO_PACCHETTO: "PROVVISORIO", PERIODO: period });
    const payments = readRegisRecords(await zip.file("FN06_pagamenti.txt")!.async("string"));
    expect(payments.some((p) => p.NUMERO_DOCUMENTO === "REGIS-TEST-1")).toBe(true);
  });

  it("is for managers, finance and auditors; a bad CUP or month gets a field error, an unknown CUP 404", () => {
    const prog = getCurrentProgramme(auditor);
    expect(() => getRegisPack(admin, prog.cup, closedPeriod(), today())).toThrow(PermissionError);
    expect(() => getRegisPack(auditor, "NOTACUP", closedPeriod(), today())).toThrow(ValidationError);
    expect(() => getRegisPack(auditor, prog.cup, "2025-13", today())).toThrow(ValidationError);
    expect(() => getRegisPack(auditor, prog.cup, addMonths(periodOf(today()), 1), today())).toThrow(ValidationError);
    expect(() => getRegisPack(auditor, "J51B21003370006", closedPeriod(), today())).toThrow(NotFoundError);
  });
});
