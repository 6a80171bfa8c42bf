// Production server settings, read once from the environment. Plain ESM JavaScript so `npm start`
// runs with node alone (no compiler in production); the README's Configuration table lists them.
import os from "node:os";

const MiB = 1024 * 1024;

/**
 * A non-negative integer from the environment, or the fallback when unset; a typo stops the server.
 * @param {Record<string, string | undefined>} env @param {string} name @param {number} fallback
 */
export function intFromEnv(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Paths that accept file uploads and so get the larger body limit: the ledger, completions and
 * catalogue imports, and anything under /documents or /procurement (future document uploads).
 * `.data` is Remix's single-fetch suffix for the same route.
 */
export const uploadPathPattern = /^\/(?:finance\/import|training\/import|indicators\/catalogue|(?:documents|procurement)(?:\/.*)?)(?:\.data)?$/;

/** @param {Record<string, string | undefined>} env */
export function serverConfig(env = process.env) {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const workersRaw = env.TRAGUARDI_WORKERS ?? env.WEB_CONCURRENCY;
  return {
    port: intFromEnv(env, "PORT", 3000),
    host: env.HOST || undefined,
    workers: Math.max(1, intFromEnv({ W: workersRaw }, "W", cores)),
    trustedProxies: intFromEnv(env, "TRUSTED_PROXIES", 0),
    bodyLimit: intFromEnv(env, "TRAGUARDI_BODY_LIMIT", 1 * MiB),
    uploadLimit: intFromEnv(env, "TRAGUARDI_UPLOAD_LIMIT", 64 * MiB),
    logRequests: env.TRAGUARDI_LOG_REQUESTS === "1",
    maxInFlight: intFromEnv(env, "TRAGUARDI_MAX_INFLIGHT", 8),
  };
}
