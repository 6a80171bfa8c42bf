import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { e2eDb, expect, test } from "./fixtures";

/** Day view columns are 32 px wide (app/components/gantt/frappe.ts). */
const DAY_PX = 32;
const shots = path.resolve("e2e/.tmp/screenshots");

function taskRow(code: string) {
  const db = e2eDb();
  try {
    return db.prepare("select id, work_package_id as workPackageId, start_date as startDate, end_date as endDate, version from task where code = ?").get(code) as {
      id: number;
      workPackageId: number;
      startDate: string;
      endDate: string;
      version: number;
    };
  } finally {
    db.close();
  }
}

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function chartReady(page: Page) {
  await expect(async () => {
    const rows = await page.locator(".tg-gantt-name").count();
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-rows", String(rows), { timeout: 500 });
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1", { timeout: 500 });
  }).toPass();
}

async function rectBox(page: Page, selector: string) {
  const rect = page.locator(selector);
  await expect(rect).toHaveCount(1);
  return { x: Number(await rect.getAttribute("x")), width: Number(await rect.getAttribute("width")) };
}

/** A point on a bar inside the chart's visible area (bars can be months long, wider than the view). */
async function visiblePoint(page: Page, rowId: string): Promise<[number, number]> {
  const bar = page.locator(`.bar-wrapper[data-id="${rowId}"] .bar`);
  await bar.scrollIntoViewIfNeeded();
  const box = (await bar.boundingBox())!;
  const host = (await page.locator(".gantt-container").boundingBox())!;
  const left = Math.max(box.x, host.x);
  const right = Math.min(box.x + box.width, host.x + host.width);
  return [(left + right) / 2, box.y + box.height / 2];
}

