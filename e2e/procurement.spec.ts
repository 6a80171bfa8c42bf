import fs from "node:fs";
import path from "node:path";
import { buildFatturaPA } from "../app/domain/procurement/fatturapa-build";
import { e2eDb, expect, test } from "./fixtures";

/**
 * The procurement register and supporting documents, as the finance office keeps them and an
 * auditor reads them: a procedure and its winner, a payment filled in from its e-invoice, the
 * invoice attached and downloaded, and every refusal leaving nothing stored.
 */
const shots = path.resolve("e2e/.tmp/screenshots");
const documentsDir = () => path.join(path.dirname(process.env.E2E_DATABASE_PATH!), "documents");
const CIG = "B118C88C47";
const CUP = "E39J22001830006";
const WINNER = { vatNumber: "05994810488", name: "DEDALUS ITALIA S.P.A." };

function count(sql: string, ...args: unknown[]) {
  const db = e2eDb();
  try {
    return db.prepare(sql).pluck().get(...args) as number;
  } finally {
    db.close();
  }
}
function storedFiles() {
  const dir = documentsDir();
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, String(f))).isFile()).length;
}
const invoiceXml = (cig: string) =>
  Buffer.from(
    buildFatturaPA({
      supplier: WINNER,
      buyer: { taxCode: "02086690373", name: "REGIONE EMILIA-ROMAGNA", officeCode: "UFER25" },
      number: "E2E-77/2025",
      date: "2025-11-10",
      description: "Conservazione digitale - primo SAL",
      taxableCents: 100_000_00,
      vatRate: 22,
      cig,
      cup: CUP,
    }),
  );

test.describe.configure({ mode: "serial" });

