import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { listAudit } from "~/models/audit/audit.server";
import { endSession, getSessionUser, login } from "./auth.server";
import { ADDRESS_MAX_FAILURES } from "./login-throttle.server";
import { ValidationError, PermissionError } from "~/models/core/errors.server";
import { createUser, listUsers, updateUser } from "./user.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const admin: Actor = { id: 1, name: "Paolo Venturi", role: "admin" };
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

describe("login and sessions", { timeout: 60_000 }, () => {
  it("opens a session for the right password and audits it", async () => {
    const result = await login("Responsabile@traguardi.demo ", "Traguardi-2025!", "10.0.0.1");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(getSessionUser(result.sessionId)?.email).toBe("responsabile@traguardi.demo");
    expect(listAudit(admin, { entityType: "session", includeSessions: true }).entries[0]).toMatchObject({ action: "login", actorName: "Giulia Ferri" });
    endSession(result.sessionId);
    expect(getSessionUser(result.sessionId)).toBeNull();
  });

  it("throttles an address after repeated failures, even with the right password", async () => {
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) expect(await login(`user${i}@traguardi.demo`, "wrong", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    const blocked = await login("revisore@traguardi.demo", "Traguardi-2025!", "10.0.0.2");
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await login("revisore@traguardi.demo", "Traguardi-2025!", "10.0.0.3")).ok).toBe(true);
  });

  it("ends access for a deactivated user at once", async () => {
    const result = await login("finanza@traguardi.demo", "Traguardi-2025!", "10.0.0.4");
    if (!result.ok) throw new Error("login failed");
    const finance = listUsers(admin).find((u) => u.email === "finanza@traguardi.demo")!;
    await updateUser(admin, finance.id, finance.version, { email: finance.email, name: finance.name, role: "finance", active: false });
    expect(getSessionUser(result.sessionId)).toBeNull();
    expect((await login("finanza@traguardi.demo", "Traguardi-2025!", "10.0.0.5")).ok).toBe(false);
  });
});

describe("user administration", () => {
  it("is for admins only", async () => {
    await expect(createUser(manager, { email: "x@y.it", name: "X", role: "auditor", active: true, password: "0123456789" })).rejects.toThrow(PermissionError);
  });

  it("creates a user who can log in, and never audits the password", async () => {
    const created = await createUser(admin, { email: "Nuovo.Revisore@Regione.it", name: "Nuovo Revisore", role: "auditor", active: true, password: "una-password-lunga" });
    expect(created.email).toBe("nuovo.revisore@regione.it");
    expect((await login("nuovo.revisore@regione.it", "una-password-lunga", "10.0.0.6")).ok).toBe(true);
    const [entry] = listAudit(admin, { entityType: "user", entityId: String(created.id) }).entries;
    expect(JSON.stringify(entry)).not.toContain("argon2");
  });

  it("refuses to demote the last active admin", async () => {
    const self = listUsers(admin).find((u) => u.role === "admin")!;
    await expect(updateUser(admin, self.id, self.version, { email: self.email, name: self.name, role: "auditor", active: true })).rejects.toThrow(ValidationError);
  });
});
