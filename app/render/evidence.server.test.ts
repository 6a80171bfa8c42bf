import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import { sha256Hex } from "~/domain/snapshots/snapshot-hash";
import type { Actor } from "~/models/core/actor.server";
import { buildEvidencePdf, buildEvidenceZip } from "./evidence.server";
import { getPlan, updateMilestone } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getSnapshot, takeSnapshot } from "~/models/snapshots/snapshot.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

function pdfText(bytes: Buffer) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evidence-")), "pack.pdf");
  fs.writeFileSync(file, bytes);
  return { text: execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8"), pages: Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1]) };
}

describe("evidence pack", () => {
  it("PDF: several pages, the hash on the cover, the plan and the changes since the previous snapshot", async () => {
    takeSnapshot(manager, { label: "Ottobre", asOf: "2025-10-31" });
    const m = getPlan(manager, getCurrentProgramme(manager).id).milestones.find((x) => x.code === "WP3.M2")!;
    updateMilestone(manager, { ...m, dueDate: "2026-06-12" });
    const november = takeSnapshot(manager, { label: "Novembre", asOf: "2025-11-14" });
    const pack = await buildEvidencePdf(auditor, november.id);
    expect(pack.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { text, pages } = pdfText(pack.bytes);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(november.hash);
    expect(text).toContain("Pacchetto di evidenze");
    expect(text).toContain("14/11/2025");
    expect(text).toContain("Cronoprogramma alla data");
    expect(text).toContain("Variazioni rispetto all'istantanea precedente");
    expect(text).toMatch(/WP3\.M2[^\n]*19\/06\/2026 \/ 12\/06\/2026\s+-7 gg/);
    expect(pack.fileName).toBe(`traguardi-istantanea-${november.id}-2025-11-14.pdf`);
    // Supporting documents with their hashes (issue 14): evidence of the EU targets and the invoices.
    expect(text).toContain("Documenti a supporto");
    const frozen = getSnapshot(auditor, november.id).content.documents!.rows;
    expect(frozen.length).toBeGreaterThan(0);
    for (const row of frozen) {
      const sha = String(row.values.sha256);
      expect(text).toContain(sha.slice(0, 32));
      expect(text).toContain(sha.slice(32));
    }
    expect(text).toMatch(/\(M6C2-11#\d\)/);
  });

  it("PDF (issue 10): full Unicode, the web's numbers, the gate met, and no near-empty page", async () => {
    const snapshot = takeSnapshot(manager, { label: "Dicembre 2026", asOf: "2026-12-01" });
    const pack = await buildEvidencePdf(auditor, snapshot.id);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evidence-")), "pack.pdf");
    fs.writeFileSync(file, pack.bytes);
    expect(execFileSync("pdffonts", [file]).toString()).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const { text, pages } = pdfText(pack.bytes);
    // The arrow prints as an arrow, not "->".
    expect(text).toContain("(14 → 16)");
    expect(text).not.toContain("14 -> 16");
    // Indicator values as the web writes them: a count whole, a percentage with one decimal.
    expect(text).toMatch(/IND-06[^\n]*\b15\s+Mancato/);
    expect(text).toMatch(/IND-07[^\n]*82,1%/);
    expect(text).not.toMatch(/\b15,41\b|\b82,11\b/);
    // Training counts grouped like their totals.
    expect(text).toMatch(/Medici di medicina generale[^\n]*2\.981/);
    expect(text).toContain("23.429");
    // G1 is complete: met, not overdue; M6C2-12's open predecessor is named.
    expect(text).toMatch(/G1 Infrastruttura[^\n]*Raggiunta il/);
    expect(text).toContain("Scaduta da 154 giorni");
    expect(text).toMatch(/predecessore WP2\.7 Dismissione del repository regionale legacy \(70%\)/);
    // Every page but the last carries a real amount of content.
    for (let page = 1; page < pages; page++) {
      const lines = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"]).toString("utf8").split("\n").filter((line) => line.trim()).length;
      expect(lines, `page ${page}`).toBeGreaterThan(12);
    }
  }, 120_000);

  it("ZIP: CSVs of the data and the exact JSON the hash is computed over", async () => {
    const taken = takeSnapshot(manager, { label: "Per lo ZIP", asOf: "2025-11-14" });
    const { bytes } = await buildEvidenceZip(auditor, taken.id);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(["istantanea.json", "LEGGIMI.txt", "attivita.csv", "milestone.csv", "work_package.csv", "scadenze.csv", "dipendenze.csv"]));
    const json = await zip.file("istantanea.json")!.async("string");
    expect(sha256Hex(json)).toBe(taken.hash);
    const tasks = (await zip.file("attivita.csv")!.async("string")).replace(/^\ufeff/, "").trim().split("\r\n");
    expect(tasks[0]).toBe("codice;work_package;titolo;responsabile;inizio;fine;avanzamento;stato_attivita;stato");
    expect(tasks.length - 1).toBe(JSON.parse(json).plan.tasks.length);
    expect(tasks.find((row) => row.startsWith("WP1.1;"))).toMatch(/^WP1\.1;WP1;Assessment/);
    // Same snapshot, same archive.
    expect((await buildEvidenceZip(auditor, taken.id)).bytes.equals(bytes)).toBe(true);
  });
});
