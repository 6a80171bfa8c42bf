import type { Page } from "@playwright/test";

/** A day's width in the Gantt's Day view (frappe-gantt column width, components/gantt/frappe.ts). */
export const DAY_PX = 32;

/** Drags task `id`'s bar by `days` days in the Day view (a little past the boundary, so it snaps there). */
export async function dragBar(page: Page, id: number, days: number) {
  const bar = page.locator(`.bar-wrapper[data-id="t${id}"] .bar`);
  await bar.scrollIntoViewIfNeeded();
  const box = (await bar.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const dx = days * DAY_PX + Math.sign(days) * 10;
  await page.mouse.move(x + dx / 2, y, { steps: 5 });
  await page.mouse.move(x + dx, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Closes the chart's popup as a user does, by clicking an empty spot of the chart in view (frappe
 * hides it on a click on the grid). Not the header: it is at the top of the whole chart, so
 * reaching it would scroll the rows away.
 */
export async function closePopup(page: Page) {
  const point = await page.evaluate(() => {
    const chart = document.querySelector(".gantt-container")!.getBoundingClientRect();
    const scroller = document.querySelector(".tg-gantt-scroll")!.getBoundingClientRect();
    const top = Math.max(chart.top, scroller.top) + 100;
    const bottom = Math.min(chart.bottom, scroller.bottom, window.innerHeight) - 10;
    for (let y = top; y < bottom; y += 9)
      for (let x = chart.left + 10; x < chart.right - 10; x += 23) if (document.elementFromPoint(x, y)?.classList.contains("grid-row")) return { x, y };
    return null;
  });
  if (!point) throw new Error("no empty spot of the chart in view");
  await page.mouse.click(point.x, point.y);
  await page.locator(".popup-wrapper").waitFor({ state: "hidden" });
}