test.describe("Gantt baseline", () => {
  test.use({ role: "manager" });

  test("ghost bars show where tasks stood in a snapshot: a moved task's ghost sits at its old dates, an unmoved one under its bar", async ({ signedIn: page }) => {
    test.setTimeout(90_000);
    fs.mkdirSync(shots, { recursive: true });
    const moved = taskRow("WP6.4");
    const still = taskRow("WP6.3");
    const days = -3;

    // The manager freezes the plan.
    await page.goto("/snapshots");
    await page.getByLabel("Etichetta").fill("Baseline del Gantt");
    await page.getByRole("button", { name: "Scatta istantanea" }).click();
    await expect(page).toHaveURL(/\/snapshots\/\d+$/);
    const snapshotId = Number(new URL(page.url()).pathname.split("/").pop());

    // Then drags WP6.4 three days earlier in the Day view (nothing follows it backwards).
    await page.addInitScript(() => window.localStorage.setItem("traguardi.gantt.view", "Day"));
    await page.goto(`/gantt?q=WP6.4`);
    await chartReady(page);
    const [x, y] = await visiblePoint(page, `t${moved.id}`);
    await page.mouse.move(x, y);
    await page.mouse.down();
    const dx = days * DAY_PX - 10;
    await page.mouse.move(x + dx / 2, y, { steps: 5 });
    await page.mouse.move(x + dx, y, { steps: 5 });
    await page.mouse.up();
    const notice = page.getByTestId("gantt-notice");
    await expect(notice).toContainText(/Modifica salvata|Conseguenze/);
    if (await notice.getByRole("button", { name: "Sposta e salva" }).isVisible()) await notice.getByRole("button", { name: "Sposta e salva" }).click();
    await expect(notice).toContainText("Modifica salvata");
    expect(taskRow("WP6.4")).toMatchObject({ startDate: shift(moved.startDate, days), endDate: shift(moved.endDate, days) });
    expect(taskRow("WP6.3")).toMatchObject({ startDate: still.startDate, endDate: still.endDate });

    // The chart with the snapshot as baseline, WP6 opened.
    await page.goto(`/gantt?baseline=${snapshotId}`);
    await chartReady(page);
    await expect(page.getByLabel("Confronta con istantanea")).toHaveValue(String(snapshotId));
    await expect(page.getByTestId("gantt-baseline-legend")).toHaveText("Baseline: Baseline del Gantt del 14/11/2025");
    await page.locator(`.tg-gantt-name[data-row="wp${moved.workPackageId}"]`).getByRole("button").click();
    await expect(page).toHaveURL(new RegExp(`baseline=${snapshotId}`));
    await expect(page).toHaveURL(new RegExp(`open=${moved.workPackageId}`));
    await expect(page.locator(`.tg-gantt-name[data-row="t${moved.id}"]`)).toBeVisible();
    await chartReady(page);

    // Moved: the ghost is where the bar was, |days| × 32 px away, same length.
    const movedBar = await rectBox(page, `.bar-wrapper[data-id="t${moved.id}"] .bar`);
    const movedGhost = await rectBox(page, `[data-testid="ghost-t${moved.id}"]`);
    expect(Math.abs(movedBar.x - movedGhost.x - days * DAY_PX)).toBeLessThanOrEqual(1);
    expect(Math.abs(movedBar.width - movedGhost.width)).toBeLessThanOrEqual(1);
    await expect(page.getByTestId(`ghost-t${moved.id}`)).toHaveAttribute("data-shift", String(days));
    // Unmoved: the ghost lines up with the bar.
    const stillBar = await rectBox(page, `.bar-wrapper[data-id="t${still.id}"] .bar`);
    const stillGhost = await rectBox(page, `[data-testid="ghost-t${still.id}"]`);
    expect(Math.abs(stillBar.x - stillGhost.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(stillBar.width - stillGhost.width)).toBeLessThanOrEqual(1);
    // The work package's summary row has its ghost too; the ghosts sit under the bars.
    await expect(page.getByTestId(`ghost-wp${moved.workPackageId}`)).toHaveCount(1);
    expect(await page.locator("svg.gantt > g.tg-baseline + g.arrow").count()).toBe(1);

    // The popup tells the baseline dates and the shift.
    await page.mouse.click(...(await visiblePoint(page, `t${moved.id}`)));
    await expect(page.locator(".popup-wrapper")).toContainText("Baseline");
    await expect(page.locator(".popup-wrapper")).toContainText("−3 gg");

    // A click on an empty stretch of a row closes the popup.
    const chartBox = (await page.locator(".gantt-container").boundingBox())!;
    const stillName = (await page.locator(`.tg-gantt-name[data-row="t${still.id}"]`).boundingBox())!;
    await page.mouse.click(chartBox.x + 60, stillName.y + stillName.height / 2);
    await expect(page.locator(".popup-wrapper")).toBeHidden();
    // Where the moved task starts: its ghost three days later than the bar.
    await page.locator(".gantt-container").evaluate((element, left) => (element.scrollLeft = left), movedGhost.x - 250);
    await page.locator(".tg-gantt-scroll").screenshot({ path: path.join(shots, "gantt-baseline.png") });

    // Choosing "Nessuna" removes the ghosts and the parameter, keeping the opened package.
    await page.getByLabel("Confronta con istantanea").selectOption("");
    await expect(page).not.toHaveURL(/baseline=/);
    await chartReady(page);
    await expect(page.locator(".tg-ghost")).toHaveCount(0);
    await expect(page.locator(`.tg-gantt-name[data-row="t${moved.id}"]`)).toBeVisible();

    // The comparison links here with the older snapshot as baseline.
    await page.goto(`/snapshots/compare?a=${snapshotId}&b=now`);
    await page.getByRole("link", { name: "Apri nel Gantt con questa baseline" }).click();
    await expect(page).toHaveURL(new RegExp(`/gantt\\?baseline=${snapshotId}$`));
    await expect(page.getByTestId("gantt-baseline-legend")).toContainText("Baseline del Gantt");
  });

  test("an unknown baseline says so and draws the chart without ghosts", async ({ signedIn: page }) => {
    await page.goto("/gantt?baseline=999999");
    await expect(page.getByText("L'istantanea indicata come baseline non esiste")).toBeVisible();
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await expect(page.locator(".tg-ghost")).toHaveCount(0);
  });

  test("the plan CSV names training-wave rows in Italian", async ({ signedIn: page }) => {
    const reply = await page.request.get("/gantt.csv");
    expect(reply.status()).toBe(200);
    const csv = await reply.text();
    expect(csv).toContain(";Edizione formativa;");
    expect(csv).not.toContain(";training;");
  });
});
