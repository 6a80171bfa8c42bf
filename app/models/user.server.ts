import argon2 from "argon2";
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne } from "drizzle-orm";
import { session, user } from "#db/schema";
import type { Role } from "~/domain/permissions";
import { requirePermission, type Actor } from "./actor.server";
import { appendAudit, auditView, changedFields } from "./audit.server";
import { getDb, nowIso } from "./db.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors.server";

export type User = typeof user.$inferSelect;
export type PublicUser = Omit<User, "passwordHash">;

export function withoutSecret({ passwordHash: _secret, ...rest }: User): PublicUser {
  return rest;
}

export function hashPassword(password: string) {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** The user for these credentials, or null. Runs argon2 even for unknown emails, to keep timing flat. */
export async function verifyLogin(email: string, password: string): Promise<PublicUser | null> {
  const found = getDb().select().from(user).where(eq(user.email, email.trim().toLowerCase())).get();
  const hash = found?.passwordHash ?? (await dummyHash());
  const ok = await argon2.verify(hash, password).catch(() => false);
  if (!found || !found.active || !ok) return null;
  return withoutSecret(found);
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}

export function getUserById(id: number): PublicUser | null {
  const found = getDb().select().from(user).where(eq(user.id, id)).get();
  return found ? withoutSecret(found) : null;
}

export function listUsers(actor: Actor): PublicUser[] {
  requirePermission(actor, "manage:users");
  return getDb().select().from(user).orderBy(asc(user.name)).all().map(withoutSecret);
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  active: boolean;
  password?: string;
}

export async function createUser(actor: Actor, input: UserInput & { password: string }) {
  requirePermission(actor, "manage:users");
  const passwordHash = await hashPassword(input.password);
  const db = getDb();
  return db.transaction((tx) => {
    const email = input.email.trim().toLowerCase();
    if (tx.select({ id: user.id }).from(user).where(eq(user.email, email)).get())
      throw ValidationError.field("email", "validation.duplicateCode", { code: email });
    const now = nowIso();
    const created = tx
      .insert(user)
      .values({ email, name: input.name, role: input.role, active: input.active, passwordHash, createdAt: now, updatedAt: now, updatedById: actor.id })
      .returning()
      .get();
    appendAudit(tx, actor, { action: "create", entityType: "user", entityId: created.id, entityLabel: created.email, after: auditView(created) });
    return withoutSecret(created);
  });
}

export async function updateUser(actor: Actor, id: number, version: number, input: UserInput) {
  requirePermission(actor, "manage:users");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const db = getDb();
  return db.transaction((tx) => {
    const current = tx.select().from(user).where(eq(user.id, id)).get();
    if (!current) throw new NotFoundError("user", id);
    if (current.version !== version) throw conflictFor(current);
    const email = input.email.trim().toLowerCase();
    if (tx.select({ id: user.id }).from(user).where(and(eq(user.email, email), ne(user.id, id))).get())
      throw ValidationError.field("email", "validation.duplicateCode", { code: email });
    const losesAdmin = current.role === "admin" && current.active && (input.role !== "admin" || !input.active);
    if (losesAdmin) {
      const otherAdmins = tx
        .select({ id: user.id })
        .from(user)
        .where(and(eq(user.role, "admin"), eq(user.active, true), ne(user.id, id)))
        .all();
      if (otherAdmins.length === 0) throw ValidationError.field("role", "validation.lastAdmin");
    }
    const next = { email, name: input.name, role: input.role, active: input.active };
    const diff = changedFields(current, next);
    if (!diff.changed && !passwordHash) return withoutSecret(current);
    const updated = tx
      .update(user)
      .set({ ...next, ...(passwordHash ? { passwordHash } : {}), version: current.version + 1, updatedAt: nowIso(), updatedById: actor.id })
      .where(and(eq(user.id, id), eq(user.version, version)))
      .returning()
      .get();
    if (!updated) throw conflictFor(current);
    // Deactivation, a new role or a password reset logs the user out everywhere. Sessions are
    // deleted, not suspended, so reactivating the user does not bring an old cookie back.
    const endsSessions = (current.active && !updated.active) || current.role !== updated.role || Boolean(passwordHash);
    const sessionsEnded = endsSessions ? tx.delete(session).where(eq(session.userId, id)).run().changes : 0;
    const after = passwordHash ? { ...diff.after, password: "(reimpostata)" } : { ...diff.after };
    if (endsSessions) Object.assign(after, { sessionsEnded });
    appendAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: id,
      entityLabel: updated.email,
      before: diff.before,
      after,
    });
    return withoutSecret(updated);
  });
}

function conflictFor(current: User) {
  const by = current.updatedById ? getUserById(current.updatedById) : null;
  return new ConflictError("user", current.id, by?.name ?? "—", current.updatedAt);
}
