import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";
import { uploadDocument, verifyDocument } from "~/models/documents/document.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getEvidenceRegister } from "./evidence.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let storeDir: string;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };

beforeAll(async () => {
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "traguardi-evidence-"));
  process.env.DOCUMENTS_DIR = storeDir;
  database = await useTestDatabase();
}, 60_000);
afterAll(() => {
  database.cleanup();
  fs.rmSync(storeDir, { recursive: true, force: true });
  delete process.env.DOCUMENTS_DIR;
});

describe("evidence register", () => {
  it("lists each EU milestone/target's items with their state, and attaching one changes the count", () => {
    const programmeId = getCurrentProgramme(manager).id;
    const before = getEvidenceRegister(manager, programmeId);
    expect(before.milestones.map((m) => [m.euCode, m.items.map((i) => i.state)])).toEqual([
      ["M6C2-11", ["verified", "missing"]],
      ["M6C2-12", ["uploaded", "missing"]],
      ["M6C2-13", ["missing", "missing", "missing"]],
    ]);
    expect(before.totals).toEqual({ total: 7, present: 2, verified: 1, missing: 5 });
    const gp = before.milestones[0];
    const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n% Relazione formazione MMG: 3.112 formati\n%%EOF\n"));
    expect(() => uploadDocument(manager, programmeId, { target: "milestone", targetId: gp.milestoneId, role: "evidence", evidenceKey: "M6C2-13#1", fileName: "x.pdf", bytes: pdf })).toThrow(ValidationError);
    const { document } = uploadDocument(manager, programmeId, { target: "milestone", targetId: gp.milestoneId, role: "evidence", evidenceKey: "M6C2-11#2", fileName: "Relazione formazione MMG.pdf", bytes: pdf });
    expect(getEvidenceRegister(finance, programmeId).totals).toEqual({ total: 7, present: 3, verified: 1, missing: 4 });
    expect(() => verifyDocument(manager, document.id)).toThrow(ValidationError);
    verifyDocument(finance, document.id);
    expect(getEvidenceRegister(finance, programmeId).milestones[0].items.map((i) => i.state)).toEqual(["verified", "verified"]);
    expect(getDb().$client.prepare("select count(*) from document where evidence_key is not null").pluck().get()).toBe(3);
  });
});

import JSZip from "jszip";
import { buildEvidenceZip } from "~/render/evidence.server";
import { getSnapshot, takeSnapshot } from "~/models/snapshots/snapshot.server";

describe("snapshots", () => {
  it("record every document with its SHA-256 and the state of every evidence item", () => {
    const taken = takeSnapshot(manager, { label: "Con documenti", asOf: "2025-11-14" });
    const { content } = getSnapshot(manager, taken.id);
    const hashes = getDb().$client.prepare("select sha256 from document order by id").pluck().all();
    expect(content.documents!.rows.map((row) => row.values.sha256)).toEqual(hashes);
    expect(content.evidence!.rows.find((row) => row.key === "evidence:M6C2-11#2")!.values).toMatchObject({ state: "Verificata", documents: 1, verifiedBy: "Marco Bassi" });
  });

  it("put the documents (or, above the limit, only their manifest) in the evidence ZIP", async () => {
    const taken = takeSnapshot(manager, { label: "Pacchetto", asOf: "2025-11-14" });
    const zip = await JSZip.loadAsync((await buildEvidenceZip(manager, taken.id)).bytes);
    const manifest = await zip.file("documenti/manifest.csv")!.async("string");
    const gp = getDb().$client.prepare("select sha256 from document where evidence_key = 'M6C2-11#2'").pluck().get() as string;
    expect(manifest).toContain(gp);
    const inside = Object.keys(zip.files).filter((name) => name.startsWith("documenti/") && name !== "documenti/manifest.csv");
    expect(inside.length).toBe(getDb().$client.prepare("select count(*) from document").pluck().get());
    expect(await zip.file("evidenze.csv")!.async("string")).toContain("M6C2-11#2");
    process.env.EVIDENCE_ZIP_DOCUMENTS_MAX_BYTES = "10";
    const small = await JSZip.loadAsync((await buildEvidenceZip(manager, taken.id)).bytes);
    delete process.env.EVIDENCE_ZIP_DOCUMENTS_MAX_BYTES;
    expect(Object.keys(small.files).filter((name) => name.startsWith("documenti/"))).toEqual(["documenti/manifest.csv"]);
    expect(await small.file("documenti/manifest.csv")!.async("string")).toContain("no (oltre il limite)");
  }, 30_000);
});
