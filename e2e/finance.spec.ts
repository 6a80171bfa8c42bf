import path from "node:path";
import { formatEuro } from "../app/domain/core/money";
import { e2eDb, expect, forgePost, test } from "./fixtures";

/**
 * Finance as the finance office uses it, and as an auditor may only look at it. The suite's today
 * is 2025-11-14 (playwright.config.ts); the demo ledger runs to September 2026, so "today" already
 * is a view that leaves later entries out.
 */
const TODAY = "2025-11-14";
const shots = path.resolve("e2e/.tmp/finance-shots");

function ledgerTotals(until = TODAY) {
  const db = e2eDb();
  try {
    const rows = db.prepare("select kind, sum(amount_cents) as total, count(*) as n from ledger_entry where entry_date <= ? group by kind").all(until) as { kind: string; total: number; n: number }[];
    return {
      committed: rows.find((r) => r.kind === "commitment")?.total ?? 0,
      paid: rows.find((r) => r.kind === "payment")?.total ?? 0,
      count: rows.reduce((a, r) => a + r.n, 0),
    };
  } finally {
    db.close();
  }
}

function count(sql: string) {
  const db = e2eDb();
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

const header = "Data;Tipo;Linea;Importo;Fornitore;CIG;Numero documento;Descrizione";
const goodRows = [
  '03/11/2025;impegno;WP6-CAMP;25.000,00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;DET-E2E-1;"Estensione; spot radiofonici"',
  "05/11/2025;pagamento;WP6-CAMP;12.345,67;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-1;Prima fattura",
];
const badRows = [
  "31/02/2025;pagamento;WP6-CAMP;1.000,00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-2;Data inesistente",
  "06/11/2025;pagamento;WP9-NESSUNA;2.000,00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-3;Linea inesistente",
  "07/11/2025;pagamento;WP6-CAMP;3.000.00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-4;Importo con il punto",
];
const fixedRows = [
  "10/11/2025;pagamento;WP6-CAMP;1.000,00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-2;Data corretta",
  "06/11/2025;pagamento;WP6-MAT;2.000,00;Studio Comunicazione Pubblica S.r.l.;A89264ADDE;FT-E2E-3;Linea corretta",
  "07/11/2025;pagamento;WP6-CAMP;3.000,00;Studio Comunicazione Pubblica S.r.l.;A781539CCD;FT-E2E-4;Importo corretto",
];
const csv = (rows: string[]) => Buffer.from("\uFEFF" + [header, ...rows].join("\r\n") + "\r\n", "utf8");

test.describe("finance office", () => {
  test.use({ role: "finance" });

  test("a file with 3 bad rows shows exactly those 3 errors and imports nothing; the fixed file imports and moves the totals and the S-curve", async ({ signedIn: page }) => {
    const before = ledgerTotals();
    const batchesBefore = count("select count(*) from import_batch");

    await page.goto("/finance");
    await expect(page.getByTestId("sum-paid")).toHaveText(formatEuro(before.paid));
    await expect(page.locator(".recharts-line-curve").first()).toBeVisible();
    const curvesBefore = await page.locator(".recharts-line-curve").evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));

    await page.goto("/finance/import");
    await page.getByLabel("File CSV").setInputFiles({ name: "movimenti-novembre.csv", mimeType: "text/csv", buffer: csv([...goodRows, ...badRows]) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("import-errors-title")).toContainText("3 errori nel file");
    const errors = page.getByTestId("import-errors").locator("tbody tr");
    await expect(errors).toHaveCount(3);
    await expect(errors.nth(0)).toContainText("4");
    await expect(errors.nth(0)).toContainText("Data");
    await expect(errors.nth(0)).toContainText("la data «31/02/2025» non esiste");
    await expect(errors.nth(1)).toContainText("5");
    await expect(errors.nth(1)).toContainText("Linea");
    await expect(errors.nth(1)).toContainText("la linea di budget «WP9-NESSUNA» non esiste");
    await expect(errors.nth(2)).toContainText("6");
    await expect(errors.nth(2)).toContainText("Importo");
    await expect(errors.nth(2)).toContainText("importo «3.000.00» non valido");
    await expect(page.getByTestId("import-confirm")).toBeDisabled();
    // The server refuses it too, whatever the browser sends: the job fails and writes nothing.
    const token = await page.locator('input[name="token"]').first().inputValue();
    const forced = await forgePost(page, "/finance/import", { intent: "confirm", token, fileName: "x.csv" });
    expect(forced.status()).toBeLessThan(500);
    await page.waitForTimeout(500);
    expect(ledgerTotals()).toEqual(before);
    expect(count("select count(*) from import_batch")).toBe(batchesBefore);

    await page.getByLabel("File CSV").setInputFiles({ name: "movimenti-novembre-corretto.csv", mimeType: "text/csv", buffer: csv([...goodRows, ...fixedRows]) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("5 righe nel file: 5 valide, di cui 5 nuove e 0 già presenti");
    await expect(page.getByTestId("import-errors")).toHaveCount(0);
    // WP6-MAT is already paid in full: the extra payment needs an explicit confirmation (and the
    // commitment takes WP6-CAMP above its budget). Without it the server refuses the import.
    await expect(page.getByTestId("import-warnings")).toContainText("La linea WP6-MAT avrebbe pagato");
    await expect(page.getByTestId("import-warnings")).toContainText("La linea WP6-CAMP avrebbe");
    await expect(page.getByTestId("import-confirm")).toBeDisabled();
    const unconfirmedToken = await page.locator('input[name="token"]').first().inputValue();
    const unconfirmed = await forgePost(page, "/finance/import", { intent: "confirm", token: unconfirmedToken, fileName: "x.csv" });
    expect(unconfirmed.status()).toBeLessThan(500);
    await expect.poll(() => count("select count(*) from import_job where phase = 'failed' and error like '%finance.overrun.paymentsOverCommitted%'")).toBeGreaterThan(0);
    expect(ledgerTotals()).toEqual(before);
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Saldo della campagna approvato dall'autorità di gestione");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-done")).toContainText("Importate 5 registrazioni da «movimenti-novembre-corretto.csv»");
    await expect(page.getByTestId("import-job")).toHaveAttribute("data-phase", "done");
    await expect(page.getByTestId("import-batches")).toContainText("movimenti-novembre-corretto.csv · 5 registrazioni (0 ignorate) · Marco Bassi");
    await expect(page.getByTestId("import-done")).toBeVisible();

    const paidAdded = 12_345_67 + 1_000_00 + 2_000_00 + 3_000_00;
    const after = ledgerTotals();
    expect(after.paid).toBe(before.paid + paidAdded);
    expect(after.committed).toBe(before.committed + 25_000_00);
    await page.goto("/finance");
    await expect(page.getByTestId("sum-paid")).toHaveText(formatEuro(before.paid + paidAdded));
    await expect(page.getByTestId("sum-committed")).toHaveText(formatEuro(before.committed + 25_000_00));
    await expect(page.getByTestId("s-curve-table").locator('tr[data-month="2025-11"] [data-series="paid"]')).toHaveText(formatEuro(before.paid + paidAdded));
    await expect(page.locator(".recharts-line-curve").first()).toBeVisible();
    const curvesAfter = await page.locator(".recharts-line-curve").evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
    expect(curvesAfter[0]).toBe(curvesBefore[0]); // the plan did not move
    expect(curvesAfter[2]).not.toBe(curvesBefore[2]); // the paid curve did
    await page.getByTestId("s-curve").screenshot({ path: path.join(shots, "s-curve.png") });

    // The same file again is recognised and refused; its rows would not count twice.
    await page.goto("/finance/import");
    await page.getByLabel("File CSV").setInputFiles({ name: "movimenti-novembre-corretto.csv", mimeType: "text/csv", buffer: csv([...goodRows, ...fixedRows]) });
    await page.getByRole("button", { name: "Mostra l'anteprima" }).click();
    await expect(page.getByTestId("already-imported")).toContainText("Questo file è già stato importato");
    await expect(page.getByTestId("import-summary")).toContainText("0 nuove e 5 già presenti");
    await expect(page.getByTestId("import-confirm")).toBeDisabled();
    expect(ledgerTotals()).toEqual(after);
  });

  test("a reversal restores the line's total, and paying beyond commitments needs an explicit confirmation", async ({ signedIn: page }) => {
    const db = e2eDb();
    const line = db.prepare("select id from budget_line where code = 'WP7-AT'").get() as { id: number };
    db.close();
    const lineTotal = () => count(`select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment' and budget_line_id = ${line.id}`);
    const original = lineTotal();

    await page.goto(`/finance/ledger/new?line=${line.id}`);
    await page.getByLabel("Tipo").selectOption("commitment");
    await page.getByLabel("Importo (€)").fill("4.321,09");
    await page.getByLabel("Fornitore").fill("Consulenze PNRR Emilia S.r.l.");
    await page.getByLabel("CIG").fill("A9A375BEEF");
    await page.getByLabel("Numero documento").fill("DET-E2E-STORNO");
    await page.getByRole("button", { name: "Registra" }).click();
    // The demo commits every line's whole budget: one more commitment needs a confirmation with a reason.
    await expect(page.getByTestId("overrun-confirmation")).toContainText("La linea WP7-AT avrebbe");
    expect(lineTotal()).toBe(original);
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Integrazione dell'incarico");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.getByRole("heading", { name: /Registrazione n\. \d+ · Impegno/ })).toBeVisible();
    expect(lineTotal()).toBe(original + 4_321_09);
    await expect(page.getByTestId("line-totals")).toContainText(`impegnato ${formatEuro(original + 4_321_09)}`);

    await page.getByLabel("Motivo dello storno").fill("Importo registrato per errore");
    await page.getByRole("button", { name: "Registra lo storno" }).click();
    await expect(page.getByTestId("entry-amount")).toHaveText(formatEuro(-4_321_09));
    await expect(page.getByTestId("line-totals")).toContainText(`impegnato ${formatEuro(original)}`);
    expect(lineTotal()).toBe(original);

    // Over-commitment: the line is fully paid in the demo ledger as of today? Pay its remaining headroom + 1 cent.
    const headroom = count(`select coalesce(sum(case when kind = 'commitment' then amount_cents else -amount_cents end), 0) from ledger_entry where budget_line_id = ${line.id}`);
    const amount = headroom + 1;
    await page.goto(`/finance/ledger/new?line=${line.id}`);
    await page.getByLabel("Tipo").selectOption("payment");
    await page.getByLabel("Importo (€)").fill(formatEuro(amount).replace("€ ", ""));
    await page.getByLabel("Fornitore").fill("Consulenze PNRR Emilia S.r.l.");
    await page.getByLabel("Numero documento").fill("FT-E2E-OLTRE");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.locator('[data-field-error="confirmOverCommitment"]')).toContainText("oltre l'impegnato");
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.locator('[data-field-error="overrunReason"]')).toContainText("Indicare il motivo");
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Acconto previsto dal contratto");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.getByRole("heading", { name: /Registrazione n\. \d+ · Pagamento/ })).toBeVisible();
  });

  test("a commitment beyond its procedure's awarded amount needs a confirmation with a reason; over-commitments show in red on the quarterly table", async ({ signedIn: page }) => {
    const db = e2eDb();
    const line = db.prepare("select id, amount_cents as budget from budget_line where code = 'WP6-MAT'").get() as { id: number; budget: number };
    const procedure = db.prepare("select coalesce(awarded_cents, tendered_cents) as ceiling from procurement_procedure where cig = 'A89264ADDE'").get() as { ceiling: number };
    db.close();
    const procedureCommitted = () => count("select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment' and cig = 'A89264ADDE'");
    const lineCommitted = () => count(`select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment' and budget_line_id = ${line.id} and entry_date <= '${TODAY}'`);
    const committedBefore = procedureCommitted();
    const amount = Math.max(procedure.ceiling - committedBefore, 0) + 1_000_00;

    await page.goto(`/finance/ledger/new?line=${line.id}`);
    await page.getByLabel("Tipo").selectOption("commitment");
    await page.getByLabel("Importo (€)").fill(formatEuro(amount).replace("€ ", ""));
    await page.getByLabel("Fornitore").fill("Studio Comunicazione Pubblica S.r.l.");
    await page.getByLabel("CIG").fill("A89264ADDE");
    await page.getByLabel("Numero documento").fill("DET-E2E-AGGIUDICATO");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.locator('[data-field-error="confirmOverCommitment"]')).toContainText(
      `La procedura CIG A89264ADDE avrebbe ${formatEuro(committedBefore + amount)} impegnati a fronte di ${formatEuro(procedure.ceiling)} aggiudicati`,
    );
    expect(procedureCommitted()).toBe(committedBefore);
    await page.getByLabel("Confermo il superamento del limite").check({ force: true });
    await page.getByLabel("Motivo del superamento").fill("Quinto d'obbligo approvato con determina");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.getByRole("heading", { name: /Registrazione n\. \d+ · Impegno/ })).toBeVisible();
    expect(procedureCommitted()).toBe(committedBefore + amount);
    const audited = JSON.parse(
      String(count("select after_json from audit_log where entity_type = 'ledger_entry' and after_json like '%DET-E2E-AGGIUDICATO%' order by id desc limit 1")),
    ) as { overrunReason: string; overrunsConfirmed: { check: string; subject: string; limitCents: number; afterCents: number }[] };
    expect(audited.overrunReason).toBe("Quinto d'obbligo approvato con determina");
    expect(audited.overrunsConfirmed).toContainEqual({ check: "procedureAwarded", subject: "A89264ADDE", limitCents: procedure.ceiling, afterCents: committedBefore + amount });
    const entryUrl = page.url();

    // The quarterly table: the line and the programme beyond their limits, in red and in words.
    const overLine = lineCommitted();
    expect(overLine).toBeGreaterThan(line.budget);
    const programmeCommitted = count(`select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment' and entry_date <= '${TODAY}'`);
    const programmeTotal = count("select total_budget_cents from programme limit 1");
    await page.goto("/finance/table?year=2025");
    const cell = page.getByTestId("committed-WP6-MAT");
    await expect(cell).toHaveAttribute("data-over", "yes");
    await expect(cell).toHaveClass(/text-danger/);
    await expect(cell).toContainText(formatEuro(overLine));
    await expect(cell).toContainText(`▲ ${formatEuro(overLine - line.budget)} oltre il limite`);
    await expect(page.getByTestId("committed-programme")).toHaveAttribute("data-over", programmeCommitted > programmeTotal ? "yes" : "no");
    if (programmeCommitted > programmeTotal) await expect(page.getByTestId("committed-programme")).toContainText(`▲ ${formatEuro(programmeCommitted - programmeTotal)} oltre il limite`);
    await page.screenshot({ path: path.join(shots, "table-overcommitted.png"), fullPage: true });

    // Reversed, the line is back within its budget and loses the red.
    await page.goto(entryUrl);
    await page.getByLabel("Motivo dello storno").fill("Registrato in anticipo sulla determina");
    await page.getByRole("button", { name: "Registra lo storno" }).click();
    // Earlier tests paid on this line: if the reversal leaves it paying beyond what it commits, that is confirmed too.
    const paid = count(`select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'payment' and budget_line_id = ${line.id}`);
    const committedAll = count(`select coalesce(sum(amount_cents), 0) from ledger_entry where kind = 'commitment' and budget_line_id = ${line.id}`);
    if (paid > committedAll - amount) {
      await expect(page.locator('[data-field-error="confirmOverCommitment"]')).toContainText("oltre l'impegnato");
      await page.getByLabel("Confermo il superamento del limite").check({ force: true });
      await page.getByLabel("Motivo del superamento").fill("Storno della determina anticipata");
      await page.getByRole("button", { name: "Registra lo storno" }).click();
    }
    await expect(page.getByTestId("entry-amount")).toHaveText(formatEuro(-amount));
    expect(lineCommitted()).toBe(overLine - amount);
    await page.goto("/finance/table?year=2025");
    await expect(page.getByTestId("committed-WP6-MAT")).toHaveAttribute("data-over", overLine - amount > line.budget ? "yes" : "no");
    await expect(page.getByTestId("committed-WP6-MAT")).toContainText(formatEuro(overLine - amount));
  });

  test("a view as of a past date ignores later entries, in every view and export", async ({ signedIn: page }) => {
    const past = "2024-06-30";
    const then = ledgerTotals(past);
    const now = ledgerTotals();
    expect(now.paid).toBeGreaterThan(then.paid);
    await page.goto(`/finance?asOf=${past}`);
    await expect(page.getByTestId("as-of-banner")).toContainText("30/06/2024");
    await expect(page.getByTestId("sum-paid")).toHaveText(formatEuro(then.paid));
    await expect(page.getByTestId("sum-committed")).toHaveText(formatEuro(then.committed));
    const curve = page.getByTestId("s-curve-table");
    await expect(curve.locator('tr[data-month="2024-06"] [data-series="paid"]')).toHaveText(formatEuro(then.paid));
    await expect(curve.locator('tr[data-month="2024-07"] [data-series="paid"]')).toHaveText("—");

    await page.getByRole("link", { name: "Impegni e pagamenti" }).click();
    await expect(page).toHaveURL(/\/finance\/ledger\?asOf=2024-06-30/);
    await expect(page.getByTestId("ledger-totals")).toHaveText(
      `${then.count} registrazioni · impegnato ${formatEuro(then.committed)} · pagato ${formatEuro(then.paid)}`,
    );

    const exported = await page.request.get(`/finance/export?view=summary&format=csv&asOf=${past}`);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const text = await exported.text();
    const cents = (v: number) => `${Math.floor(v / 100)},${String(v % 100).padStart(2, "0")}`;
    expect(text.split("\r\n").find((row) => row.startsWith("Totale"))).toContain(`;${cents(then.paid)};`);
    const xlsx = await page.request.get(`/finance/export?view=table&format=xlsx&asOf=${past}&year=2024`);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

    await page.goto(`/finance/table?asOf=${TODAY}&year=2025`);
    await expect(page.getByTestId("spend-table")).toBeVisible();
    await expect(page.getByTestId("cell-WP2-SW-Q1")).toHaveAttribute("data-flag", "over");
    await page.getByTestId("spend-table").screenshot({ path: path.join(shots, "table.png") });
    await page.getByTestId("cell-WP2-SW-Q1").getByRole("link").click();
    await expect(page).toHaveURL(/\/finance\/ledger\?.*line=\d+.*from=2025-01-01.*to=2025-03-31/);
    await expect(page.getByTestId("ledger-table").locator("tbody tr")).not.toHaveCount(0);
    await expect(page.getByTestId("ledger-table")).toContainText("WP2-SW");
    await expect(page.getByTestId("ledger-table")).not.toContainText("WP2-DEV");
  });

  test("a reference date that is not a date is a 400 naming it, not a silent switch to today; the same in the ledger and the exports", async ({ signedIn: page }) => {
    const response = await page.goto("/finance?asOf=2025-13-01");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("La richiesta non è valida.");
    await expect(page.getByTestId("error-reasons")).toHaveText("Il parametro «asOf» dell'indirizzo non è una data valida: usa il formato AAAA-MM-GG, tra il 01/01/2000 e il 31/12/2100.");
    await expect(page.getByTestId("sum-paid")).toHaveCount(0);
    // The section's header does not contradict it with a "situation at 01/13/2025" banner.
    await expect(page.getByTestId("as-of-banner")).toHaveCount(0);
    expect((await page.goto("/finance/ledger?from=ieri"))?.status()).toBe(400);
    await expect(page.getByTestId("error-reasons")).toContainText("«from»");
    expect((await page.goto("/finance/table?asOf=9999-12-31"))?.status()).toBe(400);
    const exported = await page.request.get("/finance/export?view=summary&format=csv&asOf=31/12/2025");
    expect(exported.status()).toBe(400);
    expect((await exported.json()).fields).toEqual([expect.objectContaining({ field: "asOf", key: "finance.error.queryDate", message: expect.stringContaining("«asOf»") })]);
    // Empty (a form sent without a date) is today, as before.
    expect((await page.goto("/finance?asOf="))?.status()).toBe(200);
    await expect(page.getByTestId("sum-paid")).toBeVisible();
  });
});

