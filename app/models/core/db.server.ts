import { openDatabase, type Db } from "#db/client";

/** One connection per process; kept on globalThis so dev rebuilds don't leak handles. */
const holder = globalThis as unknown as { __traguardiDb?: Db; __traguardiDbPath?: string };

export function getDb(): Db {
  const file = process.env.DATABASE_PATH ?? "";
  if (!holder.__traguardiDb || holder.__traguardiDbPath !== file) {
    holder.__traguardiDb?.$client.close();
    holder.__traguardiDb = openDatabase(file || undefined);
    holder.__traguardiDbPath = file;
  }
  return holder.__traguardiDb;
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle usable both inside and outside a transaction. */
export type Conn = Db | Tx;

export function nowIso() {
  return new Date().toISOString();
}
