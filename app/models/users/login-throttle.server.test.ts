import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import { login } from "./auth.server";
import { getDb } from "../core/db.server";
import { loginThrottle } from "#db/schema";
import { ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_MS, ADDRESS_MAX_FAILURES, ADDRESS_WINDOW_MS, accountDelayMs } from "./login-throttle.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const PASSWORD = "Traguardi-2025!";
const T0 = Date.parse("2026-12-01T10:00:00Z");

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

describe("login throttle", { timeout: 60_000 }, () => {
  it("stops an attacker's address whatever accounts it rotates, and lets the real user in from elsewhere", async () => {
    const attacker = "203.0.113.7";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await login(`nobody${i}@example.it`, "guess", attacker, { now: T0 + i * 1000 })).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await login("responsabile@traguardi.demo", PASSWORD, attacker, { now: T0 + 20_000 });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited", scope: "address" });
    if (!blocked.ok && blocked.reason === "rate_limited") expect(blocked.retryAfterSeconds).toBeGreaterThan(60);
    // The real user, from their own address, is not affected.
    expect((await login("responsabile@traguardi.demo", PASSWORD, "198.51.100.20", { now: T0 + 21_000 })).ok).toBe(true);
    // After the window the attacker's address may try again.
    expect(await login("nobody@example.it", "guess", attacker, { now: T0 + ADDRESS_WINDOW_MS + 1000 })).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down guesses at one account from many addresses, without locking its owner out", async () => {
    const email = "revisore@traguardi.demo";
    let now = T0;
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      now += 100;
      expect(await login(email, "guess", `192.0.2.${i}`, { now: now })).toEqual({ ok: false, reason: "invalid" });
    }
    // The next attempt, from yet another address, must wait: 429 with a short retry, not a lockout.
    const slowed = await login(email, PASSWORD, "192.0.2.200", { now: now + 10 });
    expect(slowed).toMatchObject({ ok: false, reason: "rate_limited", scope: "account", retryAfterSeconds: 30 });
    // Spamming while waiting does not make the wait longer.
    for (let i = 0; i < 20; i++) await login(email, "guess", `192.0.2.${100 + i}`, { now: now + 20 + i });
    const stillShort = await login(email, PASSWORD, "192.0.2.201", { now: now + 500 });
    expect(stillShort).toMatchObject({ reason: "rate_limited", retryAfterSeconds: 30 });
    // After the wait the owner's right password logs in, and the backoff is cleared.
    expect((await login(email, PASSWORD, "198.51.100.30", { now: now + accountDelayMs(ACCOUNT_FREE_FAILURES) + 10 })).ok).toBe(true);
    expect(getDb().select().from(loginThrottle).all().some((row) => row.key === `account:${email}`)).toBe(false);
  });

  it("doubles the account delay up to a cap", () => {
    expect(accountDelayMs(ACCOUNT_FREE_FAILURES - 1)).toBe(0);
    expect(accountDelayMs(ACCOUNT_FREE_FAILURES + 1)).toBe(2 * accountDelayMs(ACCOUNT_FREE_FAILURES));
    expect(accountDelayMs(1000)).toBe(ACCOUNT_MAX_DELAY_MS);
  });

  it("keeps its counters in the database, so another process (or a restart) sees them", async () => {
    const attacker = "203.0.113.99";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await login(`x${i}@example.it`, "guess", attacker, { now: T0 + i });
    // Simulate a restart: close this process's connection; the next call opens a new one.
    getDb().$client.close();
    (globalThis as { __traguardiDb?: unknown }).__traguardiDb = undefined;
    expect(await login("x@example.it", "guess", attacker, { now: T0 + 100 })).toMatchObject({ reason: "rate_limited", scope: "address" });
  });
});
