import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { e2eDb, expect, test } from "./fixtures";

/**
 * Issue 12: an export as the Region's accounting system writes it (BOM, ';', quoted ';' and line
 * breaks, Italian headers, a credit note reversing an invoice), budget lines named the accounting
 * way and mapped once, and budget control on what the import commits.
 */
const shots = path.resolve("e2e/.tmp/finance-import-shots");

function query<T = number>(sql: string, ...params: unknown[]): T {
  const db = e2eDb();
  try {
    return db.prepare(sql).pluck().get(...params) as T;
  } finally {
    db.close();
  }
}

const header = "Data registrazione;Tipo movimento;Voce di bilancio;Importo (€);Beneficiario;CIG;N. atto;Causale";
const csv = (head: string, rows: string[]) => Buffer.from("\uFEFF" + [head, ...rows].join("\r\n") + "\r\n", "utf8");

const goodRows = [
  '03/11/2025;Impegno;WP6-CAMP;8.000,00;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;DET-RE-1;"Campagna; fase 2"',
  '04/11/2025;Pagamento;WP6-CAMP;2.500,00;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;FT-RE-101;"Fattura di acconto\nprimo SAL; eventi"',
  '05/11/2025;Storno;WP6-CAMP;-2.500,00;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;NC-RE-7;"Nota di credito; annulla FT-RE-101"',
];
const badRows = [
  "31/04/2025;Pagamento;WP6-CAMP;100,00;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;FT-RE-102;Data impossibile",
  "06/11/2025;Pagamento;WP6-CAMP;1,234.56;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;FT-RE-103;Importo all'inglese",
  "07/11/2025;Pagamento;WP9-IGNOTA;100,00;Agenzia Eventi Emilia S.r.l.;A01D44C9B3;FT-RE-104;Linea sconosciuta",
];

