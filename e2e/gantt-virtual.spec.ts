import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { buildProgramme } from "../bench/big-plan";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { closePopup } from "./gantt-helpers";

/**
 * The expanded 5,000-task plan draws only the rows in view (virtual rows). A bar dragged after
 * scrolling far down lands on the task of the row it stands in. The plan lives in a database of
 * its own (built like bench:gantt's), served by a second server from the suite's build, so the
 * demo programme the other specs use is untouched.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
const workDir = path.resolve(process.env.E2E_WORK_DIR ?? `e2e/.tmp/${port}`);
const file = path.join(workDir, "big-plan.db");
const DAY_PX = 32;

let server: ChildProcess | null = null;
let base = "";
let sessionId = "";

async function freePort() {
  return new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.mkdirSync(workDir, { recursive: true });
  ({ sessionId } = buildProgramme(file, 5_000, 300, 50));
  const bigPort = await freePort();
  base = `http://localhost:${bigPort}`;
  const buildDir = path.join(workDir, "build");
  server = spawn(process.execPath, [path.resolve("node_modules/@remix-run/serve/dist/cli.js"), path.join(buildDir, "index.js")], {
    env: { ...process.env, DATABASE_PATH: file, PORT: String(bigPort), SESSION_SECRET: process.env.E2E_SESSION_SECRET, COOKIE_SECURE: "false", NODE_ENV: "production", TRAGUARDI_TODAY: "2025-11-14", TRAGUARDI_BUILD_DIR: buildDir },
    stdio: "ignore",
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/healthcheck`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (attempt > 300) throw new Error("the big-plan server did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

test.afterAll(() => {
  server?.kill();
});

function task(id: number) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("select id, code, start_date as startDate, end_date as endDate from task where id = ?").get(id) as { id: number; code: string; startDate: string; endDate: string };
  } finally {
    db.close();
  }
}

/** The big plan's Gantt, every package open, in the Day view, signed in as its manager. */
async function openBigPlan(page: Page) {
  const value = (await createCookie("traguardi_session", { secrets: [process.env.E2E_SESSION_SECRET!] }).serialize(sessionId)).split(";")[0].split("=").slice(1).join("=");
  await page.context().addCookies([{ name: "traguardi_session", value, url: base, httpOnly: true, sameSite: "Lax" }]);
  await page.addInitScript(() => window.localStorage.setItem("traguardi.gantt.view", "Day"));
  await page.goto(`${base}/gantt?open=all`);
  const host = page.getByTestId("gantt-host");
  await expect(host).toHaveAttribute("data-ready", "1", { timeout: 120_000 });
  return host;
}

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("a bar dragged far down the expanded 5,000-task plan moves its own task", async ({ page }) => {
  test.setTimeout(180_000);
  const host = await openBigPlan(page);
  expect(Number(await host.getAttribute("data-rows"))).toBe(5_000 + 300 + 50);
  // Only the rows around the view are in the page.
  expect(await page.locator(".tg-gantt-name").count()).toBeLessThan(200);
  expect(await page.locator(".bar-wrapper").count()).toBeLessThan(400);

  // Far down: four fifths of the way.
  const scroller = page.locator(".tg-gantt-scroll");
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.8));
  // A task row in the middle of the view, one with no successor (WPn.…5), so nothing else moves.
  let rowId: string | null = null;
  await expect
    .poll(
      async () =>
        (rowId = await page.evaluate(() => {
          const box = document.querySelector(".tg-gantt-scroll")!.getBoundingClientRect();
          const rows = [...document.querySelectorAll<HTMLElement>('.tg-gantt-name[data-row^="t"]')].filter((row) => {
            const r = row.getBoundingClientRect();
            return r.top > box.top + 150 && r.bottom < box.bottom - 60;
          });
          return rows.find((r) => /\.\d*5 /.test(r.textContent ?? ""))?.dataset.row ?? null;
        })),
      { timeout: 20_000 },
    )
    .not.toBeNull();
  if (!rowId) throw new Error("no row");
  const id = Number((rowId as string).slice(1));
  const before = task(id);
  const nameRow = page.locator(`.tg-gantt-name[data-row="${rowId}"]`);
  expect(before.code).toMatch(/^WP(\d+)\.\d*5$/);
  expect(Number(/^WP(\d+)/.exec(before.code)![1])).toBeGreaterThan(35);
  await expect(nameRow).toContainText(before.code);

  // Its bar stands in the same row as its name.
  const bar = page.locator(`.bar-wrapper[data-id="${rowId}"] .bar`);
  // "instant": the page scrolls smoothly (Bootstrap Italia's `scroll-behavior: smooth` on :root),
  // and boxes read during that scroll are taken at different moments (CI once read 8 px apart).
  await bar.evaluate((el) => el.scrollIntoView({ block: "nearest", inline: "center", behavior: "instant" }));
  await expect(nameRow).toBeInViewport();
  // Both boxes from one layout, once nothing moves between two frames.
  const boxes = () =>
    page.evaluate(async (id) => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const rect = (selector: string) => {
        const { x, y, width, height } = document.querySelector(selector)!.getBoundingClientRect();
        return { x, y, width, height };
      };
      return { name: rect(`.tg-gantt-name[data-row="${id}"]`), bar: rect(`.bar-wrapper[data-id="${id}"] .bar`), scrollY: window.scrollY };
    }, rowId);
  let settled = await boxes();
  await expect
    .poll(async () => {
      const previous = settled;
      settled = await boxes();
      return JSON.stringify(previous) === JSON.stringify(settled);
    })
    .toBe(true);
  const { name: nameBox, bar: barBox } = settled;
  expect(Math.abs(barBox.y + barBox.height / 2 - (nameBox.y + nameBox.height / 2))).toBeLessThan(3);

  // Drag it 4 days later.
  const days = 4;
  // A point of the bar inside the chart's visible part (a long bar may start off screen).
  const chartBox = (await page.locator(".gantt-container").boundingBox())!;
  const x = Math.max(barBox.x, chartBox.x) + 20;
  expect(x + days * DAY_PX + 10).toBeLessThan(Math.min(chartBox.x + chartBox.width, barBox.x + barBox.width + days * DAY_PX));
  const y = barBox.y + barBox.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (days * DAY_PX) / 2, y, { steps: 5 });
  await page.mouse.move(x + days * DAY_PX + 10, y, { steps: 5 });
  await page.mouse.up();
  const notice = page.getByTestId("gantt-notice");
  await expect(notice).toContainText(/Modifica salvata|Conseguenze/, { timeout: 30_000 });
  if (await page.getByRole("button", { name: "Sposta e salva" }).isVisible()) await page.getByRole("button", { name: "Sposta e salva" }).click();
  await expect(notice).toContainText("Modifica salvata", { timeout: 30_000 });
  await expect(notice).toContainText(before.code);
  expect(task(id)).toMatchObject({ code: before.code, startDate: shift(before.startDate, days), endDate: shift(before.endDate, days) });
  // The rows beside it did not move.
  for (const neighbour of [id - 1, id + 1]) {
    const other = task(neighbour);
    const db = new Database(file, { readonly: true });
    const version = (db.prepare("select version from task where id = ?").get(neighbour) as { version: number }).version;
    db.close();
    expect(version, other.code).toBe(1);
  }
});

