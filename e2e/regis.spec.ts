import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { checkRegisFile, readRegisRecords } from "../app/domain/regis/check";
import { REGIS_MANIFEST, REGIS_STRUCTURES } from "../app/domain/regis/structures";
import { expect, signInAs, test } from "./fixtures";

/**
 * The ReGiS data pack, downloaded from the monthly close page: as the auditor for a month the seed
 * closed (September 2025, frozen at its close), as finance for the suite's current month
 * (November 2025, provisional).
 */
const shots = path.resolve("e2e/.tmp/screenshots");
const CUP = "E39J22001830006";
const structures = [...REGIS_STRUCTURES, REGIS_MANIFEST];

async function filesOf(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const texts = new Map<string, string>();
  for (const name of names) texts.set(name, await zip.file(name)!.async("string"));
  return { names, texts };
}

function expectDocumentedStructure(texts: Map<string, string>) {
  for (const structure of structures) {
    const text = texts.get(structure.file);
    expect(text, structure.file).toBeDefined();
    expect(text!.split("\r\n")[0], structure.file).toBe(structure.fields.map((f) => f.name).join("|"));
    expect(checkRegisFile(structure, text!), structure.file).toEqual([]);
  }
}

test.describe("ReGiS data pack", () => {
  test("the auditor downloads a closed month's pack: an attachment of the documented flat files, the same bytes twice", async ({ page, baseURL }) => {
    await signInAs(page, "auditor", baseURL!);
    await page.goto("/close/2025-09");
    const section = page.getByTestId("regis-pack");
    await expect(section.getByRole("heading", { name: "Pacchetto dati ReGiS" })).toBeVisible();
    await expect(section).toContainText("Mese chiuso: il pacchetto è quello congelato alla chiusura");
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "regis-pack-closed.png"), fullPage: false });

    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: `Scarica il pacchetto ReGiS del CUP ${CUP}` }).click()]);
    expect(download.suggestedFilename()).toBe(`regis_${CUP}_2025-09.zip`);
    const bytes = fs.readFileSync((await download.path())!);
    const { names, texts } = await filesOf(bytes);
    expect(names).toEqual(structures.map((s) => s.file));
    expectDocumentedStructure(texts);

    // Real content of the month: payments with their documents' hashes, the EU target, the period.
    const manifest = readRegisRecords(texts.get("MANIFEST.txt")!);
    expect(manifest.every((row) => row.STATO_PACCHETTO === "DEFINITIVO" && row.PERIODO === "2025-09" && row.DATI_AL === "30/09/2025")).toBe(true);
    // The manifest names every other file with its SHA-256, as the auditor can recompute it.
    for (const row of manifest) expect(createHash("sha256").update(texts.get(row.FILE)!, "utf8").digest("hex"), row.FILE).toBe(row.HASH_SHA256);
    const payments = readRegisRecords(texts.get("FN06_pagamenti.txt")!);
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.every((p) => p.DATA_PAGAMENTO.split("/").reverse().join("-") <= "2025-09-30")).toBe(true);
    expect(readRegisRecords(texts.get("GIUSTIFICATIVI.txt")!).length).toBeGreaterThan(0);
    expect(readRegisRecords(texts.get("MILESTONE_TARGET.txt")!).map((m) => m.CODICE_UNIVOCO_MILESTONE_TARGET)).toContain("M6C2-11");

    const response = await page.request.get(`/regis/${CUP}/2025-09.zip`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/zip");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="regis_${CUP}_2025-09.zip"`);
    expect(response.headers()["x-regis-pack-status"]).toBe("DEFINITIVO");
    expect(Buffer.from(await response.body()).equals(bytes)).toBe(true);
  });

  test("finance downloads the current month's pack, marked provisional", async ({ page, baseURL }) => {
    await signInAs(page, "finance", baseURL!);
    await page.goto("/close/2025-11");
    const section = page.getByTestId("regis-pack");
    await expect(section).toContainText("Mese aperto: il pacchetto è provvisorio");
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: `Scarica il pacchetto ReGiS del CUP ${CUP}` }).click()]);
    expect(download.suggestedFilename()).toBe(`regis_${CUP}_2025-11_provvisorio.zip`);
    const { names, texts } = await filesOf(fs.readFileSync((await download.path())!));
    expect(names).toEqual(structures.map((s) => s.file));
    expectDocumentedStructure(texts);
    const manifest = readRegisRecords(texts.get("MANIFEST.txt")!);
    expect(manifest[0]).toMatchObject({ STATO_PACCHETTO: "PROVVISORIO", PERIODO: "2025-11", DATI_AL: "14/11/2025" });
  });

  test("the admin gets no pack, and a malformed CUP is a 400 naming it, not a 500", async ({ page, baseURL }) => {
    await signInAs(page, "admin", baseURL!);
    await page.goto("/close/2025-09");
    await expect(page.getByTestId("regis-pack")).toHaveCount(0);
    expect((await page.request.get(`/regis/${CUP}/2025-09.zip`)).status()).toBe(403);
    await signInAs(page, "auditor", baseURL!);
    const bad = await page.request.get(`/regis/NOTACUP/2025-09.zip`);
    expect(bad.status()).toBe(400);
    // Said in words, not as a message key.
    expect((await bad.json()).fields).toEqual([{ field: "cup", key: "regis.error.cup", message: "Il CUP deve avere 15 caratteri nel formato del CUP." }]);
    expect((await page.request.get(`/regis/${CUP}/2031-01.zip`)).status()).toBe(400);
    expect((await page.request.get(`/regis/J51B21003370006/2025-09.zip`)).status()).toBe(404);
  });
});
