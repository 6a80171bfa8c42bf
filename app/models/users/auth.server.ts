import { randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { session, user } from "#db/schema";
import type { Actor } from "~/models/core/actor.server";
import { sessionCommand } from "~/models/core/command.server";
import { getDb, nowIso } from "~/models/core/db.server";
import { getUserById, verifyLogin, withoutSecret, type PublicUser } from "./user.server";

export const SESSION_DAYS = 7;

/**
 * Failed logins per email and client address. In memory: the app runs as one process, and a
 * restart forgetting the counters is acceptable for a throttle (not a lockout policy).
 */
const failures = new Map<string, number[]>();
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

function recentFailures(key: string, now: number) {
  const list = (failures.get(key) ?? []).filter((at) => now - at < FAILURE_WINDOW_MS);
  failures.set(key, list);
  return list;
}

export type LoginResult =
  | { ok: true; sessionId: string; user: PublicUser; expiresAt: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryInMinutes: number };

export async function login(email: string, password: string, clientKey: string): Promise<LoginResult> {
  const key = `${clientKey}|${email.trim().toLowerCase()}`;
  const now = Date.now();
  const recent = recentFailures(key, now);
  if (recent.length >= MAX_FAILURES) {
    return { ok: false, reason: "rate_limited", retryInMinutes: Math.ceil((recent[0] + FAILURE_WINDOW_MS - now) / 60_000) };
  }
  const found = await verifyLogin(email, password);
  if (!found) {
    recent.push(now);
    return { ok: false, reason: "invalid" };
  }
  failures.delete(key);
  const created = createSession(found);
  return { ok: true, sessionId: created.id, user: found, expiresAt: created.expiresAt };
}

export function createSession(account: PublicUser) {
  const id = randomBytes(32).toString("base64url");
  const createdAt = nowIso();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  sessionCommand(actorOf(account), (tx, audit) => {
    tx.delete(session).where(lt(session.expiresAt, createdAt)).run();
    tx.insert(session).values({ id, userId: account.id, createdAt, expiresAt }).run();
    audit({ action: "login", entityType: "session", entityId: account.id, entityLabel: account.email });
  });
  return { id, expiresAt };
}

/** The user behind a live session, or null when it is unknown, expired or the user is disabled. */
export function getSessionUser(sessionId: string): PublicUser | null {
  // One query on every request: the session and its user together.
  const row = getDb()
    .select({ account: user })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(and(eq(session.id, sessionId), gt(session.expiresAt, nowIso()), eq(user.active, true)))
    .get();
  return row ? withoutSecret(row.account) : null;
}

export function endSession(sessionId: string) {
  const db = getDb();
  const row = db.select().from(session).where(eq(session.id, sessionId)).get();
  if (!row) return;
  const account = getUserById(row.userId);
  if (!account) {
    db.delete(session).where(eq(session.id, sessionId)).run();
    return;
  }
  sessionCommand(actorOf(account), (tx, audit) => {
    tx.delete(session).where(eq(session.id, sessionId)).run();
    audit({ action: "logout", entityType: "session", entityId: account.id, entityLabel: account.email });
  });
}

export function actorOf(account: Pick<PublicUser, "id" | "name" | "role">): Actor {
  return { id: account.id, name: account.name, role: account.role };
}
