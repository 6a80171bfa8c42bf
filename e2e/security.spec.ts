import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import argon2 from "argon2";
import { DEMO_PASSWORD, demoUsers, e2eDb, expect, signInAs, test } from "./fixtures";

/**
 * Request-level security (issue 11): redirects stay on the site, security headers, body limits,
 * cross-site writes, the login throttle and sessions that end with their user. Runs against the
 * production server (app/server) with two worker processes.
 */

async function logInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().includes("/login") && response.request().method() === "POST"),
    page.locator("#login").getByRole("button", { name: "Accedi" }).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

/** A user of our own for tests that change accounts, so the demo users stay as the other specs expect. */
async function createUser(email: string, name: string, role = "finance", password = DEMO_PASSWORD) {
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    db.prepare("insert into user (email, name, role, password_hash, active, version, created_at, updated_at) values (?, ?, ?, ?, 1, 1, ?, ?)").run(email, name, role, hash, now, now);
    return (db.prepare("select id from user where email = ?").get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}

async function signedInContext(browser: Browser, email: string, baseURL: string) {
  const context = await browser.newContext({ locale: "it-IT" });
  const page = await context.newPage();
  await page.goto("/login");
  await logInWithForm(page, email);
  await expect(page.getByTestId("current-user")).toBeVisible();
  void baseURL;
  return { context, page };
}

async function editUser(admin: Page, userId: number, change: (form: import("@playwright/test").Locator) => Promise<void>) {
  await admin.goto(`/admin/users/${userId}`);
  const form = admin.locator("form").filter({ has: admin.getByLabel("Ruolo") });
  await change(form);
  await form.getByRole("button", { name: "Salva" }).click();
  await expect(admin).toHaveURL(/\/admin\/users$/);
}

test.describe("redirects stay on the site", () => {
  for (const attack of ["/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example/", "/gantt\nSet-Cookie: x=1"]) {
    test(`after logging in with redirectTo=${JSON.stringify(attack)}`, async ({ page, baseURL }) => {
      await page.goto(`/login?redirectTo=${encodeURIComponent(attack)}`);
      await logInWithForm(page, demoUsers.auditor.email);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      await expect(page.getByTestId("current-user")).toContainText(demoUsers.auditor.name);
    });
  }

  test("a same-site redirectTo still brings the user back", async ({ page }) => {
    await page.goto("/gantt?view=Week");
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
    await logInWithForm(page, demoUsers.auditor.email);
    await expect(page).toHaveURL(/\/gantt\?view=Week$/);
  });

  test("the language switch, even anonymous, redirects only on the site", async ({ request }) => {
    for (const attack of ["/\\evil.example", "/\t/evil.example", "//evil", "https://evil.example", "/x\r\ny"]) {
      const response = await request.post("/set-language", { form: { locale: "en", redirectTo: attack }, maxRedirects: 0 });
      expect(response.status(), attack).toBe(302);
      expect(response.headers()["location"], attack).toBe("/");
    }
    const ok = await request.post("/set-language", { form: { locale: "it", redirectTo: "/login?x=1" }, maxRedirects: 0 });
    expect(ok.headers()["location"]).toBe("/login?x=1");
  });
});

test.describe("headers and limits", () => {
  test("security headers on a page, with the page's scripts carrying the CSP nonce", async ({ request }) => {
    const response = await request.get("/login");
    const headers = response.headers();
    const csp = headers["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP here
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce for every request.
    const again = (await request.get("/login")).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
  });

  test("security headers on resource routes and static files", async ({ request }) => {
    for (const path of ["/healthcheck", "/favicon.svg", "/vendor/bootstrap-italia/css/bootstrap-italia.min.css"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  });

  test("the Gantt, charts and the dashboard run under the CSP without a violation", async ({ signedIn: page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/gantt");
    await expect(page.locator(".gantt .bar-wrapper").first()).toBeVisible();
    await page.goto("/finance");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await page.goto("/");
    await page.getByRole("link", { name: "Gantt" }).first().click();
    await expect(page.locator(".gantt .bar-wrapper").first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("an oversized body gets 413 before it is read; an anonymous upload is refused before parsing", async ({ request }) => {
    const big = "a".repeat(2 * 1024 * 1024);
    const tooLarge = await request.post("/login", { data: `email=x%40y.it&password=${big}`, headers: { "Content-Type": "application/x-www-form-urlencoded" }, maxRedirects: 0 });
    expect(tooLarge.status()).toBe(413);
    const upload = await request.post("/finance/import", {
      multipart: { intent: "preview", file: { name: "grande.csv", mimeType: "text/csv", buffer: Buffer.alloc(3 * 1024 * 1024, "1;") } },
      maxRedirects: 0,
    });
    expect(upload.status()).toBe(401);
  });

  test("a cross-site POST gets 403, and does nothing", async ({ signedIn: page }) => {
    await page.goto("/");
    const logout = await page.request.post("/logout", { form: {}, headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
    expect(logout.status()).toBe(403);
    const language = await page.request.post("/set-language", { form: { locale: "en", redirectTo: "/" }, headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
    expect(language.status()).toBe(403);
    const task = await page.request.post("/tasks/1", { form: { intent: "delete" }, headers: { Origin: "null" }, maxRedirects: 0 });
    expect(task.status()).toBe(403);
    await page.reload();
    await expect(page.getByTestId("current-user")).toContainText(demoUsers.manager.name);
    await expect(page.getByRole("link", { name: "Cruscotto" })).toBeVisible(); // still Italian, still signed in
  });
});

test.describe("login throttle", () => {
  test("an attacker rotating X-Forwarded-For gets 429; the real user from another address still signs in", async ({ page, baseURL }) => {
    // The attacker connects over 127.0.0.1; Chromium reaches "localhost" over ::1, another address.
    const port = new URL(baseURL!).port;
    const attacker: APIRequestContext = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${port}` });
    let limited: { status: number; retryAfter?: string; attempt: number } | null = null;
    for (let attempt = 1; attempt <= 15 && !limited; attempt++) {
      const response = await attacker.post("/login", {
        form: { email: `ospite${attempt}@traguardi.demo`, password: "indovina", redirectTo: "/" },
        headers: { "X-Forwarded-For": `198.51.100.${attempt}` },
        maxRedirects: 0,
      });
      if (response.status() === 429) limited = { status: 429, retryAfter: response.headers()["retry-after"], attempt };
      else expect(response.status()).toBe(401);
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.retryAfter)).toBeGreaterThan(0);
    // Even the right password is refused from the attacker's address now.
    const right = await attacker.post("/login", { form: { email: demoUsers.finance.email, password: DEMO_PASSWORD }, headers: { "X-Forwarded-For": "192.0.2.1" }, maxRedirects: 0 });
    expect(right.status()).toBe(429);
    expect(await right.text()).toContain("Riprova tra");
    await attacker.dispose();

    await page.goto("/login");
    await logInWithForm(page, demoUsers.finance.email);
    await expect(page.getByTestId("current-user")).toContainText(demoUsers.finance.name);
  });
});

test.describe("sessions end with their user", () => {
  test.use({ role: "admin" });

  test("a deactivated, then reactivated user's old cookie stays logged out", async ({ signedIn: admin, browser, baseURL }) => {
    const id = await createUser("disattivata@traguardi.demo", "Utente Disattivata");
    const victim = await signedInContext(browser, "disattivata@traguardi.demo", baseURL!);
    await editUser(admin, id, (form) => form.getByText("Attivo", { exact: true }).click());
    await editUser(admin, id, (form) => form.getByText("Attivo", { exact: true }).click());
    await victim.page.goto("/finance");
    await expect(victim.page).toHaveURL(/\/login\?redirectTo=%2Ffinance/);
    await victim.context.close();
  });

  test("an admin's password reset ends the user's sessions", async ({ signedIn: admin, browser, baseURL }) => {
    const id = await createUser("reimpostata@traguardi.demo", "Utente Reimpostata");
    const victim = await signedInContext(browser, "reimpostata@traguardi.demo", baseURL!);
    await editUser(admin, id, (form) => form.getByLabel("Nuova password").fill("Password-Nuova-2026"));
    await victim.page.reload();
    await expect(victim.page).toHaveURL(/\/login/);
    await victim.context.close();
  });

  test("a user sees and ends their own sessions, and a password change ends the others", async ({ browser, baseURL }) => {
    await createUser("sessioni@traguardi.demo", "Utente Sessioni", "auditor");
    const laptop = await signedInContext(browser, "sessioni@traguardi.demo", baseURL!);
    const phone = await signedInContext(browser, "sessioni@traguardi.demo", baseURL!);
    const tablet = await signedInContext(browser, "sessioni@traguardi.demo", baseURL!);

    await laptop.page.getByRole("link", { name: "Le mie sessioni" }).click();
    await expect(laptop.page.getByRole("heading", { name: "Le mie sessioni" })).toBeVisible();
    const rows = laptop.page.getByTestId("own-sessions").locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "Questa sessione" })).toHaveCount(1);
    await laptop.page.screenshot({ path: "e2e/.tmp/screenshots/own-sessions.png", fullPage: true });
    await rows.filter({ hasNotText: "Questa sessione" }).first().getByRole("button", { name: "Termina" }).click();
    await expect(rows).toHaveCount(2);
    const stillIn = [];
    for (const device of [phone, tablet]) {
      await device.page.goto("/");
      stillIn.push(!device.page.url().includes("/login"));
    }
    expect(stillIn.filter(Boolean)).toHaveLength(1);

    const form = laptop.page.locator("#change-password");
    await form.getByLabel("Password attuale").fill("sbagliata");
    await form.getByLabel("Nuova password").fill("Password-Mia-2026");
    await form.getByRole("button", { name: "Cambia password" }).click();
    await expect(laptop.page.locator('[data-field-error="currentPassword"]')).toContainText("La password attuale non è corretta.");
    await form.getByLabel("Password attuale").fill(DEMO_PASSWORD);
    await form.getByLabel("Nuova password").fill("Password-Mia-2026");
    await form.getByRole("button", { name: "Cambia password" }).click();
    await expect(laptop.page.getByRole("status")).toContainText("Password cambiata");
    await expect(rows).toHaveCount(1);
    for (const device of [phone, tablet]) {
      await device.page.goto("/");
      await expect(device.page).toHaveURL(/\/login/);
    }
    await laptop.page.goto("/audit?entity=session&sessions=1");
    await expect(laptop.page.getByTestId("audit-row").first()).toBeVisible();
    for (const device of [laptop, phone, tablet]) await device.context.close();
  });
});

void signInAs;
