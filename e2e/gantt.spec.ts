import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { e2eDb, expect, forgePost, test } from "./fixtures";
import { closePopup, DAY_PX, dragBar } from "./gantt-helpers";

/** Day view columns are 32 px wide (app/components/gantt/frappe.ts). */

function taskRow(code: string) {
  const db = e2eDb();
  try {
    return db.prepare("select id, start_date as startDate, end_date as endDate, version from task where code = ?").get(code) as {
      id: number;
      startDate: string;
      endDate: string;
      version: number;
    };
  } finally {
    db.close();
  }
}

function setTaskDates(code: string, startDate: string, endDate: string) {
  const db = e2eDb();
  try {
    db.prepare("update task set start_date = ?, end_date = ? where code = ?").run(startDate, endDate, code);
  } finally {
    db.close();
  }
}

/** A task of WP1 written straight into the database (what no form would let through). */
function insertTask(code: string, title: string, startDate: string, endDate: string, progress: number) {
  const db = e2eDb();
  try {
    const wp = db.prepare("select id from work_package where code = 'WP1'").get() as { id: number };
    const now = new Date().toISOString();
    db.prepare(
      "insert into task (work_package_id, code, title, owner, start_date, end_date, progress, status, version, created_at, updated_at) values (?, ?, ?, 'Test', ?, ?, ?, 'in_progress', 1, ?, ?)",
    ).run(wp.id, code, title, startDate, endDate, progress, now, now);
  } finally {
    db.close();
  }
}

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Waits until the chart on screen is the one drawn for the rows listed beside it. */
async function chartReady(page: Page) {
  await expect(async () => {
    const rows = await page.locator(".tg-gantt-name").count();
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-rows", String(rows), { timeout: 500 });
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1", { timeout: 500 });
  }).toPass();
}

async function openGantt(page: Page, view: string, search = "") {
  // Only on the first visit: a later choice in the page must survive reloads.
  await page.addInitScript((mode) => {
    if (!window.localStorage.getItem("traguardi.gantt.view")) window.localStorage.setItem("traguardi.gantt.view", mode);
  }, view);
  await page.goto("/gantt");
  await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
  if (search) {
    await page.getByLabel("Cerca per nome").fill(search);
    await expect(page.locator(`.tg-gantt-name[data-row^="t"]`).first()).toBeVisible();
    await chartReady(page);
  }
}

async function barX(page: Page, id: number) {
  return Number(await page.locator(`.bar-wrapper[data-id="t${id}"] .bar`).getAttribute("x"));
}

