import type { Page } from "@playwright/test";
import { e2eDb, expect, test } from "./fixtures";

/**
 * The Gantt's time axis, measured in pixels on screen: every gate line, the today marker and a
 * few bars with known dates stand inside their own date's header column and under their own
 * month's (or, in the Month view, year's) label, in the Day, Week and Month views, at the opening
 * position, after "Oggi", at the far left and at the far right; with today before the programme's
 * start, in the middle and after its end (the test-only `tg_test_today` cookie, honoured because
 * the e2e server pins TRAGUARDI_TODAY). It failed before the fix with today after the programme's
 * end: the header slid ~3 months from the bars once scrolled right.
 */

const GATES = { G1: "2025-12-31", G2: "2026-06-30" };
const TODAYS = { "before the programme's start": "2022-09-15", "in the middle": "2025-11-14", "after the programme's end": "2026-12-01" };
const VIEWS = ["Day", "Week", "Month"] as const;

function tasks(codes: string[]) {
  const db = e2eDb();
  try {
    return codes.map(
      (code) => db.prepare("select 't' || id as id, code, start_date as start, end_date as end from task where code = ?").get(code) as { id: string; code: string; start: string; end: string },
    );
  } finally {
    db.close();
  }
}

async function openAt(page: Page, baseURL: string, today: string, view: string) {
  await page.context().addCookies([{ name: "tg_test_today", value: today, url: baseURL }]);
  await page.addInitScript((mode) => window.localStorage.setItem("traguardi.gantt.view", mode), view);
  // WP1 open: its tasks are the bars with known dates.
  await page.goto("/gantt?open=1");
  await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
  await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-view", view);
}