test.describe("ledger import from the accounting system", () => {
  test.use({ role: "finance" });

  test("flags exactly the three bad rows and imports nothing; without them the reversal cancels its invoice, and the overrun shows in red", async ({ signedIn: page }) => {
    const entries = () => query("select count(*) from ledger_entry");
    const before = entries();
    const committedBefore = query("select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment'");
    const paidBefore = query("select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'payment'");

    await page.goto("/finance/import");
    await page.getByLabel("File CSV").setInputFiles({ name: "export-contabilita.csv", mimeType: "text/csv", buffer: csv(header, [...goodRows, ...badRows]) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("import-errors-title")).toContainText("3 errori nel file");
    const errors = page.getByTestId("import-errors").locator("tbody tr");
    await expect(errors).toHaveCount(3);
    await expect(errors.nth(0)).toContainText("5");
    await expect(errors.nth(0)).toContainText("la data «31/04/2025» non esiste");
    await expect(errors.nth(1)).toContainText("6");
    await expect(errors.nth(1)).toContainText("importo «1,234.56» non valido");
    await expect(errors.nth(2)).toContainText("7");
    await expect(errors.nth(2)).toContainText("la linea di budget «WP9-IGNOTA» non esiste");
    // The unknown line is listed once among the values, with the row using it.
    await expect(page.getByTestId("value-lines-wp9 ignota")).toHaveAttribute("data-mapped", "no");
    await expect(page.getByTestId("value-lines-wp9 ignota")).toContainText("7");
    await expect(page.getByTestId("import-confirm")).toBeDisabled();
    expect(entries()).toBe(before);

    await page.getByLabel("File CSV").setInputFiles({ name: "export-contabilita-corretto.csv", mimeType: "text/csv", buffer: csv(header, goodRows) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("import-errors")).toHaveCount(0);
    await expect(page.getByTestId("import-summary")).toContainText("3 righe nel file: 3 valide, di cui 3 nuove");
    await expect(page.getByTestId("import-summary")).toContainText("Storni nel file: 1");
    // The commitment takes WP6-CAMP (and the programme) above budget: confirm with a reason.
    await expect(page.getByTestId("import-warnings")).toContainText("La linea WP6-CAMP avrebbe");
    await expect(page.getByTestId("import-warnings")).toContainText("oltre il totale");
    await expect(page.getByTestId("import-confirm")).toBeDisabled();
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Variante della campagna approvata con determina 12/2025");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-done")).toContainText("Importate 3 registrazioni");

    expect(entries()).toBe(before + 3);
    expect(query("select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'payment'")).toBe(paidBefore);
    expect(query("select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment'")).toBe(committedBefore + 8_000_00);
    const invoice = query("select id from ledger_entry where document_number = 'FT-RE-101'");
    expect(query("select reverses_entry_id from ledger_entry where document_number = 'NC-RE-7'")).toBe(invoice);
    expect(query("select description from ledger_entry where document_number = 'FT-RE-101'")).toBe("Fattura di acconto primo SAL; eventi"); // the quoted line break was one cell
    expect(query<string>("select after_json from audit_log where entity_type = 'import_batch' order by id desc limit 1")).toContain("Variante della campagna");

    await page.goto(`/finance/ledger/${invoice}`);
    await expect(page.getByTestId("reversed-by")).toBeVisible();

    // Search over supplier, CIG, document number and description; the filtered ledger exports.
    await page.goto("/finance/ledger");
    await page.getByLabel("Cerca").fill("Agenzia Eventi");
    await page.getByLabel("Ordina per").selectOption("documentNumber");
    await page.getByLabel("Ordine").selectOption("asc");
    await page.getByRole("button", { name: "Filtra" }).click();
    const rows = page.getByTestId("ledger-table").locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("DET-RE-1");
    await expect(rows.nth(2)).toContainText("NC-RE-7");
    // The CIG is also on seeded entries: the supplier narrows the search to this file's rows.
    await page.goto("/finance/ledger?cig=A01D44C9B3&kind=payment&supplier=Agenzia%20Eventi%20Emilia%20S.r.l.");
    await expect(rows).toHaveCount(2);
    const exported = await page.request.get("/finance/export?view=ledger&format=csv&q=Agenzia%20Eventi&sort=documentNumber&dir=asc");
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("DET-RE-1");
    expect(lines[3]).toContain("-2500,00");
    expect(lines[2]).toContain('"Fattura di acconto primo SAL; eventi"');
    const xlsx = await page.request.get("/finance/export?view=ledger&format=xlsx&q=Agenzia%20Eventi");
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

    await page.goto("/finance");
    await expect(page.getByTestId("commit-check")).toHaveAttribute("data-over", "yes");
    await expect(page.getByTestId("commit-check")).toHaveClass(/alert-danger/);
    await expect(page.getByTestId("lines-over")).toContainText("WP6-CAMP");
    await expect(page.getByTestId("sum-committed").locator(".text-danger")).toBeVisible();
    await expect(page.getByTestId("budget-check")).toContainText("I budget delle linee sommano");
    await page.screenshot({ path: path.join(shots, "summary-overrun.png"), fullPage: false });
    await page.goto("/finance/budget-lines");
    await expect(page.getByTestId("committed-WP6-CAMP")).toHaveAttribute("data-over", "yes");
    await expect(page.getByTestId("committed-WP6-CAMP")).toHaveClass(/text-danger/);
    await expect(page.getByTestId("committed-WP6-MAT")).toHaveAttribute("data-over", "no");
    await page.getByTestId("line-WP6-CAMP").getByRole("link", { name: "WP6-CAMP" }).click();
    await expect(page.getByTestId("line-overcommitted")).toContainText("Impegnato oltre il budget: € 958.000,00 a fronte di € 950.000,00");
  });

  test("budget lines named by their accounting names import after mapping, and the mapping is offered on the next file", async ({ signedIn: page }) => {
    const line = (code: string) => {
      const db = e2eDb();
      try {
        return db.prepare("select id, title from budget_line where code = ?").get(code) as { id: number; title: string };
      } finally {
        db.close();
      }
    };
    const mat = line("WP6-MAT");
    const at = line("WP7-AT");
    const head = "Data;Causale movimento;Capitolo;Importo;Fornitore;CIG;Numero documento;Descrizione";
    const rows = (prefix: string) => [
      `01/11/2025;IMP;${mat.title.toUpperCase()};1.000,00;Tipografia Emiliana S.r.l.;;${prefix}-1;Materiali`,
      `02/11/2025;Mandato;Cap. U.1.03.02.11;500,00;Studio Bianchi;;${prefix}-2;Consulenza`,
      `03/11/2025;Mandato;Cap. U.1.03.02.11;250,00;Studio Bianchi;;${prefix}-3;"Consulenza; saldo"`,
    ];
    await page.goto("/finance/import");
    await page.getByLabel("File CSV").setInputFiles({ name: "capitoli-novembre.csv", mimeType: "text/csv", buffer: csv(head, rows("CAP")) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("unmapped-count")).toContainText("1 valori non associati");
    const byName = page.getByTestId(`value-lines-${mat.title.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[€().°:,;'"/\\_-]/g, " ").replace(/\s+/g, " ").trim()}`);
    await expect(byName).toContainText("per nome");
    const chapter = page.getByTestId("value-lines-cap u 1 03 02 11");
    await expect(chapter).toHaveAttribute("data-mapped", "no");
    await expect(chapter).toContainText("3, 4");
    await expect(page.getByTestId("value-kinds-imp")).toContainText("per sinonimo");
    await expect(page.getByTestId("value-kinds-mandato")).toContainText("per sinonimo");
    await expect(page.getByTestId("import-errors").locator("tbody tr")).toHaveCount(2);
    await page.screenshot({ path: path.join(shots, "preview-mapping.png"), fullPage: true });
    // The preview with its value mapping passes the same WCAG 2.1 AA rules as the main pages.
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await page.getByLabel("Cap. U.1.03.02.11", { exact: true }).selectOption(String(at.id));
    await page.getByRole("button", { name: "Aggiorna l'anteprima" }).click();
    await expect(page.getByTestId("import-errors")).toHaveCount(0);
    await expect(page.getByTestId("value-lines-cap u 1 03 02 11")).toContainText("scelta a mano");
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Integrazione approvata");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-done")).toContainText("Importate 3 registrazioni");
    expect(query("select budget_line_id from ledger_entry where document_number = 'CAP-2'")).toBe(at.id);
    expect(query("select budget_line_id from ledger_entry where document_number = 'CAP-1'")).toBe(mat.id);

    // The next export from the same system: same columns, new rows. The saved mapping is offered.
    await page.goto("/finance/import");
    await page.getByLabel("File CSV").setInputFiles({ name: "capitoli-dicembre.csv", mimeType: "text/csv", buffer: csv(head, rows("CAPB")) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("profile-applied")).toBeVisible();
    await expect(page.getByTestId("value-lines-cap u 1 03 02 11")).toContainText("associazione salvata");
    await expect(page.getByTestId("value-lines-cap u 1 03 02 11")).toHaveAttribute("data-mapped", "yes");
    await expect(page.getByTestId("import-errors")).toHaveCount(0);
    await expect(page.getByTestId("import-summary")).toContainText("3 nuove");
  });
});