/** Drags a bar by whole days (plus a little under a column, which the chart's snapping drops). */
test.describe("Gantt as programme manager", () => {
  for (const { name, code, start, end, days } of [
    { name: "across the late-October clock change", code: "WP3.5", start: "2025-10-20", end: "2025-10-24", days: 5 },
    { name: "across the late-March clock change", code: "WP7.6", start: "2026-03-23", end: "2026-03-27", days: 4 },
    { name: "backwards across the March 2025 clock change", code: "WP4.4", start: "2025-03-31", end: "2025-04-04", days: -3 },
  ])
    test(`a drag moves a task by exactly N days ${name}`, async ({ signedIn: page }) => {
      setTaskDates(code, start, end);
      const before = taskRow(code);
      await openGantt(page, "Day", code);
      const x0 = await barX(page, before.id);
      await dragBar(page, before.id, days);
      await expect(page.getByTestId("gantt-notice")).toContainText("Modifica salvata");
      await page.reload();
      await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
      const after = taskRow(code);
      expect(after).toMatchObject({ startDate: shift(start, days), endDate: shift(end, days), version: before.version + 1 });
      // The bar is drawn where the saved dates say, exactly N columns from where it was.
      await page.getByLabel("Cerca per nome").fill(code);
      await expect(page.locator(`.tg-gantt-name[data-row="t${before.id}"]`)).toBeVisible();
      await chartReady(page);
      expect((await barX(page, before.id)) - x0).toBe(days * DAY_PX);
    });

  test("a move that pushes dependents shows the consequence first; accepting saves it and undo restores it", async ({ signedIn: page }) => {
    const moved = taskRow("WP2.6");
    const successor = taskRow("WP2.7");
    await openGantt(page, "Day", "WP2.6");
    await dragBar(page, moved.id, 10);
    const notice = page.getByTestId("gantt-notice");
    await expect(notice).toContainText("Conseguenze dello spostamento");
    await expect(notice).toContainText("sposta anche");
    // Nothing is saved before the manager accepts; the pushed item is named with its dates.
    expect(taskRow("WP2.6").version).toBe(moved.version);
    await expect(notice.getByTestId("gantt-shifts")).toContainText("WP2.7 Dismissione del repository regionale legacy: 02/03/2026 – 12/06/2026 → 10/03/2026 – 20/06/2026");
    await expect(notice.getByTestId("gantt-achieved")).toHaveCount(0);
    await notice.getByRole("button", { name: "Sposta e salva" }).click();
    await expect(notice).toContainText("Modifica salvata");
    expect(taskRow("WP2.6").startDate).toBe(shift(moved.startDate, 10));
    expect(taskRow("WP2.7").startDate > successor.startDate).toBe(true);

    await page.getByRole("button", { name: "Annulla ultima modifica" }).click();
    await expect(notice).toContainText("Modifica annullata");
    expect(taskRow("WP2.6")).toMatchObject({ startDate: moved.startDate, endDate: moved.endDate, version: moved.version + 2 });
    expect(taskRow("WP2.7")).toMatchObject({ startDate: successor.startDate, endDate: successor.endDate });
    await expect(page.getByRole("button", { name: "Annulla ultima modifica" })).toHaveCount(0);
  });

  test("cancelling the consequences saves nothing and puts the bar back; a stale bar gets a conflict message", async ({ signedIn: page }) => {
    const moved = taskRow("WP2.6");
    await openGantt(page, "Day", "WP2.6");
    const x0 = await barX(page, moved.id);
    await dragBar(page, moved.id, 5);
    const notice = page.getByTestId("gantt-notice");
    await expect(notice).toContainText("Conseguenze: sposta anche");
    await notice.getByRole("button", { name: "Annulla" }).click();
    await expect(notice).toHaveCount(0);
    await chartReady(page);
    expect(await barX(page, moved.id)).toBe(x0);
    expect(taskRow("WP2.6")).toEqual(moved);

    // Someone else saves the task meanwhile: this page still holds the old version.
    const db = e2eDb();
    db.prepare("update task set version = version + 1, updated_by_id = (select id from user where email = 'admin@traguardi.demo') where id = ?").run(moved.id);
    db.close();
    await dragBar(page, moved.id, 5);
    await expect(notice).toContainText("Conseguenze");
    await notice.getByRole("button", { name: "Sposta e salva" }).click();
    await expect(notice).toContainText("Modifica non salvata");
    await expect(notice).toContainText("Paolo Venturi");
    expect(taskRow("WP2.6")).toMatchObject({ startDate: moved.startDate, version: moved.version + 1 });
    await chartReady(page);
    expect(await barX(page, moved.id)).toBe(x0);
  });

  test("a task named with HTML renders as text, in the bar and in its popup", async ({ signedIn: page }) => {
    const name = "<img src=x onerror=alert(1)>";
    insertTask("WP1.X", name, "2025-11-03", "2025-11-28", 10);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await openGantt(page, "Week", "WP1.X");
    const label = page.locator(".bar-wrapper .bar-label", { hasText: "WP1.X" });
    await expect(label).toHaveText(`WP1.X ${name}`);
    await expect(page.locator(".tg-gantt-name", { hasText: "WP1.X" })).toContainText(name);
    await label.click();
    const popup = page.locator(".popup-wrapper");
    await expect(popup.locator(".title")).toHaveText(`WP1.X ${name}`);
    await expect(popup).toContainText("03/11/2025 – 28/11/2025");
    await expect(page.locator(".gantt-container img, .tg-gantt-frame img")).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  test("a task running to 2099 (the dates' bounds allow it) is drawn for its first ten years, read-only, its popup with the real dates", async ({ signedIn: page }) => {
    insertTask("WP1.LONG", "Manutenzione evolutiva", "2025-11-03", "2099-12-31", 0);
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    try {
      await openGantt(page, "Year", "WP1.LONG");
      const wrapper = page.locator(".bar-wrapper", { has: page.locator(".bar-label", { hasText: "WP1.LONG" }) });
      await expect(wrapper).toHaveClass(/tg-clipped/);
      await expect(wrapper).toHaveClass(/tg-locked/);
      // Ten years of bar: from November 2025 to November 2035 on the year axis.
      const bar = wrapper.locator(".bar");
      const year = async (text: string) => (await page.locator(".lower-text", { hasText: new RegExp(`^${text}$`) }).first().boundingBox())!;
      const [y2025, y2035, y2036] = [await year("2025"), await year("2035"), await year("2036")];
      let box = (await bar.boundingBox())!;
      expect(box.x).toBeGreaterThan(y2025.x - 60);
      expect(box.x + box.width).toBeGreaterThan(y2035.x);
      expect(box.x + box.width).toBeLessThan(y2036.x);
      await bar.click({ position: { x: 10, y: box.height / 2 } });
      const popup = page.locator(".popup-wrapper");
      await expect(popup).toContainText("03/11/2025 – 31/12/2099");
      await expect(popup).toContainText("solo i primi 10 anni");
      expect(errors.filter((text) => /too long|ten years/.test(text))).toEqual([]);
      // Read-only: a drag (earlier, which would be a valid move) puts it back and saves nothing.
      await closePopup(page);
      box = (await bar.boundingBox())!;
      const x = Number(await bar.getAttribute("x"));
      await page.mouse.move(box.x + 30, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x - 30, box.y + box.height / 2, { steps: 5 });
      await expect.poll(async () => Number(await bar.getAttribute("x"))).toBeLessThan(x);
      await page.mouse.up();
      await expect.poll(async () => Number(await bar.getAttribute("x"))).toBe(x);
      // A save would have been sent at mouseup: give it time to land, then the row is as it was.
      await page.waitForTimeout(1500);
      await expect(page.getByTestId("gantt-notice").filter({ hasText: "Modifica salvata" })).toHaveCount(0);
      const check = e2eDb();
      try {
        expect(check.prepare("select start_date as startDate, end_date as endDate, version from task where code = 'WP1.LONG'").get()).toEqual({ startDate: "2025-11-03", endDate: "2099-12-31", version: 1 });
      } finally {
        check.close();
      }
    } finally {
      const cleanup = e2eDb();
      try {
        cleanup.prepare("delete from task where code = 'WP1.LONG'").run();
      } finally {
        cleanup.close();
      }
    }
  });

  test("the chart shows gates, today and the critical path (screenshot)", async ({ signedIn: page }) => {
    await openGantt(page, "Month");
    await page.getByRole("button", { name: "Espandi tutto" }).click();
    await expect(page.locator(".tg-gantt-name:not(.tg-gantt-name-summary)").first()).toBeVisible();
    await chartReady(page);
    await expect(page.locator('[data-testid="gate-line-G1"]')).toContainText("31/12/2025");
    await expect(page.locator('[data-testid="gate-line-G2"]')).toContainText("30/06/2026");
    await expect(page.locator('[data-testid="today-line"]')).toContainText("Oggi 14/11/2025");
    const critical = page.locator(".bar-wrapper.tg-critical");
    expect(await critical.count()).toBeGreaterThan(0);
    // Critical links are drawn in the critical colour (WP2.8 drives the milestone WP2.M2).
    await expect(page.locator(".arrow path.tg-critical-arrow").first()).toBeAttached();
    expect(await page.locator(".arrow path.tg-critical-arrow").count()).toBeLessThan(await page.locator(".arrow path").count());
    // Milestones are diamonds: their bar is rotated.
    const diamond = await page.locator(".bar-wrapper.tg-milestone .bar").first().evaluate((el) => getComputedStyle(el).transform);
    expect(diamond).not.toBe("none");
    // The chart's today and gate lines sit where the chart puts those dates: G1 after today.
    const todayX = await page.locator('[data-testid="today-line"]').evaluate((el) => el.getBoundingClientRect().x);
    const gateX = await page.locator('[data-testid="gate-line-G1"]').evaluate((el) => el.getBoundingClientRect().x);
    expect(gateX).toBeGreaterThan(todayX);
    // The view mode is remembered; the quarter view shows both gates and the critical path at once.
    await page.getByLabel("Vista").selectOption("Quarter");
    await page.reload();
    await expect(page.getByLabel("Vista")).toHaveValue("Quarter");
    await chartReady(page);
    await expect(page.locator(".lower-text", { hasText: "T4 2025" })).toBeVisible();
    // Open the two packages the critical path runs through (WP1 stays collapsed above them).
    await page.getByRole("button", { name: "Comprimi tutto" }).click();
    await expect(page.locator(".tg-gantt-name:not(.tg-gantt-name-summary)")).toHaveCount(0);
    for (const code of ["WP2", "WP7"]) {
      const toggle = page.getByRole("button", { name: new RegExp(`^${code} `) });
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
    }
    await chartReady(page);
    await expect(page.locator(".tg-gantt-name-critical").first()).toBeVisible();
    await page.locator(".tg-gantt-scroll").evaluate((el) => el.scrollTo(0, 0));
    await page.locator(".tg-gantt-scroll").screenshot({ path: "e2e/.tmp/gantt-overview.png" });

    await page.locator("label[for=gantt-critical]").click();
    await expect(page.getByLabel("Solo percorso critico")).toBeChecked();
    await expect(page.locator(".tg-gantt-name:not(.tg-gantt-name-summary):not(.tg-gantt-name-critical)")).toHaveCount(0);
    await chartReady(page);
    expect(await page.locator(".tg-gantt-name-critical").count()).toBe(await page.locator(".bar-wrapper.tg-critical").count());
    // Every critical item has no slack.
    for (const slack of await page.locator(".tg-gantt-name-critical .tg-gantt-slack").allTextContents()) expect(slack).toBe("0 gg");
    await page.screenshot({ path: "e2e/.tmp/gantt-critical.png", fullPage: true });
  });

  test("in English the chart's own labels are translated", async ({ signedIn: page }) => {
    await page.goto("/gantt");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Schedule (Gantt)" })).toBeVisible();
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await expect(page.locator('[data-testid="today-line"]')).toContainText("Today 14/11/2025");
    await page.getByLabel("View").selectOption("Month");
    await expect(page.locator(".lower-text", { hasText: "November" }).first()).toBeVisible();
    await page.getByRole("button", { name: "IT", exact: true }).click();
    await expect(page.locator(".lower-text", { hasText: "Novembre" }).first()).toBeVisible();
  });

  test("dragging the progress handle saves the new progress, and 100% completes the task", async ({ signedIn: page }) => {
    setTaskDates("WP7.6", "2026-03-02", "2026-03-13");
    const before = taskRow("WP7.6");
    const db = e2eDb();
    const progressOf = () => {
      const handle = e2eDb();
      try {
        return handle.prepare("select progress, status from task where code = 'WP7.6'").get() as { progress: number; status: string };
      } finally {
        handle.close();
      }
    };
    db.prepare("update task set progress = 20, status = 'in_progress' where code = 'WP7.6'").run();
    db.close();
    await openGantt(page, "Day", "WP7.6");
    const handle = page.locator(`.bar-wrapper[data-id="t${before.id}"] .handle.progress`);
    await handle.scrollIntoViewIfNeeded();
    const bar = (await page.locator(`.bar-wrapper[data-id="t${before.id}"] .bar`).boundingBox())!;
    const start = (await handle.boundingBox())!;
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    // Release over the chart (the library listens for mouseup on its SVG), past the bar's end.
    await page.mouse.move(bar.x + bar.width + 20, start.y + start.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByTestId("gantt-notice")).toContainText("Modifica salvata");
    expect(progressOf()).toEqual({ progress: 100, status: "completed" });
    expect(taskRow("WP7.6")).toMatchObject({ startDate: before.startDate, endDate: before.endDate });
  });

  test("exports the chart as PNG and PDF: a readable picture, a paged vector PDF under 1 MB with findable text", async ({ signedIn: page }) => {
    await openGantt(page, "Quarter");
    // Every work package open: the demo's ~70 rows, more than one A3 page holds.
    await page.getByRole("button", { name: "Espandi tutto" }).click();
    await expect(page.locator('.tg-gantt-name[data-row^="t"]').first()).toBeVisible();
    await chartReady(page);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Grafico PNG" }).click()]);
    expect(png.suggestedFilename()).toMatch(/^traguardi-gantt-.*\.png$/);
    const pngBytes = Buffer.concat(await (await png.createReadStream()).toArray());
    expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
    // Width and height from the IHDR chunk: drawn at 2 px per point, not shrunk to fit a canvas.
    const [pngWidth, pngHeight] = [pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)];
    expect(pngWidth).toBeGreaterThan(4000);
    expect(pngHeight).toBeGreaterThan(70 * 16 * 2);
    fs.mkdirSync("e2e/.tmp", { recursive: true });
    fs.writeFileSync("e2e/.tmp/gantt-export.png", pngBytes);

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Grafico PDF" }).click()]);
    const pdfBytes = Buffer.concat(await (await pdf.createReadStream()).toArray());
    expect(pdfBytes.subarray(0, 4).toString()).toBe("%PDF");
    expect(pdfBytes.length).toBeLessThan(1_000_000);
    const file = "e2e/.tmp/gantt-export.pdf";
    fs.writeFileSync(file, pdfBytes);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(info).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+ pts/);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const words of ["WP1.3", "WP7.6", "G2 · 30/06/2026", "Oggi 14/11/2025", "Gennaio", "Settembre", "2026", "Cronoprogramma (Gantt)", `Pagina ${pages} di ${pages}`])
      expect(text, words).toContain(words);
    // The names column and the month header on every page.
    const perPage = text.split("\f").filter((pageText) => pageText.trim());
    expect(perPage).toHaveLength(pages);
    for (const pageText of perPage) {
      expect(pageText).toContain("Nome");
      expect(pageText).toMatch(/WP\d/);
      expect(pageText).toMatch(/Gennaio|Febbraio|Marzo|Aprile|Maggio|Giugno|Luglio|Agosto|Settembre|Ottobre|Novembre|Dicembre/);
    }
    // Pages rendered at 60 dpi, to look at (e2e/.tmp/gantt-export-*.png).
    execFileSync("pdftoppm", ["-png", "-r", "60", file, "e2e/.tmp/gantt-export"]);
  });

  test("exports the plan as CSV and the gates and milestones as a calendar", async ({ signedIn: page }) => {
    await page.goto("/gantt");
    const csv = await page.request.get("/gantt.csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Work package;Tipo;Codice;Titolo");
    expect(text).toMatch(/WP2;Attività;WP2\.7;[^\n]*;02\/03\/2026;12\/06\/2026;/);
    const ics = await page.request.get("/gantt.ics");
    const calendar = await ics.text();
    expect(calendar).toContain("BEGIN:VCALENDAR");
    expect(calendar).toContain("DTSTART;VALUE=DATE:20251231");
    expect(calendar).toContain("M6C2-12");
  });
});

test.describe("Gantt as auditor", () => {
  test.use({ role: "auditor" });

  test("nothing can be dragged, and a forged reschedule or undo is refused with 403", async ({ signedIn: page }) => {
    const task = taskRow("WP3.5");
    await openGantt(page, "Day", "WP3.5");
    await expect(page.getByTestId("gantt-mode")).toContainText("Sola lettura");
    await expect(page.locator(".gantt .handle")).toHaveCount(0);
    const x0 = await barX(page, task.id);
    await dragBar(page, task.id, 3);
    expect(await barX(page, task.id)).toBe(x0);
    await expect(page.getByTestId("gantt-notice")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Annulla ultima modifica" })).toHaveCount(0);

    const forged = await forgePost(page, "/gantt", {
      intent: "reschedule",
      key: `t${task.id}`,
      version: String(task.version),
      startDate: shift(task.startDate, 3),
      endDate: shift(task.endDate, 3),
      confirm: "1",
    });
    expect(forged.status()).toBe(403);
    expect((await forgePost(page, "/gantt", { intent: "undo", changeId: "1" })).status()).toBe(403);
    expect(taskRow("WP3.5")).toEqual(task);
  });
});
