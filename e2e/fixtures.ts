import { test as base, expect, type Page } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";

export type DemoRole = "admin" | "manager" | "finance" | "auditor";

export const demoUsers: Record<DemoRole, { email: string; name: string }> = {
  admin: { email: "admin@traguardi.demo", name: "Paolo Venturi" },
  manager: { email: "responsabile@traguardi.demo", name: "Giulia Ferri" },
  finance: { email: "finanza@traguardi.demo", name: "Marco Bassi" },
  auditor: { email: "revisore@traguardi.demo", name: "Elena Conti" },
};
export const DEMO_PASSWORD = "Traguardi-2025!";

/** The e2e database, opened by the test process to set up sessions and check outcomes. */
export function e2eDb() {
  const db = new Database(process.env.E2E_DATABASE_PATH!);
  db.pragma("busy_timeout = 5000");
  return db;
}

/** Signs in by inserting a session row and setting its signed cookie, without the login form. */
export async function signInAs(page: Page, role: DemoRole, baseURL: string) {
  const db = e2eDb();
  try {
    const user = db.prepare("select id from user where email = ?").get(demoUsers[role].email) as { id: number };
    const id = randomBytes(32).toString("base64url");
    const now = new Date();
    db.prepare("insert into session (id, user_id, created_at, expires_at) values (?, ?, ?, ?)").run(
      id,
      user.id,
      now.toISOString(),
      new Date(now.getTime() + 86_400_000).toISOString(),
    );
    const cookie = createCookie("traguardi_session", { secrets: [process.env.E2E_SESSION_SECRET!] });
    const value = (await cookie.serialize(id)).split(";")[0].split("=").slice(1).join("=");
    await page.context().addCookies([{ name: "traguardi_session", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  } finally {
    db.close();
  }
}

/** A test logged in as `role` (set with test.use({ role })). */
export const test = base.extend<{ role: DemoRole; signedIn: Page }>({
  role: ["manager", { option: true }],
  signedIn: async ({ page, role, baseURL }, use) => {
    await signInAs(page, role, baseURL!);
    await use(page);
  },
});

/**
 * A POST as the browser session would send it (same cookies), bypassing the UI. Used to prove the
 * server refuses what the UI hides.
 */
export async function forgePost(page: Page, url: string, form: Record<string, string>) {
  return page.request.post(url, { form, headers: { Origin: new URL(page.url() || "http://localhost").origin }, maxRedirects: 0 });
}

export { expect };
