import fs from "node:fs";
import path from "node:path";
import { e2eDb, expect, forgePost, test } from "./fixtures";

/** Read-only look into the e2e database, to prove what was (not) written. */
function query<T>(sql: string, ...params: unknown[]): T {
  const db = e2eDb();
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const completionCount = () => query<{ n: number }>("select count(*) as n from training_completion").n;
const authorityId = (code: string) => query<{ id: number }>("select id from health_authority where code = ?", code).id;
const waveId = (code: string) => query<{ id: number }>("select id from training_wave where code = ?", code).id;

const realCatalogue = path.resolve("../shared/data/italia-domani/PNRR_MeT_OA_programmazione_v03.csv");
// Counts are grouped from 1.000 on, as the app shows them.
const nf = (n: number) => new Intl.NumberFormat("it-IT", { useGrouping: "always" as unknown as boolean }).format(n);

test.describe("manager", () => {
  test.use({ role: "manager" });

  test("records completions for GPs at AUSL Bologna; the matrix and the curve update", async ({ signedIn: page }, testInfo) => {
    const bologna = authorityId("AUSL BO");
    await page.goto("/training");
    await expect(page.getByRole("heading", { name: "Formazione dei professionisti sanitari" })).toBeVisible();
    const cell = page.getByTestId("heat-row-gp").locator("td").nth(4); // AUSL PC, PR, RE, MO, BO
    await expect(page.getByTestId("heat-col-AUSL BO")).toHaveText("AUSL BO");
    const trainedBefore = Number(await cell.getAttribute("data-trained"));
    const planned = Number(await cell.getAttribute("data-planned"));
    expect(trainedBefore).toBeGreaterThan(0);
    await expect(cell).toContainText(`${nf(trainedBefore)}/${nf(planned)}`);
    const summary = page.getByTestId("curve-summary");
    const totalBefore = Number((await summary.textContent())!.match(/Formati ad oggi: ([\d.]+)/)![1].replace(/\./g, ""));
    await expect(page.getByTestId("rollout-curve").locator("path.recharts-line-curve")).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath("training-heatmap.png"), fullPage: true });

    // The cell opens its waves.
    await cell.getByRole("link").click();
    await expect(page).toHaveURL(`/training/waves?group=gp&authority=${bologna}`);
    await expect(page.locator("tbody tr")).toHaveCount(2);
    await page.getByRole("link", { name: "MMG-2-AUSLBO" }).click();
    await expect(page.getByTestId("wave-authority")).toHaveText("AUSL Bologna");
    await page.getByLabel("Data").first().fill("2025-11-12");
    await page.getByLabel("Numero di formati").fill("35");
    await page.getByLabel("Nota").first().fill("Aula Bellaria, sessione straordinaria");
    await page.getByRole("button", { name: "Aggiungi" }).first().click();
    await expect(page.getByRole("status")).toContainText("Formati registrati.");
    await expect(page.getByTestId("completions-table").locator("tbody tr").first()).toContainText("Aula Bellaria, sessione straordinaria");

    await page.goto("/training");
    await expect(cell).toHaveAttribute("data-trained", String(trainedBefore + 35));
    await expect(cell).toContainText(`${nf(trainedBefore + 35)}/${nf(planned)}`);
    await expect(summary).toContainText(`Formati ad oggi: ${nf(totalBefore + 35)}.`);
    await page.getByTestId("rollout-heatmap").screenshot({ path: testInfo.outputPath("heatmap-after.png") });
  });

  test("creates a wave (refusing an end before the start) and schedules a session", async ({ signedIn: page }) => {
    await page.goto("/training/waves/new");
    await page.getByLabel("Codice edizione").fill("ICT-2-AUSLBO");
    await page.getByLabel("Titolo").fill("Personale ICT: seconda edizione");
    await page.getByLabel("Gruppo professionale").selectOption({ label: "Personale ICT" });
    await page.getByLabel("Azienda sanitaria").selectOption({ label: "AUSL Bologna" });
    await page.getByLabel("Modalità").selectOption({ label: "In presenza" });
    await page.getByLabel("Inizio").fill("2025-11-01");
    await page.getByLabel("Fine").fill("2025-10-01");
    await page.getByLabel("Partecipanti previsti").fill("1.200");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.locator('[data-field-error="endDate"]')).toContainText("La data di fine non può precedere la data di inizio (01/11/2025).");
    await page.getByLabel("Fine").fill("2025-12-12");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.getByRole("status")).toContainText("Edizione salvata.");
    await expect(page.getByRole("heading", { name: "Personale ICT: seconda edizione" })).toBeVisible();
    await expect(page.getByTestId("wave-trained")).toContainText("0 formati su 1.200 previsti");
    await page.getByLabel("Data").nth(1).fill("2025-11-20");
    await page.getByLabel("Posti").fill("40");
    await page.getByLabel("Sede").fill("Aula Bellaria");
    await page.getByRole("button", { name: "Aggiungi" }).nth(1).click();
    await expect(page.getByRole("status")).toContainText("Sessione aggiunta.");
    await expect(page.getByText("Posti complessivi: 40 per 1.200 partecipanti previsti.")).toBeVisible();
    await page.getByRole("link", { name: "Modifica edizione" }).click();
    await expect(page.getByLabel("Partecipanti previsti")).toHaveValue("1200");
    await page.getByLabel("Partecipanti previsti").fill("1.250");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.getByTestId("wave-trained")).toContainText("0 formati su 1.250 previsti");
    const audit = query<{ n: number }>("select count(*) as n from audit_log where entity_type in ('training_wave', 'training_session') and actor_name = 'Giulia Ferri'");
    expect(audit.n).toBe(3);
    expect(query<{ version: number }>("select version from training_wave where code = 'ICT-2-AUSLBO'").version).toBe(2);
  });

  test("a bad CSV row is reported with row, column and reason, and nothing is written", async ({ signedIn: page }) => {
    const before = completionCount();
    await page.goto("/training/import");
    await page.getByLabel("Azienda sanitaria").selectOption({ label: "AUSL Bologna" });
    const csv = "\ufeffCodice edizione;Data;Formati;Note\r\nMMG-2-AUSLBO;10/11/2025;12;ok\r\nPLS-AUSLBO;31/11/2025;4;data sbagliata\r\nMMG-2-AUSLPR;10/11/2025;3;altra azienda\r\n";
    await page.getByLabel("File CSV").setInputFiles({ name: "bologna.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Importa" }).click();
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("Il file non è stato importato: nessun dato è stato registrato.");
    await expect(page.getByTestId("import-issue")).toHaveCount(2);
    await expect(page.getByTestId("import-issue").nth(0)).toContainText("3");
    await expect(page.getByTestId("import-issue").nth(0)).toContainText("Data");
    await expect(page.getByTestId("import-issue").nth(0)).toContainText("Data non valida: «31/11/2025». Usa il formato gg/mm/aaaa.");
    await expect(page.getByTestId("import-issue").nth(1)).toContainText("L'edizione «MMG-2-AUSLPR» non appartiene a AUSL Bologna.");
    expect(completionCount()).toBe(before);
  });

  test("a good CSV is imported once; the same file again is refused", async ({ signedIn: page }) => {
    const before = completionCount();
    const csv = "Codice edizione;Data;Formati;Note\nINF-AUSLBO;07/11/2025;1.020;FAD novembre\nCUP-AUSLBO;07/11/2025;14;aula\n";
    const upload = async () => {
      await page.goto("/training/import");
      await page.getByLabel("Azienda sanitaria").selectOption({ label: "AUSL Bologna" });
      await page.getByLabel("File CSV").setInputFiles({ name: "bologna-inf.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.getByRole("button", { name: "Importa" }).click();
    };
    await upload();
    await expect(page.getByTestId("import-done")).toContainText("Import completato: 2 righe, 1.034 formati registrati per AUSL Bologna.");
    expect(completionCount()).toBe(before + 2);
    await expect(page.getByTestId("import-batches")).toContainText("bologna-inf.csv");
    await upload();
    await expect(page.getByTestId("import-errors")).toContainText("Questo file è già stato importato come «bologna-inf.csv»");
    expect(completionCount()).toBe(before + 2);
  });

  test("indicators show status and actual vs target path; a measurement is recorded", async ({ signedIn: page }, testInfo) => {
    await page.goto("/indicators");
    await expect(page.getByRole("heading", { name: "Indicatori e target" })).toBeVisible();
    await expect(page.locator("article")).toHaveCount(7);
    await expect(page.getByTestId("indicator-card-IND-07")).toContainText("Raggiunto");
    await expect(page.getByTestId("indicator-card-IND-03")).toContainText("A rischio");
    await expect(page.getByTestId("indicator-card-IND-07").locator("path.recharts-line-curve")).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath("indicators.png"), fullPage: true });

    await page.getByRole("link", { name: /IND-03/ }).click();
    await expect(page.getByTestId("indicator-status")).toHaveText("A rischio");
    await page.getByLabel("Valore", { exact: true }).fill("71,5");
    await page.getByLabel("Fonte").fill("Cruscotto regionale FSE");
    await page.getByLabel("Nota sull'evidenza").fill("Estrazione del 14/11/2025");
    await page.getByRole("button", { name: "Aggiungi" }).click();
    await expect(page.getByRole("status")).toContainText("Rilevazione registrata.");
    await expect(page.getByTestId("indicator-latest")).toHaveText("71,5%");
    await expect(page.getByTestId("indicator-status")).toHaveText("In linea");
    await page.screenshot({ path: testInfo.outputPath("indicator-detail.png"), fullPage: true });

    await page.getByRole("link", { name: "Modifica indicatore" }).click();
    await expect(page.getByLabel("Valore di partenza", { exact: true })).toHaveValue("55");
    await page.getByLabel("Valore obiettivo").fill("120");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.locator('[data-field-error="targetValue"]')).toContainText("Una percentuale è compresa tra 0 e 100.");
    await page.getByLabel("Valore obiettivo").fill("75,5");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.getByRole("status")).toContainText("Indicatore salvato.");
    await expect(page.getByText("75,5% (30/06/2026)")).toBeVisible();
  });

  test("imports the real PNRR catalogue and shows each EU item's verification mechanism", async ({ signedIn: page }, testInfo) => {
    test.skip(!fs.existsSync(realCatalogue), `real catalogue not found at ${realCatalogue}`);
    await page.goto("/indicators/catalogue");
    await page.getByLabel("File del catalogo (CSV)").setInputFiles(realCatalogue);
    await page.getByRole("button", { name: "Importa catalogo" }).click();
    await expect(page.getByTestId("catalogue-imported")).toContainText("Catalogo importato:");
    const m11 = page.getByTestId("catalogue-item-M6C2-11");
    await expect(m11.getByTestId("catalogue-due")).toHaveText("Scadenza: T4 2025");
    await expect(m11.getByTestId("catalogue-target")).toContainText("85");
    await expect(m11.getByTestId("catalogue-verification")).toContainText("number of GPs trained");
    await expect(m11).toContainText("WP4.M1");
    await expect(m11).toContainText("IND-07");
    await expect(page.getByTestId("catalogue-item-M6C2-12").getByTestId("catalogue-due")).toHaveText("Scadenza: T2 2026");
    await expect(page.getByTestId("catalogue-item-M6C2-13").getByTestId("catalogue-target")).toContainText("21");
    await m11.screenshot({ path: testInfo.outputPath("catalogue-m6c2-11.png") });
    // The people assembling M6C2-11's evidence see what it asks for next to the GP figures.
    await page.goto("/training");
    await expect(page.getByTestId("gp-evidence")).toContainText("Meccanismo di verifica · M6C2-11 (T4 2025)");
    await expect(page.getByTestId("gp-evidence")).toContainText("number of GPs trained");
  });
});