test.describe("finance office", () => {
  test.use({ role: "finance" });

  test("registers a procedure with its winner; a wrong CIG and a bad partita IVA are refused with nothing stored", async ({ signedIn: page }) => {
    const procedures = () => count("select count(*) from procurement_procedure");
    const before = procedures();
    await page.goto("/procurement");
    await expect(page.getByTestId("procedure-table").locator("tr[data-cig]")).toHaveCount(before);
    await page.screenshot({ path: path.join(shots, "procurement-register.png"), fullPage: true });
    await page.getByRole("link", { name: "Nuova procedura" }).click();
    await expect(page.locator('form#procedure-form[data-hydrated="true"]')).toBeVisible();

    await page.getByLabel("CIG").fill("9A41C2D7E1");
    await page.getByLabel("CUP").fill(CUP);
    await page.getByLabel("Oggetto").fill("Servizi di conservazione digitale a norma");
    await page.getByLabel("Tipo di procedura").selectOption("open");
    await page.getByLabel("Importo a base di gara").fill("500.000,00");
    await page.getByLabel("Importo aggiudicato").fill("450.000,00");
    await page.getByLabel("Data di aggiudicazione").fill("2025-06-10");
    await page.getByLabel("Data del contratto").fill("2025-07-01");
    // bootstrap-italia draws the checkbox under its label: click the label, as a user does.
    await page.locator("label", { hasText: /^WP1-CLOUD/ }).click();
    await expect(page.getByLabel(/^WP1-CLOUD/)).toBeChecked();
    await page.getByRole("button", { name: "Salva la procedura" }).click();
    await expect(page.locator('[data-field-error="cig"]')).toContainText("non è nel formato ANAC");
    expect(procedures()).toBe(before);

    await page.getByLabel("CIG").fill(CIG);
    await page.getByRole("button", { name: "Salva la procedura" }).click();
    await expect(page.getByRole("heading", { name: `CIG ${CIG} — Servizi di conservazione digitale a norma` })).toBeVisible();
    expect(procedures()).toBe(before + 1);
    await expect(page.getByTestId("headroom")).toHaveText("€ 450.000,00");
    await expect(page.locator('form#party-form[data-hydrated="true"]')).toBeVisible();

    const suppliers = () => count("select count(*) from supplier");
    const suppliersBefore = suppliers();
    await page.getByLabel("Codice fiscale / Partita IVA").fill("05994810489");
    await page.getByLabel("Denominazione").fill(WINNER.name);
    await page.getByRole("button", { name: "Aggiungi un soggetto" }).click();
    await expect(page.locator('[data-field-error="taxCode"]')).toContainText("carattere di controllo non corrisponde");
    expect(suppliers()).toBe(suppliersBefore);

    await page.getByLabel("Codice fiscale / Partita IVA").fill(WINNER.vatNumber);
    await page.getByLabel("Forma giuridica").fill("Società per azioni");
    await page.getByLabel("Codice ATECO").fill("62.01.00");
    await page.getByRole("button", { name: "Aggiungi un soggetto" }).click();
    await expect(page.getByTestId("party-table")).toContainText(WINNER.name);
    await expect(page.getByTestId("party-table")).toContainText("Impresa singola");
    expect(suppliers()).toBe(suppliersBefore + 1);
  });

  test("a payment naming an unregistered CIG is refused; one filled in from its e-invoice is recorded", async ({ signedIn: page }) => {
    const entries = () => count("select count(*) from ledger_entry");
    const before = entries();
    await page.goto("/finance/ledger/new");
    await expect(page.locator('form[data-hydrated="true"]')).toBeVisible();
    await page.getByLabel("File").setInputFiles({ name: "IT05994810488_E2E77.xml", mimeType: "application/xml", buffer: invoiceXml(CIG) });
    await page.getByRole("button", { name: "Leggi la fattura" }).click();
    await expect(page.getByTestId("prefill-ok")).toContainText("E2E-77/2025");
    await expect(page.getByLabel("Fornitore")).toHaveValue(WINNER.name);
    await expect(page.getByLabel("CIG")).toHaveValue(CIG);
    await expect(page.getByLabel("Numero documento")).toHaveValue("E2E-77/2025");
    await expect(page.getByLabel("Importo (€)")).toHaveValue("122.000,00");
    await expect(page.getByLabel("Linea di budget")).toHaveValue(String(count("select id from budget_line where code = 'WP1-CLOUD'")));

    await page.getByLabel("CIG").fill("9999999999");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.locator('[data-field-error="cig"]')).toContainText("non è nel registro delle procedure");
    expect(entries()).toBe(before);

    await page.getByLabel("CIG").fill(CIG);
    await page.getByRole("button", { name: "Registra" }).click();
    const confirm = page.locator('[data-field-error="confirmOverCommitment"]');
    const heading = page.getByRole("heading", { name: /Registrazione n\. \d+ · Pagamento/ });
    await expect(confirm.or(heading)).toBeVisible();
    if (await confirm.isVisible()) {
      await page.getByLabel("Confermo il pagamento oltre l'importo impegnato").check({ force: true });
      await page.getByRole("button", { name: "Registra" }).click();
    }
    await expect(heading).toBeVisible();
    expect(entries()).toBe(before + 1);
  });

  test("attaches the invoice and a payment order; an executable, an HTML page and an oversized file are refused and nothing is stored", async ({ signedIn: page }) => {
    const entryId = count("select id from ledger_entry where document_number = 'E2E-77/2025'");
    await page.goto(`/finance/ledger/${entryId}`);
    const panel = page.getByTestId("documents-ledgerEntry");
    await expect(panel.getByTestId("documents-none")).toBeVisible();
    await expect(panel.locator('form[data-hydrated="true"]')).toBeVisible();
    const rows = () => count("select count(*) from document");
    const before = { rows: rows(), files: storedFiles() };

    const refuse = async (file: { name: string; mimeType: string; buffer: Buffer }, message: RegExp) => {
      await panel.getByLabel("File").setInputFiles(file);
      await panel.getByRole("button", { name: "Carica" }).click();
      // A 21 MB upload on a busy machine takes a while: wait for the answer, not a fixed 10 s.
      await expect(panel.getByTestId("upload-error")).toContainText(message, { timeout: 60_000 });
      expect({ rows: rows(), files: storedFiles() }).toEqual(before);
    };
    await refuse({ name: "fattura.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(512, 0x41)]) }, /programma eseguibile/);
    await refuse({ name: "fattura.html", mimeType: "text/html", buffer: Buffer.from("<!DOCTYPE html><html><body><script>alert('x')</script></body></html>") }, /pagina HTML/);
    await refuse({ name: "scansione.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024, 0x20)]) }, /il limite è 2,0 MB/);
    await refuse({ name: "fattura.xml", mimeType: "application/xml", buffer: Buffer.from("<p:FatturaElettronica><rotto></p:FatturaElettronica>") }, /non è un XML ben formato/);

    await panel.getByLabel("Tipo di documento").selectOption("invoice");
    await panel.getByLabel("File").setInputFiles({ name: "IT05994810488_E2E77.xml", mimeType: "application/xml", buffer: invoiceXml(CIG) });
    await panel.getByRole("button", { name: "Carica" }).click();
    await expect(panel.getByTestId("upload-ok")).toBeVisible();
    await expect(panel.getByTestId("invoice-facts")).toContainText("E2E-77/2025");
    await expect(panel.getByTestId("invoice-ok")).toBeVisible();

    await panel.getByLabel("Tipo di documento").selectOption("payment_order");
    await panel.getByLabel("File").setInputFiles({ name: "mandato-4711.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% mandato 4711\n%%EOF\n") });
    await panel.getByRole("button", { name: "Carica" }).click();
    await expect(panel.getByTestId("documents-list").locator("li[data-document-id]")).toHaveCount(2);
    expect(rows()).toBe(before.rows + 2);
    await page.screenshot({ path: path.join(shots, "procurement-payment-documents.png"), fullPage: true });
  });
});

test.describe("programme manager", () => {
  test.use({ role: "manager" });

  test("takes a snapshot, which records the invoice and its hash", async ({ signedIn: page }) => {
    await page.goto("/snapshots");
    await page.getByLabel("Etichetta").fill("Dopo la fattura E2E-77");
    await page.getByRole("button", { name: "Scatta istantanea" }).click();
    await expect(page).toHaveURL(/\/snapshots\/\d+$/);
  });
});

test.describe("auditor", () => {
  test.use({ role: "auditor" });

  test("sees the invoice's hash in the snapshot's documents", async ({ signedIn: page }) => {
    const snapshotId = count("select id from snapshot where label = 'Dopo la fattura E2E-77'");
    const sha256 = e2eDb().prepare("select sha256 from document where name = 'IT05994810488_E2E77.xml'").pluck().get() as string;
    await page.goto(`/snapshots/${snapshotId}`);
    await page.getByRole("link", { name: "Documenti" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/snapshots/${snapshotId}/documents$`));
    await expect(page.getByTestId("frozen-documents")).toContainText("IT05994810488_E2E77.xml");
    await expect(page.getByTestId("frozen-documents")).toContainText(sha256);
  });

  test("downloads the invoice as an attachment with nosniff and cannot upload", async ({ signedIn: page }) => {
    const entryId = count("select id from ledger_entry where document_number = 'E2E-77/2025'");
    const invoice = e2eDb().prepare("select id, sha256 from document where ledger_entry_id = ? and role = 'invoice'").get(entryId) as { id: number; sha256: string };
    await page.goto(`/finance/ledger/${entryId}`);
    const panel = page.getByTestId("documents-ledgerEntry");
    await expect(panel.getByRole("button", { name: "Carica" })).toHaveCount(0);
    const downloadPromise = page.waitForEvent("download");
    await panel.getByRole("link", { name: "Scarica IT05994810488_E2E77.xml" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("IT05994810488_E2E77.xml");
    const response = await page.request.get(`/documents/${invoice.id}/download`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="IT05994810488_E2E77.xml"/);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-type"]).toBe("application/xml");
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(await response.body()).digest("hex")).toBe(invoice.sha256);
    const upload = await page.request.post("/documents/upload", { multipart: { target: "ledgerEntry", targetId: String(entryId), role: "invoice", file: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") } }, maxRedirects: 0 });
    expect(upload.status()).toBe(403);
  });
});

test.describe("admin", () => {
  test.use({ role: "admin" });
  test("may not download documents", async ({ signedIn: page }) => {
    const id = count("select id from document order by id limit 1");
    const response = await page.request.get(`/documents/${id}/download`, { maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });
});