test("after a fast scroll far down, every drawn row has its own bar: place, label, shape, popup, date highlight and handles", async ({ page }) => {
  test.setTimeout(180_000);
  const host = await openBigPlan(page);
  // The chart at the top of the window, then down a third of the plan 40 rows a frame (bars of
  // rows that leave are given to rows that come), back up a little, and the margin fills.
  await page.locator(".tg-gantt-scroll").evaluate((el) => el.scrollIntoView({ block: "start", behavior: "instant" }));
  // Each bar drawn now marked with the row it was made for: after the scroll, a bar whose row is
  // another was handed on.
  await page.evaluate(() => document.querySelectorAll(".bar-wrapper[data-id]").forEach((bar) => bar.setAttribute("data-made-for", bar.getAttribute("data-id")!)));
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const scroller = document.querySelector<HTMLElement>(".tg-gantt-scroll")!;
        let frames = 0;
        const step = () => {
          frames++;
          scroller.scrollTop += frames < 60 ? 40 * 36 : -7 * 36;
          if (frames < 75) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      }),
  );
  const check = async () =>
    page.evaluate(() => {
      const problems: string[] = [];
      const names = [...document.querySelectorAll<HTMLElement>(".tg-gantt-name[data-row]")];
      for (const name of names) {
        const id = name.dataset.row!;
        const wrappers = document.querySelectorAll<SVGGElement>(`.bar-wrapper[data-id="${id}"]`);
        if (wrappers.length !== 1) {
          problems.push(`${id}: ${wrappers.length} bars`);
          continue;
        }
        const wrapper = wrappers[0];
        const bar = wrapper.querySelector<SVGRectElement>(".bar")!;
        const nameBox = name.getBoundingClientRect();
        const barBox = bar.getBoundingClientRect();
        if (Math.abs(nameBox.top + nameBox.height / 2 - (barBox.top + barBox.height / 2)) > 2) problems.push(`${id}: bar at ${barBox.top}, name at ${nameBox.top}`);
        const code = name.querySelector(".fw-semibold, strong")?.textContent ?? "";
        const label = wrapper.querySelector(".bar-label")?.textContent ?? "";
        if (!label.startsWith(`${code} `)) problems.push(`${id}: label "${label}" for ${code}`);
        const milestone = name.textContent!.includes("◆");
        if (milestone !== wrapper.classList.contains("tg-milestone")) problems.push(`${id}: milestone ${milestone}, bar classes ${wrapper.getAttribute("class")}`);
        if (milestone && Math.abs(barBox.width - barBox.height) > 1) problems.push(`${id}: milestone drawn ${barBox.width}×${barBox.height}`);
        if (wrapper.getAttribute("display") === "none") problems.push(`${id}: hidden`);
      }
      // Spare bars are hidden and carry no id.
      for (const wrapper of document.querySelectorAll(".bar-wrapper[display=none]")) if (wrapper.hasAttribute("data-id")) problems.push(`spare with id ${wrapper.getAttribute("data-id")}`);
      return { rows: names.length, problems };
    });
  await expect.poll(async () => (await check()).problems, { timeout: 20_000 }).toEqual([]);
  const { rows } = await check();
  expect(rows).toBeGreaterThan(20);

  // A task row in view: its popup names it, and hovering it lights up its own dates in the header.
  const rowId = await page.evaluate(() => {
    const box = document.querySelector(".tg-gantt-scroll")!.getBoundingClientRect();
    // A task in view whose bar was made for another row; one with no successor (WPn.…5) first.
    const rows = [...document.querySelectorAll<HTMLElement>('.tg-gantt-name[data-row^="t"]')].filter((r) => {
      const b = r.getBoundingClientRect();
      const bar = document.querySelector(`.bar-wrapper[data-id="${r.dataset.row}"]`);
      return b.top > box.top + 150 && b.bottom < Math.min(box.bottom, window.innerHeight) - 40 && bar?.hasAttribute("data-made-for") && bar.getAttribute("data-made-for") !== r.dataset.row;
    });
    const row = rows.find((r) => /\.\d*5 /.test(r.textContent ?? "")) ?? rows[0];
    return row?.dataset.row ?? null;
  });
  // Bars were handed on, and one of them is in view.
  expect(rowId).not.toBeNull();
  const code = await page.locator(`.tg-gantt-name[data-row="${rowId}"] .fw-semibold`).textContent();
  const bar = page.locator(`.bar-wrapper[data-id="${rowId}"] .bar`);
  await bar.evaluate((el) => el.scrollIntoView({ block: "nearest", inline: "center", behavior: "instant" }));
  const box = (await bar.boundingBox())!;
  const chart = (await page.locator(".gantt-container").boundingBox())!;
  const x = (Math.max(box.x, chart.x) + Math.min(box.x + box.width, chart.x + chart.width)) / 2;
  await page.mouse.move(x, box.y + box.height / 2);
  const highlight = page.locator(".date-range-highlight:not(.hide)");
  await expect(highlight).toHaveCount(1);
  const barX = Number(await bar.getAttribute("x"));
  expect(parseFloat((await highlight.evaluate((el) => (el as HTMLElement).style.left)) ?? "")).toBeCloseTo(barX, 0);
  await page.mouse.click(x, box.y + box.height / 2);
  await expect(page.locator(".popup-wrapper .title")).toContainText(code!);
  // Closed, so it covers no handle.
  await closePopup(page);

  // Its handles stand at its own ends (a bar given to a new row places them when the pointer
  // comes), and the right one stretches this task by 3 days.
  const wrapper = page.locator(`.bar-wrapper[data-id="${rowId}"]`);
  await expect(wrapper.locator(".handle-group")).not.toHaveAttribute("display", "none");
  const width = Number(await bar.getAttribute("width"));
  // Where a new bar has them: 3 px wide, centred on the edges.
  expect(Math.abs(Number(await wrapper.locator(".handle.left").getAttribute("x")) - (barX - 1.5))).toBeLessThan(1);
  expect(Math.abs(Number(await wrapper.locator(".handle.right").getAttribute("x")) - (barX + width - 1.5))).toBeLessThan(1);
  const barY = Number(await bar.getAttribute("y"));
  const handleY = Number(await wrapper.locator(".handle.right").getAttribute("y"));
  expect(handleY).toBeGreaterThan(barY);
  expect(handleY).toBeLessThan(barY + Number(await bar.getAttribute("height")));
  const before = task(Number(rowId!.slice(1)));
  // The bar's end 200 px inside the chart's right edge (bars are years long in the Day view).
  await page.locator(".gantt-container").evaluate((container, end) => (container.scrollLeft = end - container.clientWidth + 200), barX + width);
  const right = (await wrapper.locator(".handle.right").boundingBox())!;
  expect(right.x + 3 * DAY_PX + 10).toBeLessThan(chart.x + chart.width);
  await page.mouse.move(right.x - 30, right.y + right.height / 2, { steps: 3 });
  await expect(wrapper.locator(".handle-group")).not.toHaveAttribute("display", "none");
  await page.mouse.move(right.x + right.width / 2, right.y + right.height / 2, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(right.x + right.width / 2 + 1.5 * DAY_PX, right.y + right.height / 2, { steps: 4 });
  await page.mouse.move(right.x + right.width / 2 + 3 * DAY_PX + 10, right.y + right.height / 2, { steps: 4 });
  await page.mouse.up();
  const notice = page.getByTestId("gantt-notice");
  await expect(notice).toContainText(/Modifica salvata|Conseguenze/, { timeout: 30_000 });
  if (await page.getByRole("button", { name: "Sposta e salva" }).isVisible()) await page.getByRole("button", { name: "Sposta e salva" }).click();
  await expect(notice).toContainText("Modifica salvata", { timeout: 30_000 });
  expect(task(before.id)).toMatchObject({ code: before.code, startDate: before.startDate, endDate: shift(before.endDate, 3) });
});
