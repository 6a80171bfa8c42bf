import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { importCatalogue, listCatalogueItems, linkMilestoneToCatalogue } from "~/models/indicators/catalogue.server";
import { ConflictError, ImportRowsError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getIndicatorDetail, listIndicators, recordMeasurement, updateIndicator } from "~/models/indicators/indicator.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createSession } from "./sessions.server";
import { createWave, getWaveDetail, listHealthAuthorities, listWaves, updateWave } from "./waves.server";
import { getRolloutOverview, listTrainingWavesForGantt } from "./rollout.server";
import { importCompletions } from "./completions-import.server";
import { recordCompletion } from "./completions.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };
const TODAY = "2025-11-14";
const here = path.dirname(fileURLToPath(import.meta.url));
const realCatalogue = path.resolve(here, "../../../../shared/data/italia-domani/PNRR_MeT_OA_programmazione_v03.csv");
if (!fs.existsSync(realCatalogue)) console.warn(`Skipping the real catalogue import: ${realCatalogue} is not on this machine.`);

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(manager).id;
const authority = (code: string) => listHealthAuthorities(manager).find((a) => a.code === code)!;
const wave = (code: string) => listWaves(manager, programmeId(), TODAY).find((w) => w.code === code)!;
const auditCount = () => listAudit(manager, {}).total;
function completionRows() {
  const db = new Database(database.file);
  try {
    return (db.prepare("select count(*) as n from training_completion").get() as { n: number }).n;
  } finally {
    db.close();
  }
}
function importIssues(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    // Every import reports ImportRowIssue; the reason is the last part of its message key.
    if (error instanceof ImportRowsError)
      return error.issues.map((i) => `${i.row ?? 0}:${i.column ?? ""}:${i.message.key.replace(/^training\.csv\./, "").replace("fileAlreadyImported", "alreadyImported")}`);
    throw error;
  }
  throw new Error("expected an ImportRowsError");
}

describe("seeded rollout", () => {
  it("seeds idempotently: a second run adds nothing", async () => {
    const { openDatabase } = await import("#db/client");
    const { seedTraining } = await import("#db/seed/training-data");
    const db = openDatabase(database.file);
    try {
      expect(Object.values(seedTraining(db)).every((n) => n === 0)).toBe(true);
    } finally {
      db.$client.close();
    }
  });
  it("has the 14 health authorities and waves for every professional group", () => {
    expect(listHealthAuthorities(auditor)).toHaveLength(14);
    const overview = getRolloutOverview(auditor, programmeId(), TODAY);
    expect(overview.groups).toHaveLength(8);
    expect(overview.matrix.total.waveCount).toBeGreaterThan(80);
    expect(overview.laggingAuthorities.map((a) => a.code)).toContain("AUSL FE");
    expect(overview.laggingGroups).toContain("pharmacist");
    expect(overview.curve.gateDate).toBe("2025-12-31");
  });
  it("gives the Gantt the waves under their work package, with progress", () => {
    const groups = listTrainingWavesForGantt(finance, programmeId(), TODAY);
    expect(groups.map((g) => g.workPackageCode)).toEqual(["WP5"]);
    const mmg = groups[0].waves.find((w) => w.code === "MMG-1-AUSLBO")!;
    expect(mmg).toMatchObject({ startDate: "2024-11-04", endDate: "2025-03-28", healthAuthorityName: "AUSL Bologna", professionalGroup: "gp" });
    expect(mmg.progress).toBe(Math.round((mmg.trained / mmg.targetHeadcount) * 100));
  });
});

describe("permissions", () => {
  it("refuses every training write to auditors and finance, and writes nothing", () => {
    const before = auditCount();
    const w = wave("MMG-2-AUSLBO");
    for (const actor of [auditor, finance]) {
      expect(() => recordCompletion(actor, w.id, { date: TODAY, count: 5, note: "" }, TODAY)).toThrow(PermissionError);
      expect(() => importCompletions(actor, programmeId(), { healthAuthorityId: w.healthAuthorityId, fileName: "x.csv", text: "Codice edizione;Data;Formati\nMMG-2-AUSLBO;01/11/2025;3\n" }, TODAY)).toThrow(PermissionError);
      expect(() => createSession(actor, w.id, { date: "2025-06-01", capacity: 10, location: "" })).toThrow(PermissionError);
      expect(() => updateWave(actor, { ...w, version: w.version })).toThrow(PermissionError);
      expect(() => recordMeasurement(actor, 1, { date: TODAY, value: 1, source: "x", evidenceNote: "" }, TODAY)).toThrow(PermissionError);
      expect(() => importCatalogue(actor, programmeId(), { fileName: "c.csv", text: "" })).toThrow(PermissionError);
    }
    expect(auditCount()).toBe(before);
  });
});

