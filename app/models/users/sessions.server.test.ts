import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "../core/actor.server";
import { listAudit } from "../audit/audit.server";
import { createSession, getSessionUser, login } from "./auth.server";
import { ValidationError } from "../core/errors.server";
import { getUserById, listUsers, updateUser, type PublicUser } from "./user.server";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession, listOwnSessions } from "./sessions.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const admin: Actor = { id: 1, name: "Paolo Venturi", role: "admin" };
const PASSWORD = "Traguardi-2025!";

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

function userByEmail(email: string): PublicUser {
  return listUsers(admin).find((u) => u.email === email)!;
}
function editOf(u: PublicUser) {
  return { email: u.email, name: u.name, role: u.role, active: u.active };
}

describe("sessions end with their user", { timeout: 60_000 }, () => {
  it("deactivation deletes sessions, so reactivation does not revive an old cookie", async () => {
    const finance = userByEmail("finanza@traguardi.demo");
    const old = createSession(finance);
    await updateUser(admin, finance.id, finance.version, { ...editOf(finance), active: false });
    const off = getUserById(finance.id)!;
    await updateUser(admin, off.id, off.version, { ...editOf(off), active: true });
    expect(getSessionUser(old.id)).toBeNull();
    const entries = listAudit(admin, { entityType: "user", entityId: String(finance.id) }).entries;
    expect(entries.some((entry) => JSON.stringify(entry).includes('"sessionsEnded":1'))).toBe(true);
  });

  it("a role change and an admin's password reset end sessions; a name change does not", async () => {
    const auditor = userByEmail("revisore@traguardi.demo");
    const kept = createSession(auditor);
    await updateUser(admin, auditor.id, auditor.version, { ...editOf(auditor), name: "Elena Conti R." });
    expect(getSessionUser(kept.id)).not.toBeNull();
    const renamed = getUserById(auditor.id)!;
    await updateUser(admin, renamed.id, renamed.version, { ...editOf(renamed), role: "finance" });
    expect(getSessionUser(kept.id)).toBeNull();
    const second = createSession(getUserById(auditor.id)!);
    const now = getUserById(auditor.id)!;
    await updateUser(admin, now.id, now.version, { ...editOf(now), role: "auditor", password: "nuova-password-1" });
    expect(getSessionUser(second.id)).toBeNull();
  });

  it("a user changing their own password keeps this session and ends the others", async () => {
    const manager = userByEmail("responsabile@traguardi.demo");
    const actor: Actor = { id: manager.id, name: manager.name, role: manager.role };
    const here = createSession(manager);
    const elsewhere = createSession(manager);
    await expect(changeOwnPassword(actor, here.id, { currentPassword: "wrong", newPassword: "un-altra-password" })).rejects.toThrow(ValidationError);
    expect(getSessionUser(elsewhere.id)).not.toBeNull();
    await changeOwnPassword(actor, here.id, { currentPassword: PASSWORD, newPassword: "un-altra-password" });
    expect(getSessionUser(here.id)).not.toBeNull();
    expect(getSessionUser(elsewhere.id)).toBeNull();
    expect((await login(manager.email, PASSWORD, "10.9.0.1")).ok).toBe(false);
    expect((await login(manager.email, "un-altra-password", "10.9.0.1")).ok).toBe(true);
  });

  it("a user sees only their own sessions and ends one or all the others, audited", () => {
    const auditor = userByEmail("admin@traguardi.demo");
    const actor: Actor = { id: auditor.id, name: auditor.name, role: auditor.role };
    const here = createSession(auditor, { userAgent: "Firefox", clientAddress: "10.1.1.1" });
    const a = createSession(auditor);
    createSession(auditor);
    const otherUser = createSession(userByEmail("finanza@traguardi.demo"));
    const mine = listOwnSessions(actor, here.id);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    expect(mine.find((s) => s.current)).toMatchObject({ userAgent: "Firefox", clientAddress: "10.1.1.1" });
    expect(JSON.stringify(mine)).not.toContain(here.id);
    const target = listOwnSessions(actor, a.id).find((s) => s.current)!.handle;
    endOwnSession(actor, target);
    expect(getSessionUser(a.id)).toBeNull();
    // Someone else's session is not theirs to end.
    const foreign = listOwnSessions({ ...actor, id: userByEmail("finanza@traguardi.demo").id }, otherUser.id).find((s) => s.current)!.handle;
    expect(() => endOwnSession(actor, foreign)).toThrow();
    expect(endOtherOwnSessions(actor, here.id).ended).toBe(1);
    expect(listOwnSessions(actor, here.id)).toHaveLength(1);
    expect(getSessionUser(otherUser.id)).not.toBeNull();
    const logouts = listAudit(admin, { entityType: "session", includeSessions: true }).entries.filter((e) => e.action === "logout" && e.actorName === auditor.name);
    expect(logouts.length).toBeGreaterThanOrEqual(2);
  });
});
