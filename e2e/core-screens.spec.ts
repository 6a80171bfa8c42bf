import path from "node:path";
import { expect, test } from "./fixtures";

const dir = path.resolve("e2e/.tmp/screenshots");

test.describe("screens, as a programme manager", () => {
  test.use({ role: "manager" });

  test("dashboard, work package and audit log render in Italian", async ({ signedIn: page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /FSE 2.0 – Fascicolo Sanitario Elettronico/ })).toBeVisible();
    await expect(page.getByTestId("programme-budget")).toHaveText("€ 39.000.000,00");
    await expect(page.getByTestId("reference-date")).toHaveText("14/11/2025");
    await expect(page.getByTestId("gate-G1").getByTestId("countdown")).toHaveText("47 giorni rimanenti");
    await expect(page.getByTestId("gate-G2").getByTestId("countdown")).toHaveText("228 giorni rimanenti");
    await expect(page.getByTestId("eu-M6C2-11")).toContainText("19/12/2025");
    await page.screenshot({ path: path.join(dir, "dashboard.png"), fullPage: true });

    await page.goto("/work-packages");
    await page.getByRole("link", { name: "WP2", exact: true }).click();
    await expect(page.getByRole("heading", { name: "WP2 · Interoperabilità nazionale e FHIR" })).toBeVisible();
    await page.screenshot({ path: path.join(dir, "work-package.png"), fullPage: true });

    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await page.screenshot({ path: path.join(dir, "audit-log.png"), fullPage: true });
  });
});
