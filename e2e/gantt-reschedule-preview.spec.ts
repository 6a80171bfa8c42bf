import { e2eDb, expect, forgePost, test } from "./fixtures";
import { dragBar } from "./gantt-helpers";

/** Day view columns are 32 px wide (app/components/gantt/frappe.ts). */

function row<T>(sql: string, ...args: unknown[]): T {
  const db = e2eDb();
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}
const taskRow = (code: string) => row<{ id: number; startDate: string; endDate: string; version: number }>("select id, start_date as startDate, end_date as endDate, version from task where code = ?", code);
const milestoneDue = (code: string) => row<{ dueDate: string }>("select due_date as dueDate from milestone where code = ?", code).dueDate;

test.describe("the reschedule preview names everything it moves (issue 10)", () => {
  test("dragging WP2.7 lists the achieved EU milestones M6C2-12 and M6C2-13 and needs the explicit confirmation", async ({ signedIn: page }) => {
    // A short WP2.7 ending four days before WP2.M2 (M6C2-12) is due, so a ten-day drag fits the
    // screen and pushes the milestone, and M6C2-13 behind it.
    const original = taskRow("WP2.7");
    const db = e2eDb();
    db.prepare("update task set start_date = '2026-06-15', end_date = '2026-06-26' where code = 'WP2.7'").run();
    db.close();
    const moved = taskRow("WP2.7");
    const dueBefore = { m12: milestoneDue("WP2.M2"), m13: milestoneDue("WP7.M2") };

    await page.addInitScript(() => window.localStorage.setItem("traguardi.gantt.view", "Day"));
    await page.goto("/gantt");
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await page.getByLabel("Cerca per nome").fill("WP2.7");
    await expect(page.locator(`.tg-gantt-name[data-row="t${moved.id}"]`)).toBeVisible();
    await expect(page.getByTestId("gantt-host")).toHaveAttribute("data-ready", "1");
    await dragBar(page, moved.id, 10);

    const notice = page.getByTestId("gantt-notice");
    await expect(notice).toContainText("Conseguenze dello spostamento");
    // Every pushed item by code and title, with old → new dates.
    const m12 = notice.getByTestId("gantt-shift-M6C2-12");
    await expect(m12).toContainText("WP2.M2");
    await expect(m12).toContainText("Sistema TS e infrastruttura di interoperabilità FSE pienamente operativi");
    await expect(m12).toContainText("30/06/2026 → ");
    const m12Text = (await m12.textContent()) ?? "";
    await expect(notice.getByTestId("gantt-shift-M6C2-13")).toContainText("WP7.M2");
    // The achieved ones stand out, and saving is blocked until the manager ticks the confirmation.
    const achieved = notice.getByTestId("gantt-achieved");
    await expect(achieved).toContainText("M6C2-12");
    await expect(achieved).toContainText("segnalata come raggiunta il 26/06/2026");
    await expect(achieved).toContainText("M6C2-13");
    const save = notice.getByRole("button", { name: "Sposta e salva" });
    await expect(save).toBeDisabled();

    // The server enforces it: a forged confirmation without the achieved flag is refused, naming them.
    const forged = await forgePost(page, "/gantt", {
      intent: "reschedule",
      key: `t${moved.id}`,
      version: String(moved.version),
      startDate: "2026-06-25",
      endDate: "2026-07-06",
      confirm: "1",
    });
    expect(forged.status()).toBe(400);
    const body = await forged.text();
    expect(body).toContain("M6C2-12 (WP2.M2)");
    expect(body).toContain("M6C2-13 (WP7.M2)");
    expect(taskRow("WP2.7")).toEqual(moved);
    expect(milestoneDue("WP2.M2")).toBe(dueBefore.m12);

    // Bootstrap Italia draws the box on the label: the manager clicks the sentence.
    await notice.getByText("Confermo di spostare 2 elementi già segnalati come raggiunti: M6C2-12 · WP2.M2, M6C2-13 · WP7.M2").click();
    await expect(notice.getByRole("checkbox", { name: /Confermo di spostare/ })).toBeChecked();
    await expect(save).toBeEnabled();
    await save.click();
    await expect(notice).toContainText("Modifica salvata");
    expect(taskRow("WP2.7")).toMatchObject({ startDate: "2026-06-25", endDate: "2026-07-06" });
    const newDue = milestoneDue("WP2.M2");
    expect(newDue > dueBefore.m12).toBe(true);
    // The preview said where it would go.
    expect(m12Text).toContain(`30/06/2026 → ${newDue.split("-").reverse().join("/")}`);
    expect(milestoneDue("WP7.M2") > dueBefore.m13).toBe(true);

    // Leave the demo plan as the other specs expect it: undo the move, then put WP2.7 back.
    await page.getByRole("button", { name: "Annulla ultima modifica" }).click();
    await expect(notice).toContainText("Modifica annullata");
    expect(milestoneDue("WP2.M2")).toBe(dueBefore.m12);
    expect(milestoneDue("WP7.M2")).toBe(dueBefore.m13);
    const restore = e2eDb();
    restore.prepare("update task set start_date = ?, end_date = ? where code = 'WP2.7'").run(original.startDate, original.endDate);
    restore.close();
  });
});
