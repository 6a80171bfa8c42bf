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

/**
 * V8 flags for the serving processes (issue 15): appended to the primary's own execArgv for the
 * workers, and set in the primary itself where V8 still takes them after start (see index.js).
 * By default the old generation may grow to 1.2× what survived the last full collection instead of
 * V8's up to 4×: a process's live data is ~30 MB (a heap snapshot) and what piles up between
 * collections is the garbage of finished requests (bench:load saw 240–250 MB of heap used per
 * worker at its peak with V8's defaults). The young generation's semi-spaces are capped at 4 MB
 * (V8 grows them to 16 MB under load). bench:load with two serving processes: rss 368 MB at 1.2×
 * against 472 MB at 1.5×, p99 422 ms against 359 ms (the README's Decisions has the other sizes
 * tried). No hard cap: a big export or a 30,000-task Gantt still gets the memory it needs.
 * TRAGUARDI_WORKER_V8_FLAGS replaces the default (space-separated; empty for V8's own defaults).
 * @param {Record<string, string | undefined>} env
 */
export function workerV8Flags(env) {
  const raw = env.TRAGUARDI_WORKER_V8_FLAGS;
  if (raw === undefined) return [...DEFAULT_WORKER_V8_FLAGS];
  const flags = raw.split(/\s+/).filter(Boolean);
  const wrong = flags.find((flag) => !/^--[a-z0-9-]+(=[\w.-]+)?$/i.test(flag));
  if (wrong) throw new Error(`TRAGUARDI_WORKER_V8_FLAGS must be V8 flags like --heap-growing-percent=50, got ${JSON.stringify(wrong)}`);
  return flags;
}
export const DEFAULT_WORKER_V8_FLAGS = ["--heap-growing-percent=20", "--max-semi-space-size=4"];

/** Flags V8 only reads when the heap is set up: the primary can take them from its command line only. */
export const startupOnlyV8Flag = /^--(?:max|min)-semi-space-size=|^--max-old-space-size=|^--max-heap-size=|^--initial-(?:old-space|heap)-size=/;

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
    maxInFlight: intFromEnv(env, "TRAGUARDI_MAX_INFLIGHT", 2),
    /** Memory per worker for the whole-page cache (page-cache.js), in MiB; 0 turns it off. */
    pageCacheBytes: intFromEnv(env, "TRAGUARDI_PAGE_CACHE_MB", 16) * MiB,
    workerV8Flags: workerV8Flags(env),
  };
}
