import { execFileSync } from "node:child_process";
import { tamperWith } from "../db/tamper";
import fs from "node:fs";
import path from "node:path";
import { e2eDb, expect, forgePost, signInAs, test } from "./fixtures";

/**
 * Snapshots as the auditor meets them: a manager freezes the programme, the live plan moves on,
 * and the older snapshot still shows the old figures; the comparison names the moved milestone;
 * the evidence pack carries the hash.
 */

interface MilestoneRow {
  id: number;
  workPackageId: number;
  code: string;
  title: string;
  dueDate: string;
  achievedDate: string | null;
  euCode: string | null;
  gateId: number;
  version: number;
}

function milestone(code: string): MilestoneRow {
  const db = e2eDb();
  try {
    return db
      .prepare(
        "select id, work_package_id as workPackageId, code, title, due_date as dueDate, achieved_date as achievedDate, eu_code as euCode, gate_id as gateId, version from milestone where code = ?",
      )
      .get(code) as MilestoneRow;
  } finally {
    db.close();
  }
}

function snapshotRow(id: number) {
  const db = e2eDb();
  try {
    return db.prepare("select id, label, hash, as_of as asOf from snapshot where id = ?").get(id) as { id: number; label: string; hash: string; asOf: string };
  } finally {
    db.close();
  }
}

const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("/");

function addDays(iso: string, days: number) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const shots = path.resolve("e2e/.tmp/screenshots");

