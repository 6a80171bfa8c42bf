import { createCookie, createCookieSessionStorage } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultDatabasePath } from "#db/client";

/**
 * The signing secret: SESSION_SECRET, or else one generated once and kept beside the database, so
 * the two-command setup needs no configuration and sessions survive restarts.
 */
export function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(path.dirname(path.resolve(defaultDatabasePath())), "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return fs.readFileSync(file, "utf8").trim();
  }
}

// Secure unless told otherwise; browsers accept Secure cookies on http://localhost.
const secure = process.env.COOKIE_SECURE !== "false";

let cookie: ReturnType<typeof createCookie> | undefined;

/** The signed, HttpOnly, SameSite cookie that carries only the session id. */
export function sessionCookie() {
  cookie ??= createCookie("traguardi_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [sessionSecret()],
    maxAge: 7 * 86_400,
  });
  return cookie;
}

type FlashStorage = ReturnType<typeof createCookieSessionStorage<Record<string, never>, { toast: unknown }>>;
let flash: FlashStorage | undefined;

/** Short-lived cookie for toasts shown after a redirect. */
export function flashStorage() {
  flash ??= createCookieSessionStorage<Record<string, never>, { toast: unknown }>({
    cookie: { name: "traguardi_flash", httpOnly: true, sameSite: "lax", secure, path: "/", secrets: [sessionSecret()] },
  });
  return flash;
}

export const localeCookie = createCookie("traguardi_lang", { path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
