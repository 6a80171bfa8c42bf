import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { session, user } from "#db/schema";
import type { Actor } from "~/models/core/actor.server";
import { sessionCommand } from "~/models/core/command.server";
import { getDb, nowIso } from "~/models/core/db.server";
import { getUserById, verifyLogin, withoutSecret, type PublicUser } from "./user.server";
import { checkLoginThrottle, clearAccountFailures, recordLoginFailure } from "./login-throttle.server";

export const SESSION_DAYS = 7;

export type LoginResult =
  | { ok: true; sessionId: string; user: PublicUser; expiresAt: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number; scope: "address" | "account" };

/**
 * Checks the throttle (per client address and per account, in SQLite: see login-throttle.server),
 * then the password. `clientAddress` must be the real client address (the production server's
 * load context), never a header the client sent.
 */
export async function login(
  email: string,
  password: string,
  clientAddress: string,
  { now = Date.now(), userAgent = null }: { now?: number; userAgent?: string | null } = {},
): Promise<LoginResult> {
  const verdict = checkLoginThrottle(clientAddress, email, now);
  if (!verdict.allowed) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)), scope: verdict.scope };
  }
  const found = await verifyLogin(email, password);
  if (!found) {
    recordLoginFailure(clientAddress, email, now);
    return { ok: false, reason: "invalid" };
  }
  clearAccountFailures(email);
  const created = createSession(found, { userAgent, clientAddress });
  return { ok: true, sessionId: created.id, user: found, expiresAt: created.expiresAt };
}

export function createSession(account: PublicUser, details: { userAgent?: string | null; clientAddress?: string | null } = {}) {
  const id = randomBytes(32).toString("base64url");
  const createdAt = nowIso();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  sessionCommand(actorOf(account), (tx, audit) => {
    tx.delete(session).where(lt(session.expiresAt, createdAt)).run();
    tx.insert(session)
      .values({ id, userId: account.id, createdAt, expiresAt, userAgent: details.userAgent?.slice(0, 300) ?? null, clientAddress: details.clientAddress ?? null })
      .run();
    audit({ action: "login", entityType: "session", entityId: account.id, entityLabel: account.email });
  });
  return { id, expiresAt };
}

/** The user behind a live session, or null when it is unknown, expired or the user is disabled. */
export function getSessionUser(sessionId: string): PublicUser | null {
  // One query on every request: the session and its user together, prepared once per connection
  // (building the query anew was a visible share of every signed-in page's time under load).
  const row = sessionUserQuery().get({ sessionId, now: nowIso() });
  return row ? withoutSecret(row.account) : null;
}

const sessionUserQueries = new WeakMap<object, ReturnType<typeof prepareSessionUserQuery>>();
function prepareSessionUserQuery(db: ReturnType<typeof getDb>) {
  return db
    .select({ account: user })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(and(eq(session.id, sql.placeholder("sessionId")), gt(session.expiresAt, sql.placeholder("now")), eq(user.active, true)))
    .prepare();
}
function sessionUserQuery() {
  const db = getDb();
  let query = sessionUserQueries.get(db);
  if (!query) sessionUserQueries.set(db, (query = prepareSessionUserQuery(db)));
  return query;
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
