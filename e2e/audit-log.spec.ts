import fs from "node:fs";
import { e2eDb, expect, signInAs, test } from "./fixtures";

/**
 * The audit log in people's words (issue 10): the finance office records two commitments on two
 * budget lines; an auditor reads the log without knowing the schema, narrows it to one budget
 * line, and downloads exactly that.
 */
test.use({ role: "finance" });

function lines() {
  const db = e2eDb();
  try {
    return db.prepare("select id, code, title from budget_line order by code limit 2").all() as { id: number; code: string; title: string }[];
  } finally {
    db.close();
  }
}

test("an auditor reads the log in words, filters it to one budget line and downloads it", async ({ signedIn: page, baseURL }) => {
  const [first, second] = lines();
  for (const [line, amount, doc] of [
    [first, "1.234,56", "DET-E2E-AUDIT-1"],
    [second, "7.000,00", "DET-E2E-AUDIT-2"],
  ] as const) {
    await page.goto(`/finance/ledger/new?line=${line.id}`);
    await page.getByLabel("Tipo").selectOption("commitment");
    await page.getByLabel("Importo (€)").fill(amount);
    await page.getByLabel("Fornitore").fill("Consulenze PNRR Emilia S.r.l.");
    await page.getByLabel("Numero documento").fill(doc);
    await page.getByRole("button", { name: "Registra" }).click();
    // The demo commits every line's whole budget: one more commitment needs a confirmation with a reason.
    await expect(page.getByTestId("overrun-confirmation")).toBeVisible();
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Integrazione approvata");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.getByRole("heading", { name: /Registrazione n\. \d+ · Impegno/ })).toBeVisible();
  }

  await page.context().clearCookies();
  await signInAs(page, "auditor", baseURL!);
  await page.goto("/audit");
  const newest = page.getByTestId("audit-row").first();
  // The schema's words are gone: field names, record type and values read as people say them.
  await expect(newest).toContainText("Movimento contabile");
  await expect(newest).toContainText("Importo: € 7.000,00");
  await expect(newest).toContainText(`Linea di budget: ${second.code} ${second.title}`);
  await expect(newest).toContainText("Tipo: Impegno");
  await expect(newest).toContainText("Registrato da: Marco Bassi");
  const table = page.locator("table");
  for (const raw of ["amountCents", "budgetLineId", "createdById", "commitment", "ledger_entry"]) await expect(table).not.toContainText(raw);
  // The type filter offers human names.
  await expect(page.getByLabel("Tipo di elemento").locator("option", { hasText: "Movimento contabile" })).toHaveCount(1);
  await expect(page.getByLabel("Tipo di elemento").locator("option", { hasText: "ledger_entry" })).toHaveCount(0);

  // One budget line: its own entry is there, the other line's is not.
  await page.getByLabel("Linea di budget").selectOption(String(first.id));
  await page.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(new RegExp(`line=${first.id}`));
  await expect(page.getByTestId("audit-row").first()).toContainText("Importo: € 1.234,56");
  await expect(table).not.toContainText("DET-E2E-AUDIT-2");
  await expect(table).not.toContainText("€ 7.000,00");

  const download = page.waitForEvent("download");
  await page.getByTestId("audit-export-csv").click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, "utf8").replace(/^\ufeff/, "");
  const [header, ...rows] = csv.trim().split("\r\n");
  expect(header).toBe("Quando;Chi;Ruolo;Operazione;Tipo di elemento;Elemento;Modifiche");
  expect(rows.length).toBeGreaterThan(0);
  expect(csv).toContain("DET-E2E-AUDIT-1");
  expect(csv).not.toContain("DET-E2E-AUDIT-2");
  expect(csv).toContain("Importo: € 1.234,56");
  expect(csv).toContain("Movimento contabile");
  expect(csv).not.toContain("amountCents");

  const xlsx = page.waitForEvent("download");
  await page.getByTestId("audit-export-xlsx").click();
  const xlsxFile = await (await xlsx).path();
  expect(fs.readFileSync(xlsxFile!).subarray(0, 2).toString()).toBe("PK");
});
