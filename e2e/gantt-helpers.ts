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
