/**
 * Sessions ending: a user's own sessions page (see and end them), their own password change (ends
 * their other sessions), and `endSessionsOfUser` for the admin's changes that must log a user out
 * (deactivation, role change, password reset). Every write goes through the kernel and is audited.
 *
 * Session ids are bearer secrets and never leave the server: the page names each session by a
 * handle, a short SHA-256 of its id.
 */
import argon2 from "argon2";
import { createHash } from "node:crypto";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { session, user } from "#db/schema";
import type { Actor } from "../core/actor.server";
import { command } from "../core/command.server";
import { nowIso, type Conn } from "../core/db.server";
import { NotFoundError, ValidationError } from "../core/errors.server";
import { getDb } from "../core/db.server";
import { hashPassword } from "./user.server";

export function sessionHandle(sessionId: string) {
  return createHash("sha256").update(sessionId).digest("base64url").slice(0, 16);
}

export interface OwnSession {
  handle: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

/** The actor's live sessions, newest first, the one making this request marked. */
export function listOwnSessions(actor: Actor, currentSessionId: string | null): OwnSession[] {
  return getDb()
    .select()
    .from(session)
    .where(and(eq(session.userId, actor.id), gt(session.expiresAt, nowIso())))
    .orderBy(desc(session.createdAt))
    .all()
    .map((row) => ({
      handle: sessionHandle(row.id),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      userAgent: row.userAgent,
      clientAddress: row.clientAddress,
      current: row.id === currentSessionId,
    }));
}

/**
 * Deletes the sessions of `userId` (all, or all but `exceptId`) inside the caller's transaction;
 * returns how many ended. Deleting, not suspending: a reactivated user's old cookie stays dead.
 */
export function endSessionsOfUser(tx: Conn, userId: number, exceptId?: string | null): number {
  const where = exceptId ? and(eq(session.userId, userId), ne(session.id, exceptId)) : eq(session.userId, userId);
  return tx.delete(session).where(where).run().changes;
}

/** Ends one of the actor's own sessions by its handle (404 for anything else). */
export function endOwnSession(actor: Actor, handle: string) {
  return command(actor, "manage:own-account", (tx, audit) => {
    const target = tx
      .select()
      .from(session)
      .where(eq(session.userId, actor.id))
      .all()
      .find((row) => sessionHandle(row.id) === handle);
    if (!target) throw new NotFoundError("session", handle);
    tx.delete(session).where(eq(session.id, target.id)).run();
    audit({
      action: "logout",
      entityType: "session",
      entityId: actor.id,
      entityLabel: actor.name,
      after: { ended: "by-owner", session: handle, startedAt: target.createdAt },
    });
    return { ended: 1 };
  });
}

/** Ends every session of the actor except the one making the request. */
export function endOtherOwnSessions(actor: Actor, currentSessionId: string) {
  return command(actor, "manage:own-account", (tx, audit) => {
    const ended = endSessionsOfUser(tx, actor.id, currentSessionId);
    if (ended > 0) audit({ action: "logout", entityType: "session", entityId: actor.id, entityLabel: actor.name, after: { ended: "others-by-owner", sessions: ended } });
    return { ended };
  });
}

/**
 * The actor changes their own password: the current one must be right; every other session of
 * theirs ends (someone who knew the old password may be signed in elsewhere).
 */
export async function changeOwnPassword(actor: Actor, currentSessionId: string, input: { currentPassword: string; newPassword: string }) {
  const row = getDb().select().from(user).where(eq(user.id, actor.id)).get();
  if (!row) throw new NotFoundError("user", actor.id);
  const ok = await argon2.verify(row.passwordHash, input.currentPassword).catch(() => false);
  if (!ok) throw ValidationError.field("currentPassword", "account.password.wrongCurrent");
  if (input.currentPassword === input.newPassword) throw ValidationError.field("newPassword", "account.password.same");
  const passwordHash = await hashPassword(input.newPassword);
  return command(actor, "manage:own-account", (tx, audit) => {
    const updated = tx
      .update(user)
      .set({ passwordHash, version: row.version + 1, updatedAt: nowIso(), updatedById: actor.id })
      .where(and(eq(user.id, actor.id), eq(user.passwordHash, row.passwordHash)))
      .returning({ id: user.id })
      .get();
    if (!updated) throw ValidationError.field("currentPassword", "account.password.wrongCurrent");
    const ended = endSessionsOfUser(tx, actor.id, currentSessionId);
    audit({
      action: "update",
      entityType: "user",
      entityId: actor.id,
      entityLabel: row.email,
      before: { version: row.version },
      after: { version: row.version + 1, password: "(cambiata dall'utente)", sessionsEnded: ended },
    });
    return { sessionsEnded: ended };
  });
}
