import { DEMO_PASSWORD, demoUsers, expect, test, type DemoRole } from "./fixtures";

async function logIn(page: import("@playwright/test").Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().includes("/login") && response.request().method() === "POST"),
    page.locator("#login").getByRole("button", { name: "Accedi" }).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

test("pages need a session; the healthcheck does not", async ({ page, request }) => {
  expect((await request.get("/healthcheck")).status()).toBe(200);
  await page.goto("/work-packages/1");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fwork-packages%2F1/);
  await expect(page.getByRole("heading", { name: "Accesso" })).toBeVisible();
});

test("a wrong password is refused with a clear message, and repeated failures are throttled", async ({ page }) => {
  await logIn(page, "nessuno@traguardi.demo", "sbagliata-1");
  await expect(page.getByRole("alert")).toContainText("Email o password non corretti.");
  for (let attempt = 2; attempt <= 5; attempt++) await logIn(page, "nessuno@traguardi.demo", `sbagliata-${attempt}`);
  await logIn(page, "nessuno@traguardi.demo", "sbagliata-6");
  await expect(page.getByRole("alert")).toContainText("Troppi tentativi non riusciti");
});

const expectations: Record<DemoRole, { nav: string[]; hidden: string[]; canEditPlan: boolean; forbidden: string[] }> = {
  manager: { nav: ["Cruscotto", "Work package", "Registro delle modifiche"], hidden: ["Utenti"], canEditPlan: true, forbidden: ["/admin/users"] },
  finance: { nav: ["Cruscotto", "Work package", "Registro delle modifiche"], hidden: ["Utenti"], canEditPlan: false, forbidden: ["/work-packages/new", "/tasks/1", "/admin/users"] },
  auditor: { nav: ["Cruscotto", "Work package", "Registro delle modifiche"], hidden: ["Utenti"], canEditPlan: false, forbidden: ["/work-packages/new", "/tasks/1", "/admin/users"] },
  admin: { nav: ["Cruscotto", "Work package", "Registro delle modifiche", "Utenti"], hidden: [], canEditPlan: false, forbidden: ["/work-packages/new", "/tasks/1"] },
};

for (const role of Object.keys(expectations) as DemoRole[]) {
  test(`${role} logs in with the form and sees only what the role may`, async ({ page }) => {
    const expected = expectations[role];
    await logIn(page, demoUsers[role].email);
    await expect(page.getByTestId("current-user")).toContainText(demoUsers[role].name);
    const nav = page.getByRole("navigation", { name: "Menu principale" });
    for (const item of expected.nav) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
    for (const item of expected.hidden) await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(0);

    await expect(page.getByTestId("gate-G1")).toContainText("31/12/2025");
    await page.goto("/work-packages");
    await expect(page.getByRole("link", { name: "Nuovo work package" })).toHaveCount(expected.canEditPlan ? 1 : 0);
    await page.getByRole("link", { name: "WP3", exact: true }).click();
    await expect(page.getByRole("link", { name: "Modifica work package" })).toHaveCount(expected.canEditPlan ? 1 : 0);
    await expect(page.getByRole("link", { name: /Modifica attività/ })).toHaveCount(expected.canEditPlan ? 9 : 0);

    for (const path of expected.forbidden) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }

    await page.getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("the interface switches to English and back", async ({ page }) => {
  await logIn(page, demoUsers.auditor.email);
  await page.getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("link", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByTestId("gate-G2")).toContainText("FSE 2.0 completed");
  await page.getByRole("button", { name: "IT" }).click();
  await expect(page.getByRole("link", { name: "Cruscotto", exact: true })).toBeVisible();
});
