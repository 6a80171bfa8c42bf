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
import { takeSnapshot } from "~/models/snapshots/snapshot.server";

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
  });

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
