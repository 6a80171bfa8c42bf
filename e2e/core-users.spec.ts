import { expect, test } from "./fixtures";

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("creates a user with a role, who then signs in with exactly that role's rights", async ({ signedIn: page, browser }) => {
    await page.goto("/admin/users");
    const form = page.locator("#user-form-create");
    await form.getByLabel("Nome").fill("Luca Ricci");
    await form.getByLabel("Email").fill("luca.ricci@regione.demo");
    await form.getByLabel("Ruolo").selectOption("finance");
    await form.getByLabel("Nuova password").fill("corta");
    await form.getByRole("button", { name: "Crea" }).click();
    await expect(page.locator('[data-field-error="password"]')).toHaveText("La password deve avere almeno 10 caratteri.");
    await form.getByLabel("Nuova password").fill("Password-Lunga-2026");
    await form.getByRole("button", { name: "Crea" }).click();
    await expect(page.getByTestId("user-row-luca.ricci@regione.demo")).toContainText("Ufficio finanziario");

    const context = await browser.newContext({ locale: "it-IT" });
    const other = await context.newPage();
    await other.goto("/login");
    await other.getByLabel("Email").fill("luca.ricci@regione.demo");
    await other.getByLabel("Password").fill("Password-Lunga-2026");
    await other.locator("#login").getByRole("button", { name: "Accedi" }).click();
    await expect(other.getByTestId("current-user")).toContainText("Luca Ricci · Ufficio finanziario");
    expect((await other.goto("/work-packages/new"))?.status()).toBe(403);
    await context.close();

    await page.goto("/audit?entity=user");
    await expect(page.getByTestId("audit-row").first()).toContainText("luca.ricci@regione.demo");
  });
});
