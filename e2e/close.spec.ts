import path from "node:path";
import { e2eDb, expect, signInAs, test } from "./fixtures";

/**
 * The monthly close as the programme manager runs it. The seed closed the twelve months up to
 * September 2025 (two months before the suite's today, 14/11/2025), so October 2025 is next.
 */
const shots = path.resolve("e2e/.tmp/screenshots");

function one<T>(sql: string, ...params: unknown[]) {
  const db = e2eDb();
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

test.describe("monthly close", () => {
  test.use({ role: "manager" });

  test("the pre-check lists real findings, fixing one removes it, the month closes with the rest accepted, and a ledger entry in it is refused", async ({ signedIn: page, baseURL }) => {
    await page.goto("/close");
    await expect(page.getByRole("heading", { name: "Prossimo mese da chiudere: ottobre 2025" })).toBeVisible();
    await expect(page.getByTestId("locked-through")).toHaveText("Dati bloccati fino al 30/09/2025");
    await expect(page.getByTestId("close-2025-09")).toBeVisible();
    await page.getByRole("link", { name: "Apri il controllo preliminare" }).click();
    await expect(page).toHaveURL(/\/close\/2025-10$/);

    const findings = page.getByTestId("findings").locator("tbody tr");
    await expect(page.locator('[data-check="eu-due"]').filter({ hasText: "M6C2-11" })).toBeVisible();
    await expect(page.locator('[data-check="checklist-unverified"]').first()).toBeVisible();
    // The procurement register is there: payments without their invoice are listed.
    await expect(page.locator('[data-check="payment-documents"]').first()).toBeVisible();
    const indicatorFinding = page.locator('[data-check="indicator-measurement"]').filter({ hasText: "IND-02" });
    await expect(indicatorFinding).toBeVisible();
    const before = await findings.count();
    expect(before).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(shots, "close-precheck.png"), fullPage: true });

    // Fix one: record IND-02's October measurement where the finding links to.
    await indicatorFinding.getByRole("link").click();
    await expect(page).toHaveURL(/\/indicators\/\d+$/);
    await page.getByLabel("Data", { exact: true }).fill("2025-10-31");
    await page.getByLabel("Valore", { exact: true }).fill("61");
    await page.getByLabel("Fonte", { exact: true }).fill("Cruscotto regionale FSE, ottobre 2025");
    await page.getByRole("button", { name: "Aggiungi" }).click();
    await expect(page.getByText("Cruscotto regionale FSE, ottobre 2025")).toBeVisible();
    await page.goto("/close/2025-10");
    await expect(page.locator('[data-check="indicator-measurement"]').filter({ hasText: "IND-02" })).toHaveCount(0);
    await expect(findings).toHaveCount(before - 1);

    // Closing without accepting the rest is refused; with a reason it closes.
    await page.getByRole("button", { name: "Chiudi il mese" }).click();
    await expect(page.locator(`[data-field-error="reason"]`)).toContainText("Restano");
    expect(one<{ n: number }>("select count(*) as n from month_close where period = '2025-10'").n).toBe(0);
    await page.getByLabel(/Accetto i \d+ rilievi residui/).check({ force: true });
    await page.getByLabel("Motivazione dell'accettazione").fill("Traguardi UE in scadenza a dicembre monitorati nel cruscotto; checklist in verifica, chiuse a novembre.");
    await page.getByRole("button", { name: "Chiudi il mese" }).click();
    await expect(page.getByTestId("month-closed")).toContainText("ottobre 2025 è chiuso");
    await expect(page.getByTestId("accepted-findings").locator("li")).toHaveCount(before - 1); // less the fixed one

    const close = one<{ snapshot_id: number; snapshot_hash: string; finding_count: number; closed_by_name: string }>("select * from month_close where period = '2025-10'");
    const snapshot = one<{ hash: string; kind: string; as_of: string }>("select hash, kind, as_of from snapshot where id = ?", close.snapshot_id);
    expect(snapshot).toEqual({ hash: close.snapshot_hash, kind: "month_end", as_of: "2025-10-31" });
    expect(close.closed_by_name).toBe("Giulia Ferri");
    await expect(page.getByTestId("month-closed")).toContainText(close.snapshot_hash);

    // The month is locked: finance's ledger entry dated in it is refused, nothing is written.
    await signInAs(page, "finance", baseURL!);
    const entries = one<{ n: number }>("select count(*) as n from ledger_entry").n;
    await page.goto("/finance/ledger/new");
    await page.getByLabel("Linea di budget").selectOption({ label: "WP6-CAMP — Campagna di comunicazione FSE 2.0" });
    await page.getByLabel("Tipo", { exact: true }).selectOption("commitment");
    await page.getByLabel("Data", { exact: true }).fill("2025-10-20");
    await page.getByRole("textbox", { name: "Importo (€)" }).fill("1.500,00");
    await page.getByLabel("Fornitore").fill("Studio Comunicazione Pubblica S.r.l.");
    await page.getByLabel("Numero documento").fill("DET-CLOSED-1");
    await page.getByRole("button", { name: "Registra" }).click();
    await expect(page.getByText("Il 20/10/2025 cade in un mese già chiuso (dati bloccati fino a ottobre 2025): registrare la correzione con una data dal 01/11/2025 in poi.")).toBeVisible();
    expect(one<{ n: number }>("select count(*) as n from ledger_entry").n).toBe(entries);
  });

  test("the dashboard and the .ics show the reporting deadlines with their state", async ({ signedIn: page }) => {
    await page.goto("/");
    const panel = page.getByTestId("obligations-panel");
    await expect(panel).toContainText("Scadenze di rendicontazione");
    await expect(panel.locator('[data-obligation="regis-2025-11"]')).toContainText("Validazione ReGiS di novembre 2025");
    await expect(panel.locator('[data-obligation="regis-2025-11"] [data-obligation-state]')).toHaveText("Da fare");
    // No rendiconto can be recorded yet: the two-monthly reports before today are late.
    await expect(panel.locator('[data-obligation="report-2025-B4"] [data-obligation-state]')).toHaveText("In ritardo");
    await page.screenshot({ path: path.join(shots, "dashboard-obligations.png"), fullPage: true });
    await page.goto("/close");
    await expect(page.locator('tr[data-obligation="regis-2025-09"]')).toHaveAttribute("data-state", "done");
    await page.screenshot({ path: path.join(shots, "close-index.png"), fullPage: true });
    await expect(page.locator('tr[data-obligation="indicators-2025-06"]')).toHaveAttribute("data-state", "done");
    const ics = await page.request.get("/gantt.ics");
    const text = await ics.text();
    expect(text).toContain("SUMMARY:Validazione ReGiS di novembre 2025");
    expect(text).toContain("SUMMARY:Indicatori comuni luglio 2025 – dicembre 2025");
    expect(text).toMatch(/DTSTART;VALUE=DATE:20251220/);
  });
});