test.describe("gantt", () => {
  test.use({ role: "auditor" });

  test("training waves appear on the Gantt under their work package, read-only", async ({ signedIn: page }) => {
    const wave = waveId("MMG-2-AUSLBO");
    await page.goto("/gantt");
    await page.getByText("WP5", { exact: true }).first().click();
    await expect(page.locator(".tg-gantt-name", { hasText: "MMG-2-AUSLBO" })).toHaveCount(1);
    await expect(page.locator(`.bar-wrapper[data-id="w${wave}"]`)).toHaveCount(1);
    await expect(page.locator(`.bar-wrapper[data-id="w${wave}"]`)).toHaveClass(/tg-extra-training/);
  });
});

for (const role of ["auditor", "finance"] as const) {
  test.describe(role, () => {
    test.use({ role });

    test(`${role} reads training and indicators, sees no edit controls, and forged POSTs get 403`, async ({ signedIn: page }) => {
      await page.goto("/training");
      await expect(page.getByTestId("rollout-heatmap")).toBeVisible();
      await expect(page.getByRole("link", { name: "Importa CSV" })).toHaveCount(0);
      const wave = waveId("MMG-2-AUSLBO");
      await page.goto(`/training/waves/${wave}`);
      await expect(page.getByRole("button", { name: "Aggiungi" })).toHaveCount(0);
      await page.goto("/indicators/1");
      await expect(page.getByRole("heading", { name: "Rilevazioni" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Aggiungi" })).toHaveCount(0);

      const before = completionCount();
      const posts: [string, Record<string, string>][] = [
        [`/training/waves/${wave}`, { intent: "record-completion", date: "2025-11-10", count: "50", note: "forged" }],
        [`/training/waves/${wave}`, { intent: "add-session", date: "2025-06-10", capacity: "50", location: "x" }],
        [`/training/waves/${wave}/edit`, { code: "X", title: "x" }],
        ["/training/waves/new", { code: "X", title: "x" }],
        ["/training/import", { healthAuthorityId: String(authorityId("AUSL BO")) }],
        ["/indicators/1", { date: "2025-11-10", value: "1", source: "forged" }],
        ["/indicators/1/edit", { code: "X" }],
        ["/indicators/new", { code: "X" }],
        ["/indicators/catalogue", { intent: "link", catalogueItemId: "1", milestoneId: "1" }],
      ];
      for (const [url, form] of posts) {
        const response = await forgePost(page, url, form);
        expect(response.status(), url).toBe(403);
      }
      expect(completionCount()).toBe(before);
    });
  });
}