test.describe("snapshots", () => {
  test.use({ role: "manager" });

  test("an auditor sees an older snapshot frozen, the moved milestone in the comparison, and the hash in the PDF", async ({ signedIn: page, browser, baseURL }) => {
    test.setTimeout(120_000);
    fs.mkdirSync(shots, { recursive: true });
    const before = milestone("WP3.M2");

    // The manager freezes the programme.
    await page.goto("/snapshots");
    await page.getByLabel("Etichetta").fill("Prima dello slittamento");
    await page.getByRole("button", { name: "Scatta istantanea" }).click();
    await expect(page).toHaveURL(/\/snapshots\/\d+$/);
    await expect(page.getByTestId("frozen-banner")).toContainText("istantanea congelata");
    const olderId = Number(new URL(page.url()).pathname.split("/").pop());

    // The live plan moves on: the milestone slips by 7 days.
    const moved = addDays(before.dueDate, 7);
    const reply = await forgePost(page, `/milestones/${before.id}`, {
      version: String(before.version),
      workPackageId: String(before.workPackageId),
      code: before.code,
      title: before.title,
      dueDate: moved,
      achievedDate: before.achievedDate ?? "",
      euCode: before.euCode ?? "",
      gateId: String(before.gateId),
    });
    expect(reply.status()).toBe(302);
    expect(milestone("WP3.M2").dueDate).toBe(moved);
    await page.goto("/");
    await expect(page.getByTestId("gate-G2").getByTestId("gate-item-WP3.M2")).toContainText(ddmmyyyy(moved));

    // And a second snapshot records the new state.
    await page.goto("/snapshots");
    await page.getByLabel("Etichetta").fill("Dopo lo slittamento");
    await page.getByRole("button", { name: "Scatta istantanea" }).click();
    await expect(page).toHaveURL(/\/snapshots\/\d+$/);
    const newerId = Number(new URL(page.url()).pathname.split("/").pop());
    expect(newerId).toBeGreaterThan(olderId);
    const older = snapshotRow(olderId);

    // The auditor, in a separate session.
    const auditorContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "it-IT", timezoneId: "Europe/Rome" });
    const auditor = await auditorContext.newPage();
    await signInAs(auditor, "auditor", baseURL!);
    await auditor.goto("/snapshots");
    await expect(auditor.getByTestId(`snapshot-row-${olderId}`)).toContainText("Prima dello slittamento");
    await expect(auditor.getByRole("button", { name: "Scatta istantanea" })).toHaveCount(0);
    await auditor.getByRole("link", { name: "Prima dello slittamento" }).click();
    await expect(auditor).toHaveURL(new RegExp(`/snapshots/${olderId}$`));
    const banner = auditor.getByTestId("frozen-banner");
    await expect(banner).toContainText(`Vista al ${ddmmyyyy(older.asOf)} — istantanea congelata`);
    await expect(auditor.getByTestId("snapshot-hash")).toHaveText(older.hash);
    await expect(auditor.getByTestId("hash-verified")).toBeVisible();
    // Frozen numbers: the old due date, although the live plan now says otherwise.
    await expect(auditor.getByTestId("frozen-gate-G2").getByTestId("frozen-item-WP3.M2").getByTestId("item-date")).toHaveText(ddmmyyyy(before.dueDate));
    await expect(auditor.getByRole("button", { name: "Salva" })).toHaveCount(0);

    // The other as-of views render from the same frozen content, each under the banner.
    const views = auditor.getByRole("navigation", { name: "Viste alla data" });
    await views.getByRole("link", { name: "Spesa e budget" }).click();
    await expect(auditor.getByTestId("frozen-banner")).toContainText("istantanea congelata");
    await expect(auditor.getByTestId("frozen-spend-by-wp")).toContainText("Totale");
    await expect(auditor.getByTestId("frozen-spend-by-wp")).toContainText("€ ");
    await views.getByRole("link", { name: "Indicatori" }).click();
    await expect(auditor.getByTestId("frozen-indicators").locator("tbody tr").first()).toBeVisible();
    await views.getByRole("link", { name: "Formazione" }).click();
    await expect(auditor.getByTestId("frozen-training")).toContainText("Totale programma");
    await views.getByRole("link", { name: "Cronoprogramma" }).click();
    await expect(auditor.locator('.tg-bar[data-code="WP3.M2"]')).toHaveCount(1);

    // The comparison names the moved milestone and its days.
    await auditor.goto(`/snapshots/compare?a=${olderId}&b=${newerId}`);
    const movedRow = auditor.getByTestId("moved-WP3.M2");
    await expect(movedRow).toContainText(ddmmyyyy(before.dueDate));
    await expect(movedRow).toContainText(ddmmyyyy(moved));
    await expect(movedRow.getByTestId("moved-days")).toHaveText("+7 giorni");
    await expect(auditor.getByTestId("diff-moved")).toContainText("1");
    // Ghost baseline bars sit under the current bars; the moved milestone is drawn in red.
    await expect(auditor.locator('.tg-bar-baseline[data-code="WP3.M2"]')).toHaveCount(1);
    await expect(auditor.locator('.tg-bar-moved[data-code="WP3.M2"]')).toHaveCount(1);
    const ghost = await auditor.locator('.tg-bar-baseline[data-code="WP3.M2"]').boundingBox();
    const current = await auditor.locator('.tg-bar-moved[data-code="WP3.M2"]').boundingBox();
    expect(current!.x).toBeGreaterThan(ghost!.x);
    await auditor.screenshot({ path: path.join(shots, "snapshot-compare.png"), fullPage: true });
    await auditor.locator("section", { has: auditor.locator("#baseline-chart") }).screenshot({ path: path.join(shots, "snapshot-baseline-bars.png") });
    await auditor.getByRole("link", { name: "Mostra solo gli elementi spostati" }).click();
    await expect(auditor.locator(".tg-bar-moved")).toHaveCount(1);
    await expect(auditor.locator('.tg-bar[data-code="WP3.1"]')).toHaveCount(0);
    await auditor.locator("section", { has: auditor.locator("#baseline-chart") }).screenshot({ path: path.join(shots, "snapshot-baseline-moved.png") });

    // Against now, the same difference (nothing moved since the second snapshot).
    await auditor.goto(`/snapshots/compare?a=${olderId}&b=now`);
    await expect(auditor.getByTestId("moved-WP3.M2").getByTestId("moved-days")).toHaveText("+7 giorni");

    // The evidence pack: a multi-page PDF with the hash in its text.
    await auditor.goto(`/snapshots/${olderId}`);
    const [download] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("link", { name: /Pacchetto di evidenze/ }).click()]);
    const pdfFile = path.join(shots, `snapshot-${olderId}.pdf`);
    await download.saveAs(pdfFile);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfFile]).toString())?.[1]);
    expect(pages).toBeGreaterThan(1);
    const text = execFileSync("pdftotext", [pdfFile, "-"]).toString();
    expect(text).toContain(older.hash);
    expect(text).toContain("Pacchetto di evidenze");

    // And the CSV archive downloads too.
    const [zip] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("link", { name: /Dati in CSV/ }).click()]);
    expect(zip.suggestedFilename()).toBe(`traguardi-istantanea-${olderId}-${older.asOf}.zip`);
    await auditorContext.close();
  });

  test("an unknown snapshot is a 404, page and downloads alike", async ({ signedIn: page }) => {
    for (const url of ["/snapshots/999999", "/snapshots/999999/gantt", "/snapshots/999999/pdf", "/snapshots/999999/csv.zip", "/snapshots/compare?a=999999&b=now"]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(404);
    }
  });

  test("a snapshot without a label is refused with an Italian message, and nothing is written", async ({ signedIn: page }) => {
    const count = () => {
      const db = e2eDb();
      try {
        return (db.prepare("select (select count(*) from snapshot) + (select count(*) from audit_log) as n").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = count();
    await page.goto("/snapshots");
    const reply = await forgePost(page, "/snapshots", { label: "   " });
    expect(reply.status()).toBe(400);
    expect(await reply.text()).toContain("Indicare un'etichetta per l'istantanea.");
    expect(count()).toBe(before);
  });

  test("the audit-chain check is available to auditors and finds a record altered in SQLite", async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, "auditor", baseURL!);
    await page.goto("/audit/verify");
    await page.getByTestId("audit-verify-run").click();
    await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("audit-verify-result")).toContainText("Catena integra");

    // A record rewritten directly in SQLite breaks the chain at that record; put back, it verifies again.
    const db = e2eDb();
    const target = db.prepare("select id, entity_label as label from audit_log order by id desc limit 1 offset 2").get() as { id: number; label: string | null };
    try {
      tamperWith(db, "audit_log", () => db.prepare("update audit_log set entity_label = 'Riscritto di nascosto' where id = ?").run(target.id));
      await page.getByTestId("audit-verify-run").click();
      await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "false");
      await expect(page.getByTestId("audit-verify-result")).toContainText(`Catena interrotta alla registrazione n. ${target.id}`);
    } finally {
      tamperWith(db, "audit_log", () => db.prepare("update audit_log set entity_label = ? where id = ?").run(target.label, target.id));
      db.close();
    }
    await page.getByTestId("audit-verify-run").click();
    await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");
    await context.close();
  });
});