describe("completions", () => {
  it("records a completion, audited, and the matrix cell grows by it", () => {
    const w = wave("MMG-2-AUSLBO");
    const cell = () => getRolloutOverview(manager, programmeId(), TODAY).matrix.cells.gp[w.healthAuthorityId].trained;
    const before = cell();
    const audits = auditCount();
    recordCompletion(manager, w.id, { date: "2025-11-10", count: 12, note: "Aula Bellaria" }, TODAY);
    expect(cell()).toBe(before + 12);
    expect(auditCount()).toBe(audits + 1);
    expect(listAudit(manager, { entityType: "training_completion" }).entries[0]).toMatchObject({ action: "create", actorName: "Giulia Ferri" });
  });
  it("refuses future dates, dates before the wave, zero, and corrections below zero", () => {
    const w = wave("ICT-IRST");
    const key = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as ValidationError).issues.map((i) => `${i.field}:${i.message.key}`);
      }
      return [];
    };
    expect(key(() => recordCompletion(manager, w.id, { date: "2025-11-15", count: 1, note: "" }, TODAY))).toEqual(["date:training.validation.future"]);
    expect(key(() => recordCompletion(manager, w.id, { date: "2024-01-01", count: 1, note: "" }, TODAY))).toEqual(["date:training.validation.beforeWave"]);
    expect(key(() => recordCompletion(manager, w.id, { date: TODAY, count: 0, note: "" }, TODAY))).toEqual(["count:training.validation.nonZeroInteger"]);
    const trained = getWaveDetail(manager, w.id, TODAY).trained;
    expect(key(() => recordCompletion(manager, w.id, { date: TODAY, count: -(trained + 1), note: "rettifica" }, TODAY))).toEqual(["count:training.validation.negativeTotal"]);
    recordCompletion(manager, w.id, { date: TODAY, count: -1, note: "rettifica: doppia registrazione" }, TODAY);
    expect(getWaveDetail(manager, w.id, TODAY).trained).toBe(trained - 1);
  });
  it("are append-only in the database itself", () => {
    const db = new Database(database.file);
    try {
      expect(() => db.prepare("update training_completion set count = 999").run()).toThrow(/append-only/);
      expect(() => db.prepare("delete from training_completion").run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe("completions CSV import", () => {
  const bologna = () => authority("AUSL BO");
  const good = "\ufeffCodice edizione;Data;Formati;Note\r\nMMG-2-AUSLBO;03/11/2025;7;Aula Bellaria\r\nPLS-AUSLBO;04/11/2025;1.002;FAD\r\n";

  it("imports all rows in one batch with fingerprints, audited once", () => {
    const before = completionRows();
    const audits = auditCount();
    const batch = importCompletions(manager, programmeId(), { healthAuthorityId: bologna().id, fileName: "bologna-novembre.csv", text: good }, TODAY);
    expect(batch).toMatchObject({ rowCount: 2, totalCount: 1009, fileName: "bologna-novembre.csv" });
    expect(completionRows()).toBe(before + 2);
    expect(auditCount()).toBe(audits + 1);
  });
  it("detects the same file again, even with other line endings", () => {
    const before = completionRows();
    expect(importIssues(() => importCompletions(manager, programmeId(), { healthAuthorityId: bologna().id, fileName: "copia.csv", text: good.replace(/\r\n/g, "\n") }, TODAY))).toEqual(["0::alreadyImported"]);
    expect(completionRows()).toBe(before);
  });
  it("detects rows already imported inside a different file, and writes none of it", () => {
    const before = completionRows();
    const text = "Codice edizione;Data;Formati;Note\nMMG-2-AUSLBO;05/11/2025;4;nuova\nmmg-2-auslbo;03/11/2025;7;aula  bellaria\n";
    expect(importIssues(() => importCompletions(manager, programmeId(), { healthAuthorityId: bologna().id, fileName: "b.csv", text }, TODAY))).toEqual(["3::alreadyImported"]);
    expect(completionRows()).toBe(before);
  });
  it("reports every bad row with row and column, and writes nothing", () => {
    const before = completionRows();
    const audits = auditCount();
    const text = [
      "Codice edizione;Data;Formati;Note",
      "MMG-2-AUSLBO;06/11/2025;5;ok",
      "MMG-2-AUSLPR;06/11/2025;5;altra azienda",
      "NON-ESISTE;06/11/2025;5;",
      "MMG-2-AUSLBO;31/11/2025;5;",
      "MMG-2-AUSLBO;06/11/2025;cinque;",
      "MMG-2-AUSLBO;06/11/2025;5;ok",
      "MMG-2-AUSLBO;01/01/2024;5;",
    ].join("\n");
    expect(importIssues(() => importCompletions(manager, programmeId(), { healthAuthorityId: bologna().id, fileName: "errori.csv", text }, TODAY))).toEqual([
      "3:Codice edizione:otherAuthority",
      "4:Codice edizione:unknownWave",
      "5:Data:date",
      "6:Formati:integer",
      "7::duplicateInFile",
      "8:Data:beforeWave",
    ]);
    expect(completionRows()).toBe(before);
    expect(auditCount()).toBe(audits);
  });
});

describe("waves and sessions", () => {
  it("creates a wave, then refuses a stale update and moving the authority once trained", () => {
    const wp5 = listTrainingWavesForGantt(manager, programmeId())[0].workPackageId;
    const created = createWave(manager, programmeId(), {
      workPackageId: wp5,
      code: "ICT-2-AUSLBO",
      title: "ICT: seconda edizione",
      professionalGroup: "ict",
      healthAuthorityId: authority("AUSL BO").id,
      deliveryMode: "in_person",
      startDate: "2025-10-01",
      endDate: "2025-12-12",
      targetHeadcount: 20,
    });
    const { id, version, programmeId: _p, createdAt, updatedAt, updatedById, ...input } = created;
    const updated = updateWave(manager, { ...input, id, version, targetHeadcount: 25 });
    expect(updated.version).toBe(2);
    expect(() => updateWave(manager, { ...input, id, version, targetHeadcount: 30 })).toThrow(ConflictError);
    recordCompletion(manager, id, { date: "2025-11-01", count: 3, note: "" }, TODAY);
    expect(() => updateWave(manager, { ...input, id, version: 2, targetHeadcount: 25, healthAuthorityId: authority("AUSL PR").id })).toThrow(ValidationError);
    expect(() => createWave(manager, programmeId(), { ...input, code: "ICT-2-AUSLBO" })).toThrow(ValidationError);
  });
  it("keeps sessions inside the wave", () => {
    const w = wave("ICT-2-AUSLBO");
    expect(() => createSession(manager, w.id, { date: "2026-01-10", capacity: 10, location: "" })).toThrow(ValidationError);
    createSession(manager, w.id, { date: "2025-11-20", capacity: 12, location: "Aula 3" });
    expect(getWaveDetail(auditor, w.id, TODAY).capacity).toBe(12);
  });
});

describe("indicators", () => {
  it("computes the seeded statuses as of the e2e date", () => {
    const byCode = Object.fromEntries(listIndicators(auditor, programmeId(), TODAY).map((i) => [i.code, i]));
    expect(byCode["IND-07"]).toMatchObject({ status: "on_track", achieved: true, euCode: "M6C2-11" });
    expect(byCode["IND-03"].status).toBe("at_risk");
    expect(byCode["IND-06"].latest).toMatchObject({ date: "2025-03-31", value: 14 });
    // measurements after the as-of date are not shown in the series
    expect(byCode["IND-01"].series.every((p) => p.date <= TODAY || p.actual === null)).toBe(true);
  });
  it("records a measurement (validated, audited) and a versioned edit", () => {
    const ind = listIndicators(manager, programmeId(), TODAY).find((i) => i.code === "IND-03")!;
    expect(() => recordMeasurement(manager, ind.id, { date: TODAY, value: 120, source: "x", evidenceNote: "" }, TODAY)).toThrow(ValidationError);
    const audits = auditCount();
    recordMeasurement(manager, ind.id, { date: TODAY, value: 71.5, source: "Cruscotto FSE", evidenceNote: "estrazione del 14/11" }, TODAY);
    expect(auditCount()).toBe(audits + 1);
    expect(getIndicatorDetail(manager, ind.id, TODAY).assessment).toMatchObject({ status: "on_track", latest: { date: TODAY, value: 71.5 } });
    const { id, version, programmeId: _p, createdAt, updatedAt, updatedById, ...input } = getIndicatorDetail(manager, ind.id, TODAY).indicator;
    updateIndicator(manager, { ...input, id, version, targetValue: 78 });
    expect(() => updateIndicator(manager, { ...input, id, version, targetValue: 79 })).toThrow(ConflictError);
  });
});

describe("catalogue", () => {
  it("imports our fixture only for the programme's measure, refusing a non-catalogue file", () => {
    expect(() => importCatalogue(manager, programmeId(), { fileName: "x.csv", text: "a;b\n1;2\n" })).toThrow(ValidationError);
    const fixture = fs.readFileSync(path.join(here, "../../domain/indicators/__fixtures__/pnrr-catalogue-sample.csv"), "utf8");
    const report = importCatalogue(manager, programmeId(), { fileName: "sample.csv", text: fixture });
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const again = importCatalogue(manager, programmeId(), { fileName: "sample.csv", text: fixture });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = importCatalogue(manager, programmeId(), { fileName: "sample-v2.csv", text: fixture.replace(";75;Q3;2025;", ";80;Q3;2025;") });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const item = listCatalogueItems(auditor, programmeId()).items.find((i) => i.code === "M6C2-90")!;
    expect(item).toMatchObject({ targetValue: "80", version: 2 });
  });
  it.skipIf(!fs.existsSync(realCatalogue))("imports the real catalogue and links IND-07 and the milestones by EU code", () => {
    const report = importCatalogue(manager, programmeId(), { fileName: "PNRR_MeT_OA_programmazione_v03.csv", text: fs.readFileSync(realCatalogue, "utf8") });
    expect(report.totalRows).toBeGreaterThan(1000);
    const { items } = listCatalogueItems(auditor, programmeId());
    const m11 = items.find((i) => i.code === "M6C2-11")!;
    expect(m11.verificationMechanism).toMatch(/number of GPs trained/);
    expect(m11.indicators.map((i) => i.code)).toEqual(["IND-07"]);
    expect(m11.milestones.map((m) => m.code)).toEqual(["WP4.M1"]);
    expect(items.find((i) => i.code === "M6C2-12")!.milestones.map((m) => m.code)).toEqual(["WP2.M2"]);
    const m13 = items.find((i) => i.code === "M6C2-13")!;
    const wp5m2 = listCatalogueItems(auditor, programmeId()).programmeMilestones.find((m) => m.code === "WP5.M2")!;
    linkMilestoneToCatalogue(manager, programmeId(), m13.id, wp5m2.id);
    expect(() => linkMilestoneToCatalogue(manager, programmeId(), m13.id, wp5m2.id)).toThrow(ValidationError);
    expect(getIndicatorDetail(auditor, items.find((i) => i.code === "M6C2-11")!.indicators[0].id, TODAY).catalogueItem?.code).toBe("M6C2-11");
  });
  it("leaves an intact audit chain", () => {
    expect(verifyAuditChain().ok).toBe(true);
  });
});

describe("gantt rows", () => {
  it("puts every wave under WP5 with a state on the plan's scale", async () => {
    const { getGanttChart } = await import("~/models/gantt/chart.server");
    const { trainingGanttRows } = await import("./gantt-rows.server");
    const { waveState } = await import("./rollout.server");
    const chart = getGanttChart(auditor, programmeId(), TODAY, [trainingGanttRows]);
    const wp5 = chart.workPackages.find((wp) => wp.code === "WP5")!;
    const waves = wp5.rows.filter((r) => r.extraKind === "training");
    expect(waves.length).toBe(listWaves(auditor, programmeId(), TODAY).length);
    expect(waves.every((r) => !r.editable && r.id.startsWith("w"))).toBe(true);
    expect(waves.find((r) => r.code === "FARM-AUSLFE")!.state).toBe("late");
    const w = { startDate: "2025-01-01", endDate: "2025-01-10", targetHeadcount: 100 };
    expect(waveState(w, 100, "2025-01-05")).toBe("done");
    expect(waveState(w, 39, "2025-01-05")).toBe("at_risk"); // 39 < 0.8 × 50
    expect(waveState(w, 40, "2025-01-05")).toBe("on_track"); // exactly at the threshold
    expect(waveState(w, 10, "2024-12-31")).toBe("on_track"); // not started yet
    expect(waveState(w, 99, "2025-01-11")).toBe("late");
  });
});