test.describe("budget lines", () => {
  test.use({ role: "finance" });

  test("a profile is spread between two months, edited month by month, and saved only when it sums to the cent", async ({ signedIn: page }) => {
    await page.goto("/finance/budget-lines");
    await expect(page.getByTestId("budget-check")).toHaveText("I budget delle linee sommano esattamente al totale del programma (€ 39.000.000,00).");
    await page.getByTestId("line-WP6-MAT").getByRole("link", { name: "WP6-MAT" }).click();
    await page.getByLabel("Dal mese", { exact: true }).fill("2025-01");
    await page.getByLabel("Al mese", { exact: true }).fill("2025-03");
    await page.getByLabel("Metodo").selectOption("front");
    await page.getByRole("button", { name: "Distribuisci" }).click();
    await expect(page.getByText("Modifiche salvate.")).toBeVisible();
    // € 300.000,00 front-loaded over three months: 3/6, 2/6, 1/6.
    await expect(page.getByLabel("01/2025")).toHaveValue("150.000,00");
    await expect(page.getByLabel("02/2025")).toHaveValue("100.000,00");
    await expect(page.getByLabel("03/2025")).toHaveValue("50.000,00");
    await expect(page.getByLabel("04/2025")).toHaveValue("");

    await page.getByLabel("03/2025").fill("49.999,99");
    await expect(page.getByTestId("profile-total")).toContainText("Differenza dall'importo: -€ 0,01");
    await page.getByRole("button", { name: "Salva il profilo" }).click();
    await expect(page.getByTestId("form-errors")).toContainText("Il profilo somma € 299.999,99, l'importo della linea è € 300.000,00: differenza -€ 0,01.");

    await page.getByLabel("04/2025").fill("0,01");
    await expect(page.getByTestId("profile-total")).toContainText("Differenza dall'importo: € 0,00");
    await page.getByRole("button", { name: "Salva il profilo" }).click();
    const stored = () => {
      const db = e2eDb();
      try {
        return db.prepare("select month, planned_cents from budget_line_profile p join budget_line l on l.id = p.budget_line_id where l.code = 'WP6-MAT' order by month").all();
      } finally {
        db.close();
      }
    };
    await expect.poll(stored).toEqual([
      { month: "2025-01", planned_cents: 15_000_000 },
      { month: "2025-02", planned_cents: 10_000_000 },
      { month: "2025-03", planned_cents: 4_999_999 },
      { month: "2025-04", planned_cents: 1 },
    ]);
    await expect(page.getByLabel("04/2025")).toHaveValue("0,01");
    const audit = count("select count(*) from audit_log where entity_type = 'budget_line_profile'");
    expect(audit).toBe(2);
  });
});

