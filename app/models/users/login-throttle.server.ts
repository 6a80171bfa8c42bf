/**
 * The login throttle, in SQLite so every worker process sees the same counters and a restart
 * forgets nothing.
 *
 * Two limits, checked before the password is verified:
 * - per client address (the socket's, or what TRUSTED_PROXIES trusted proxies report, never a
 *   header the client made up): ADDRESS_MAX_FAILURES failures in ADDRESS_WINDOW_MS, then 429 until
 *   the window ends. This stops one client guessing, whatever accounts or headers it rotates.
 * - per account: after ACCOUNT_FREE_FAILURES failures from anywhere, each further attempt must wait
 *   a delay that doubles with every failure, up to ACCOUNT_MAX_DELAY_MS. It slows a distributed
 *   guess down without ever locking the owner out: attempts refused while waiting do not count, so
 *   the wait never grows beyond the cap, and the right password after the wait logs in.
 */
import { eq, lt, sql } from "drizzle-orm";
import { loginThrottle } from "#db/schema";
import { getDb } from "../core/db.server";

export const ADDRESS_MAX_FAILURES = 10;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_BASE_DELAY_MS = 30_000;
export const ACCOUNT_MAX_DELAY_MS = 10 * 60_000;
/** An account's failures are forgotten after this long without one. */
export const ACCOUNT_MEMORY_MS = 60 * 60_000;

const addressKey = (address: string) => `address:${address.slice(0, 100)}`;
const accountKey = (email: string) => `account:${email.trim().toLowerCase().slice(0, 320)}`;

/** How long the account must wait after `failures` failures, in ms (0 while still free). */
export function accountDelayMs(failures: number) {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_MS, ACCOUNT_BASE_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; scope: "address" | "account" };

/** Whether an attempt from `address` for `email` may be checked now. */
export function checkLoginThrottle(address: string, email: string, now = Date.now()): ThrottleVerdict {
  const db = getDb();
  const byAddress = db.select().from(loginThrottle).where(eq(loginThrottle.key, addressKey(address))).get();
  if (byAddress && byAddress.failures >= ADDRESS_MAX_FAILURES) {
    const endsAt = Date.parse(byAddress.windowStartedAt) + ADDRESS_WINDOW_MS;
    if (endsAt > now) return { allowed: false, retryAfterMs: endsAt - now, scope: "address" };
  }
  const byAccount = db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(email))).get();
  if (byAccount && now - Date.parse(byAccount.lastFailureAt) < ACCOUNT_MEMORY_MS) {
    const readyAt = Date.parse(byAccount.lastFailureAt) + accountDelayMs(byAccount.failures);
    if (readyAt > now) return { allowed: false, retryAfterMs: readyAt - now, scope: "account" };
  }
  return { allowed: true };
}

/**
 * Counts one failure against the address (in its fixed window) and the account (forgotten after
 * an hour without failures). Atomic upserts, so concurrent workers never lose a count.
 */
export function recordLoginFailure(address: string, email: string, now = Date.now()) {
  const db = getDb();
  const at = new Date(now).toISOString();
  const windowStart = new Date(now - ADDRESS_WINDOW_MS).toISOString();
  const forgetBefore = new Date(now - ACCOUNT_MEMORY_MS).toISOString();
  db.transaction(
    (tx) => {
      tx.run(sql`insert into login_throttle (key, failures, window_started_at, last_failure_at) values (${addressKey(address)}, 1, ${at}, ${at})
        on conflict(key) do update set
          failures = case when window_started_at <= ${windowStart} then 1 else failures + 1 end,
          window_started_at = case when window_started_at <= ${windowStart} then ${at} else window_started_at end,
          last_failure_at = ${at}`);
      tx.run(sql`insert into login_throttle (key, failures, window_started_at, last_failure_at) values (${accountKey(email)}, 1, ${at}, ${at})
        on conflict(key) do update set
          failures = case when last_failure_at <= ${forgetBefore} then 1 else failures + 1 end,
          window_started_at = case when last_failure_at <= ${forgetBefore} then ${at} else window_started_at end,
          last_failure_at = ${at}`);
      // Sweep rows nobody needs any more.
      tx.delete(loginThrottle).where(lt(loginThrottle.lastFailureAt, new Date(now - 24 * 3_600_000).toISOString())).run();
    },
    { behavior: "immediate" },
  );
}

/** A successful login clears the account's backoff (not the address's count). */
export function clearAccountFailures(email: string) {
  getDb().delete(loginThrottle).where(eq(loginThrottle.key, accountKey(email))).run();
}