/** Waits for a (smooth) scroll to come to rest and frappe's scroll handler to have run. */
async function settle(page: Page) {
  let last = -1;
  await expect
    .poll(async () => {
      const now = await page.locator(".gantt-container").evaluate((el) => el.scrollLeft);
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [150, 150, 250] })
    .toBe(true);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

interface Mark {
  what: string;
  date: string;
  /** Which of the element's edges: a bar's start and end are measured just inside the bar. */
  selector: string;
  edge: "line" | "start" | "end";
}

/** Runs in the page: for each mark, where it is, which header column and label hold it. */
function misplaced({ marks, view }: { marks: Mark[]; view: string }) {
  const locale = "it-IT";
  const container = document.querySelector<HTMLElement>(".gantt-container")!;
  const header = container.querySelector<HTMLElement>(".grid-header")!;
  const svg = container.querySelector<SVGSVGElement>("svg.gantt")!;
  const columnWidth = parseFloat(getComputedStyle(container).getPropertyValue("--gv-column-width"));
  const problems: string[] = [];
  // The grid and the header span the whole scrollable chart: nothing reaches past them.
  if (container.scrollWidth > header.offsetWidth + 1) problems.push(`scroll area ${container.scrollWidth} px wider than the header ${header.offsetWidth} px`);
  if (Math.abs(svg.getBoundingClientRect().width - header.offsetWidth) > 1) problems.push(`grid ${svg.getBoundingClientRect().width} px, header ${header.offsetWidth} px`);
  if (Math.abs(svg.getBoundingClientRect().left - header.getBoundingClientRect().left) > 0.5) problems.push(`header left ${header.getBoundingClientRect().left}, grid left ${svg.getBoundingClientRect().left}`);

  const cells = [...container.querySelectorAll<HTMLElement>(".lower-text")].map((cell) => {
    const match = /date_(\d{4}-\d{2}(?:-\d{2})?)/.exec(cell.className)!;
    const date = match[1].length === 7 ? `${match[1]}-01` : match[1];
    const left = cell.getBoundingClientRect().left - parseFloat(getComputedStyle(cell).marginLeft);
    return { date, left, right: left + columnWidth, text: cell.textContent };
  });
  const monthName = (iso: string) => {
    const text = new Date(`${iso}T12:00:00`).toLocaleDateString(locale, { month: "long", year: "numeric" });
    return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  };
  const labels = [...container.querySelectorAll<HTMLElement>(".upper-text")];
  const labelFor = (text: string) => labels.find((label) => label.textContent === text && !label.classList.contains("current-upper"));

  for (const mark of marks) {
    const element = container.querySelector(mark.selector);
    if (!element) {
      problems.push(`${mark.what}: ${mark.selector} not drawn`);
      continue;
    }
    const box = element.getBoundingClientRect();
    const x = mark.edge === "line" ? box.left + box.width / 2 : mark.edge === "start" ? box.left + 0.5 : box.right - 0.5;
    const cell = cells.filter((c) => c.date <= mark.date).at(-1);
    if (!cell) {
      problems.push(`${mark.what} (${mark.date}): no header column for it`);
      continue;
    }
    if (x < cell.left - 0.5 || x > cell.right + 0.5)
      problems.push(`${mark.what} (${mark.date}) at x=${x.toFixed(1)}, its header column "${cell.text}" (${cell.date}) spans ${cell.left.toFixed(1)}–${cell.right.toFixed(1)}`);
    // The upper label: the month (Day, Week views) or the year (Month view) the date belongs to.
    const [y, m] = mark.date.split("-").map(Number);
    const [own, next] =
      view !== "Month"
        ? [monthName(`${y}-${String(m).padStart(2, "0")}-01`), monthName(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`)]
        : [String(y), String(y + 1)];
    const ownLabel = labelFor(own);
    const nextLabel = labelFor(next);
    if (ownLabel && ownLabel.getBoundingClientRect().left > x + 0.5) problems.push(`${mark.what} (${mark.date}) at x=${x.toFixed(1)} is left of its label "${own}" at ${ownLabel.getBoundingClientRect().left.toFixed(1)}`);
    if (nextLabel && nextLabel.getBoundingClientRect().left < x - 0.5) problems.push(`${mark.what} (${mark.date}) at x=${x.toFixed(1)} is right of the next label "${next}" at ${nextLabel.getBoundingClientRect().left.toFixed(1)}`);
  }
  return problems;
}

test.describe("the Gantt's time axis", () => {
  for (const [when, today] of Object.entries(TODAYS))
    for (const view of VIEWS)
      test(`${view} view, today ${today} (${when}): gates, today and bars stand under their own dates`, async ({ signedIn: page, baseURL }) => {
        const known = tasks(["WP1.1", "WP1.3", "WP1.8"]);
        const marks: Mark[] = [
          ...Object.entries(GATES).map(([code, date]) => ({ what: `gate ${code}`, date, selector: `[data-testid="gate-line-${code}"]`, edge: "line" as const })),
          { what: "today", date: today, selector: '[data-testid="today-line"]', edge: "line" },
          ...known.flatMap((task) => [
            { what: `${task.code} start`, date: task.start, selector: `.bar-wrapper[data-id="${task.id}"] .bar`, edge: "start" as const },
            { what: `${task.code} end`, date: task.end, selector: `.bar-wrapper[data-id="${task.id}"] .bar`, edge: "end" as const },
          ]),
        ];
        await openAt(page, baseURL!, today, view);
        const container = page.locator(".gantt-container");
        const check = async (position: string) => {
          await settle(page);
          const problems = await page.evaluate(misplaced, { marks, view });
          expect(problems, `${view}, today ${today}, ${position}`).toEqual([]);
        };
        await check("opening position");
        // It opens with today in view.
        const todayBox = await page.getByTestId("today-line").boundingBox();
        const chartBox = await container.boundingBox();
        expect(todayBox!.x).toBeGreaterThan(chartBox!.x);
        expect(todayBox!.x).toBeLessThan(chartBox!.x + chartBox!.width);

        await container.evaluate((el) => el.scrollTo({ left: 0 }));
        await check("far left");
        await container.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        await check("far right");
        await container.evaluate((el) => el.scrollTo({ left: el.scrollWidth / 2 }));
        await settle(page);
        await page.getByRole("button", { name: "Oggi", exact: true }).click();
        await check('after "Oggi"');
        const back = await page.getByTestId("today-line").boundingBox();
        expect(back!.x).toBeGreaterThan(chartBox!.x);
        expect(back!.x).toBeLessThan(chartBox!.x + chartBox!.width);
      });

  test("switching view keeps the date in the middle of the chart, not the pixel offset", async ({ signedIn: page, baseURL }) => {
    await openAt(page, baseURL!, "2026-12-01", "Month");
    const middleDate = () =>
      page.evaluate(() => {
        const container = document.querySelector<HTMLElement>(".gantt-container")!;
        const box = container.getBoundingClientRect();
        const middle = box.left + box.width / 2;
        const cells = [...container.querySelectorAll<HTMLElement>(".lower-text")].map((cell) => ({
          date: /date_(\d{4}-\d{2}(?:-\d{2})?)/.exec(cell.className)![1],
          left: cell.getBoundingClientRect().left - parseFloat(getComputedStyle(cell).marginLeft),
        }));
        return cells.filter((cell) => cell.left <= middle).at(-1)!.date;
      });
    // Put March 2024 in the middle of the Month view.
    await page.locator(".gantt-container").evaluate((el) => {
      const cell = el.querySelector<HTMLElement>(".date_2024-03")!;
      el.scrollLeft = cell.offsetLeft + cell.offsetWidth / 2 - el.clientWidth / 2;
    });
    await settle(page);
    expect(await middleDate()).toBe("2024-03");
    await page.getByLabel("Vista").selectOption("Week");
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-view", "Week");
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await expect(async () => expect((await middleDate()).slice(0, 7)).toBe("2024-03")).toPass();
    await page.getByLabel("Vista").selectOption("Day");
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-view", "Day");
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await expect(async () => expect((await middleDate()).slice(0, 7)).toBe("2024-03")).toPass();
  });
});