test.describe("auditor", () => {
  test.use({ role: "auditor" });

  test("sees every finance view but can change nothing; forged writes get 403", async ({ signedIn: page }) => {
    const entries = count("select count(*) from ledger_entry");
    const audit = count("select count(*) from audit_log");
    const lineVersion = count("select version from budget_line where id = 1");

    for (const url of ["/finance", "/finance/table", "/finance/evm", "/finance/budget-lines", "/finance/budget-lines/1", "/finance/ledger", "/finance/ledger/1", "/finance/import"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
    }
    await page.goto("/finance");
    await expect(page.getByTestId("sum-paid")).toHaveText(formatEuro(ledgerTotals().paid));
    await expect(page.getByRole("link", { name: "Importa CSV" })).toHaveCount(0);
    await page.goto("/finance/ledger");
    await expect(page.getByTestId("ledger-table")).toBeVisible();
    await expect(page.getByRole("link", { name: "Nuova registrazione" })).toHaveCount(0);
    await page.goto("/finance/ledger/1");
    await expect(page.getByTestId("entry-detail")).toBeVisible();
    await expect(page.getByRole("button", { name: "Registra lo storno" })).toHaveCount(0);
    await page.goto("/finance/budget-lines/1");
    await expect(page.getByRole("button", { name: "Salva" })).toHaveCount(0);
    await page.goto("/finance/evm");
    await expect(page.getByTestId("evm-table")).toContainText("WP1");
    await page.goto("/finance/import");
    await expect(page.getByLabel("File CSV")).toHaveCount(0);
    expect((await page.request.get("/finance/export?view=ledger&format=csv")).status()).toBe(200);

    expect((await page.goto("/finance/ledger/new"))?.status()).toBe(403);
    expect((await page.goto("/finance/budget-lines/new"))?.status()).toBe(403);
    const forged: [string, Record<string, string>][] = [
      ["/finance/ledger/new", { budgetLineId: "1", kind: "payment", entryDate: "2025-11-01", amount: "1,00", supplier: "X", documentNumber: "FORGED-1" }],
      ["/finance/ledger/1", { entryDate: "2025-11-01", reason: "forged" }],
      ["/finance/budget-lines/new", { workPackageId: "1", code: "X-1", title: "X", category: "development", fundingSource: "pnrr", cup: "E39J22001830006", amount: "1,00" }],
      ["/finance/budget-lines/1", { intent: "line", version: String(lineVersion), workPackageId: "1", code: "WP1-HW", title: "X", category: "development", fundingSource: "pnrr", cup: "E39J22001830006", amount: "1,00" }],
      ["/finance/budget-lines/1", { intent: "spread", version: String(lineVersion), from: "2024-01", to: "2024-02", method: "even" }],
      ["/finance/budget-lines/1", { intent: "profile", version: String(lineVersion), "m-2024-01": "1,00" }],
      ["/finance/import", { intent: "confirm", token: "0".repeat(64), fileName: "x.csv" }],
    ];
    for (const [url, form] of forged) expect((await forgePost(page, url, form)).status(), url).toBe(403);
    expect((await page.request.get("/finance/import/status?job=x")).status()).toBe(403);
    expect(count("select count(*) from ledger_entry")).toBe(entries);
    expect(count("select count(*) from audit_log")).toBe(audit);
    expect(count("select version from budget_line where id = 1")).toBe(lineVersion);
  });
});
