import { openDatabase, type Db } from "#db/client";

/** One connection per process; kept on globalThis so dev rebuilds don't leak handles. */
const holder = globalThis as unknown as { __traguardiDb?: Db; __traguardiDbPath?: string };

export function getDb(): Db {
  const file = process.env.DATABASE_PATH ?? "";
  if (!holder.__traguardiDb || holder.__traguardiDbPath !== file) {
    holder.__traguardiDb?.$client.close();
    holder.__traguardiDb = immediateTransactions(openDatabase(file || undefined));
    holder.__traguardiDbPath = file;
  }
  return holder.__traguardiDb;
}

/**
 * Every top-level transaction begins IMMEDIATE (takes the write lock at once, waiting up to the
 * busy timeout). With several worker processes, a DEFERRED transaction that reads and then writes
 * fails at once with SQLITE_BUSY when another process committed in between (the busy timeout does
 * not apply to that upgrade); taking the lock first makes concurrent writers simply queue.
 */
function immediateTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((work: Parameters<Db["transaction"]>[0], config?: Parameters<Db["transaction"]>[1]) =>
    transaction(work, { behavior: "immediate", ...config })) as Db["transaction"];
  return db;
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle usable both inside and outside a transaction. */
export type Conn = Db | Tx;

let seedClock: { next: number } | null = null;

/** The time stamped on records and audit entries: the real clock, except inside `withSeedClock`. */
export function nowIso() {
  if (seedClock) {
    const at = new Date(seedClock.next).toISOString();
    seedClock.next += 1000;
    return at;
  }
  return new Date().toISOString();
}

/**
 * Runs `fn` (synchronous) with the record clock set to `startIso`, one second further at every
 * stamp, so records the demo seed backdates (checklists completed and verified before the report
 * that attests them) carry plausible, ordered times instead of the seeding moment. Seed only.
 */
export function withSeedClock<T>(startIso: string, fn: () => T): T {
  const previous = seedClock;
  seedClock = { next: Date.parse(startIso) };
  try {
    return fn();
  } finally {
    seedClock = previous;
  }
}

const versionQueries = new WeakMap<object, { get(): unknown }>();

/**
 * A value that changes whenever anything is committed to the database, by any connection in any
 * process: SQLite's `data_version` moves on other connections' commits, `total_changes()` on this
 * connection's own writes. The whole-page cache (app/server/page-cache.js) keeps a page only while
 * this stays the same.
 */
export function databaseVersion(): string {
  const db = getDb();
  let query = versionQueries.get(db);
  if (!query) {
    query = db.$client.prepare("select (select data_version from pragma_data_version) || ':' || total_changes() as version").pluck();
    versionQueries.set(db, query);
  }
  return String(query.get());
}
