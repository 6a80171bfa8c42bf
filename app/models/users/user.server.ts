import argon2 from "argon2";
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne } from "drizzle-orm";
import { user } from "#db/schema";
import type { Role } from "~/domain/core/permissions";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, entity, insertAudited, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { getDb } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";

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

const userEntity = entity("user", user, (row) => row.email);

export async function createUser(actor: Actor, input: UserInput & { password: string }) {
  // argon2 is asynchronous, so the hash is made before the (synchronous) command; the route has
  // already refused anyone without manage:users, and the command checks it again.
  const passwordHash = await hashPassword(input.password);
  return command(actor, "manage:users", (tx) => {
    const email = input.email.trim().toLowerCase();
    if (tx.select({ id: user.id }).from(user).where(eq(user.email, email)).get())
      throw ValidationError.field("email", "validation.duplicateCode", { code: email });
    const created = insertAudited(tx, actor, userEntity, { email, name: input.name, role: input.role, active: input.active, passwordHash });
    return withoutSecret(created);
  });
}

export async function updateUser(actor: Actor, id: number, version: number, input: UserInput) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return command(actor, "manage:users", (tx) => {
    const current = loadVersioned(tx, userEntity, id, version);
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
    // A new password is a change even when nothing else is; the audit says so, never the hash.
    const updated = passwordHash
      ? updateVersioned(tx, actor, userEntity, current, next, { alsoWrite: { passwordHash }, extraAudit: { password: "(reimpostata)" }, force: true })
      : updateVersioned(tx, actor, userEntity, current, next);
    return withoutSecret(updated);
  });
}
