import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { formatEuro } from "../app/domain/core/money";
import { e2eDb, expect, forgePost, signInAs, test } from "./fixtures";

/**
 * The rendiconto di progetto as finance builds it (eligible expenses preselected), submits it and
 * downloads it; an expense in it cannot go into a second one; the auditor reads but cannot write;
 * the finance summary shows "Rendicontato" as of any date. The spec leaves the demo as it found
 * it: its report is rejected at the end, which frees its expenses (the seed's reports n. 1 and 2
 * are not touched).
 */
const shots = path.resolve("e2e/.tmp/screenshots");
const PERIOD = { cup: "E39J22001830006", periodFrom: "2025-01-01", periodTo: "2025-02-28" };
const sha256 = (bytes: Buffer | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = e2eDb();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** What the database says is reported today (submitted or accepted reports' items). */
function reportedNow() {
  return query<{ total: number | null }>("select sum(i.amount_cents) total from expense_report_item i join expense_report r on r.id = i.report_id where r.state in ('submitted','accepted')")[0].total ?? 0;
}

test.describe("rendiconto di progetto", () => {
  test.use({ role: "finance" });

  test("finance builds a report from the eligible expenses, submits it, downloads PDF and ZIP; never twice; auditor reads only", async ({ signedIn: page, baseURL, browser }) => {
    fs.mkdirSync(shots, { recursive: true });
    const seededReported = reportedNow();
    expect(seededReported).toBeGreaterThan(0);

    await page.goto("/reports");
    await expect(page.getByTestId("report-row-1")).toHaveAttribute("data-state", "accepted");
    await expect(page.getByTestId("report-row-2")).toHaveAttribute("data-state", "draft");

    // The form: period → the period's payments, eligible ones ticked, the others with the reason.
    await page.getByRole("link", { name: "Nuovo rendiconto" }).click();
    await page.getByLabel("CUP").selectOption(PERIOD.cup);
    await page.getByLabel("Periodo dal").fill(PERIOD.periodFrom);
    await page.getByLabel("al", { exact: true }).fill(PERIOD.periodTo);
    await page.getByRole("button", { name: "Mostra le spese del periodo" }).click();
    await expect(page).toHaveURL(/periodFrom=2025-01-01/);
    const picker = page.getByTestId("expense-picker");
    const eligibleRows = picker.locator('tr[data-eligible="yes"]');
    const otherRows = picker.locator('tr[data-eligible="no"]');
    const eligibleCount = await eligibleRows.count();
    expect(eligibleCount).toBeGreaterThan(0);
    expect(await otherRows.count()).toBeGreaterThan(0);
    await expect(eligibleRows.locator('input[type="checkbox"]:checked')).toHaveCount(eligibleCount);
    await expect(otherRows.locator('input[type="checkbox"]:disabled')).toHaveCount(await otherRows.count());
    await expect(picker).toContainText("Manca la fattura tra i giustificativi");
    await expect(picker).toContainText("Checklist «Regolarità della procedura di affidamento» della procedura");
    const eligibleIds = (await eligibleRows.locator('input[type="checkbox"]').evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)))).sort((a, b) => a - b);

    await page.getByLabel("Note").fill("I bimestre 2025 – e2e");
    await page.getByRole("button", { name: "Crea il rendiconto in bozza" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Rendiconto n\. \d+/);
    const reportId = Number(/\/reports\/(\d+)/.exec(page.url())![1]);
    const items = query<{ ledgerEntryId: number; amountCents: number }>("select ledger_entry_id ledgerEntryId, amount_cents amountCents from expense_report_item where report_id = ? order by ledger_entry_id", reportId);
    expect(items.map((i) => i.ledgerEntryId)).toEqual(eligibleIds);
    const total = items.reduce((a, i) => a + i.amountCents, 0);
    await expect(page.getByTestId("report-total")).toHaveText(formatEuro(total));
    await expect(page.getByTestId("report-state")).toContainText("Bozza");

    // Submit: dated today, then the expenses cannot be changed.
    await page.getByTestId("move-submit").getByLabel("Note").fill("Presentato su ReGiS");
    await page.getByRole("button", { name: "Presenta il rendiconto" }).click();
    await expect(page.getByTestId("report-state")).toContainText("Presentato");
    await expect(page.getByTestId("report-locked")).toContainText("presentato");
    await expect(page.getByTestId("report-attestation").locator('[data-checklist="procedure_regularity:96228851F0"]')).toHaveAttribute("data-state", "verified");
    await page.screenshot({ path: path.join(shots, "report-submitted.png"), fullPage: true });
    const version = query<{ version: number }>("select version from expense_report where id = ?", reportId)[0].version;
    const editRefused = await forgePost(page, `/reports/${reportId}?intent=expenses`, { version: String(version), ledgerEntryIds: String(eligibleIds[0]) });
    expect(editRefused.status()).toBe(400);
    expect(await editRefused.text()).toContain("le sue spese non si possono più modificare");

    // The PDF: an attachment with the request, the expenses and the attestation.
    const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-pdf").click()]);
    expect(pdfDownload.suggestedFilename()).toMatch(/^traguardi-rendiconto-\d+-E39J22001830006-2025-01-01-2025-02-28\.pdf$/);
    const pdfFile = path.join(shots, `report-${reportId}.pdf`);
    await pdfDownload.saveAs(pdfFile);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
    const pdfResponse = await page.request.get(`/reports/${reportId}/pdf`);
    expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
    expect(pdfResponse.headers()["content-disposition"]).toMatch(/^attachment; filename="traguardi-rendiconto-/);
    const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain("Domanda di rimborso");
    expect(text).toContain(`Importo richiesto: ${formatEuro(total).replace(/\s+/g, " ")}`);
    expect(text).toContain("Attestazione delle verifiche");
    expect(text).toContain("Regolarità della procedura");
    expect(text).toContain("96228851F0 Verificata Marco Bassi Giulia Ferri");
    expect(text).toContain("Verifiche come attestate alla presentazione del 14/11/2025.");
    expect(text).toContain("Giulia Ferri");
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", pdfFile, path.join(shots, `report-${reportId}-page`)]);

    // The ZIP: documents and their hashes, matching the stored documents and their downloads.
    const zipResponse = await page.request.get(`/reports/${reportId}/zip`);
    expect(zipResponse.status()).toBe(200);
    expect(zipResponse.headers()["content-disposition"]).toMatch(/^attachment; filename=".*\.zip"$/);
    const zip = await JSZip.loadAsync(await zipResponse.body());
    const manifest = (await zip.file("impronte.csv")!.async("string")).replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1).map((line) => line.split(";"));
    const documents = query<{ id: number; sha256: string }>(`select id, sha256 from document where ledger_entry_id in (${eligibleIds.join(",")}) order by id`);
    expect(manifest.map((row) => Number(row[7])).sort((a, b) => a - b)).toEqual(documents.map((d) => d.id));
    for (const row of manifest) {
      const [, , , , , , , documentId, , , inZip, , hash] = row;
      expect(hash).toBe(documents.find((d) => d.id === Number(documentId))!.sha256);
      expect(sha256(await zip.file(inZip)!.async("uint8array"))).toBe(hash);
    }
    const firstDocument = await page.request.get(`/documents/${documents[0].id}/download`);
    expect(sha256(await firstDocument.body())).toBe(documents[0].sha256);

    // Never twice: the form no longer offers these expenses, and a forged POST is refused.
    await page.goto(`/reports/new?cup=${PERIOD.cup}&periodFrom=${PERIOD.periodFrom}&periodTo=${PERIOD.periodTo}`);
    const taken = page.getByTestId(`candidate-${eligibleIds[0]}`);
    await expect(taken).toHaveAttribute("data-eligible", "no");
    await expect(taken.locator('input[type="checkbox"]')).toBeDisabled();
    await expect(taken).toContainText(/Già nel rendiconto n\. \d+ \(Presentato\)/);
    const forged = await forgePost(page, "/reports/new", { ...PERIOD, note: "", ledgerEntryIds: String(eligibleIds[0]) });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain("è già in un altro rendiconto non respinto");
    expect(query("select id from expense_report where note = ''")).toHaveLength(0);

    // Rendicontato on the finance summary, as of any date.
    expect(reportedNow()).toBe(seededReported + total);
    await page.goto("/finance?asOf=2025-11-14");
    await expect(page.getByTestId("sum-reported")).toHaveText(formatEuro(seededReported + total));
    await expect(page.getByTestId("s-curve-table").locator('tr[data-month="2025-11"] [data-series="reported"]')).toHaveText(formatEuro(seededReported + total));
    await page.screenshot({ path: path.join(shots, "finance-reported.png"), fullPage: false });
    await page.goto("/finance?asOf=2024-07-14");
    await expect(page.getByTestId("sum-reported")).toHaveText(formatEuro(0));
    await page.goto("/finance?asOf=2024-07-15");
    await expect(page.getByTestId("sum-reported")).toHaveText(formatEuro(seededReported));

    // The auditor reads everything and writes nothing.
    const auditorContext = await browser.newContext({ baseURL });
    const auditor = await auditorContext.newPage();
    await signInAs(auditor, "auditor", baseURL!);
    await auditor.goto(`/reports/${reportId}`);
    await expect(auditor.getByTestId("report-total")).toHaveText(formatEuro(total));
    await expect(auditor.getByRole("button", { name: /Registra/ })).toHaveCount(0);
    expect((await forgePost(auditor, `/reports/${reportId}?intent=reject`, { version: String(version + 0), date: "2025-11-14", note: "x" })).status()).toBe(403);
    expect((await forgePost(auditor, "/reports/new", { ...PERIOD, note: "", ledgerEntryIds: String(eligibleIds[0]) })).status()).toBe(403);
    expect((await auditor.request.get(`/reports/${reportId}/pdf`)).status()).toBe(200);
    await auditorContext.close();

    // Leave the demo as found: the report is rejected (with the ministry's note), its expenses freed.
    await page.goto(`/reports/${reportId}`);
    await page.getByRole("button", { name: "Registra il rigetto" }).click();
    await expect(page.getByTestId("form-errors")).toContainText("Indica il motivo");
    await page.getByTestId("move-reject").getByLabel("Note").fill("Prova e2e: rendiconto respinto");
    await page.getByRole("button", { name: "Registra il rigetto" }).click();
    await expect(page.getByTestId("report-state")).toContainText("Respinto");
    expect(reportedNow()).toBe(seededReported);
    await page.goto(`/reports/new?cup=${PERIOD.cup}&periodFrom=${PERIOD.periodFrom}&periodTo=${PERIOD.periodTo}`);
    await expect(page.getByTestId(`candidate-${eligibleIds[0]}`)).toHaveAttribute("data-eligible", "yes");

    // Screenshots to look at: the seeded accepted report and the S-curve, at the pinned date and at
    // the real one (the tg_test_today cookie, honoured only while TRAGUARDI_TODAY pins the date).
    for (const [label, day] of [["pinned", "2025-11-14"], ["real", new Date().toISOString().slice(0, 10)]] as const) {
      await page.context().addCookies([{ name: "tg_test_today", value: day, url: baseURL! }]);
      await page.goto("/reports/1");
      await expect(page.getByTestId("report-state")).toContainText("Accettato");
      await expect(page.getByTestId("attestation-frozen")).toHaveText("Verifiche come attestate alla presentazione del 15/07/2024.");
      await page.screenshot({ path: path.join(shots, `report-1-${label}.png`), fullPage: true });
      await page.goto(`/finance?asOf=${day}`);
      await page.getByTestId("s-curve").locator("svg").first().waitFor();
      await page.getByTestId("s-curve").screenshot({ path: path.join(shots, `s-curve-reported-${label}.png`) });
    }
    await page.context().clearCookies({ name: "tg_test_today" });
  });
});
