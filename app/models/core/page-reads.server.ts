/**
 * Which tables a page's loaders read (issue 15), so the whole-page cache (app/server/page-cache.js)
 * retires a page only when one of *those* tables is written, not on every commit anywhere.
 *
 * How it knows: while a tracked request runs (`trackPageReads`, an AsyncLocalStorage scope around
 * Remix's handling of it), every statement better-sqlite3 executes on its behalf adds the tables its
 * SQL names to the request's read set; a cached read (read-cache.server.ts) that is reused without
 * running its queries adds the tables it declares. The SQL is matched word by word against the
 * schema's table names, so a column or alias that happens to spell a table only adds that table:
 * the set can be too large (a page retired for nothing), never too small.
 *
 * The version of a page is then the write counters (`table_change`, kept by triggers inside every
 * writing transaction, in any process) of the tables in its read set, plus today. The counters are
 * read when the request starts and again once its loaders are done; if one of its tables was written
 * in between, or it read a table without a counter (the import queue, the login throttle), it gets
 * no version and is not kept. The session table is the exception: the page cache checks the session
 * against the database at every reuse.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Statement } from "better-sqlite3";
import { today } from "~/utils/today.server";
import { databaseVersion, getDb } from "./db.server";

interface ReadSet {
  /** Counters when the request started. */
  before: ReadonlyMap<string, number>;
  tables: Set<string>;
  /** Read a table that has no write counter (its changes could not be seen). */
  uncounted: boolean;
  /** The version was taken: later reads (the render's, none expected) no longer count. */
  closed: boolean;
}

const scope = new AsyncLocalStorage<ReadSet | undefined>();

/** Read by every page anyway, and checked live by the page cache at each reuse. */
const CHECKED_AT_REUSE = new Set(["session"]);
/** The counters themselves, and SQLite's own. */
const NOT_DATA = new Set(["table_change", "sqlite_master", "sqlite_schema", "sqlite_sequence"]);

interface Schema {
  client: object;
  /** Every table and view, lower case. */
  known: Set<string>;
  counters: { version: string; values: Map<string, number> } | null;
  countersQuery: Statement;
  /** SQL text → the tables it names. */
  tablesOf: Map<string, string[]>;
}
let schema: Schema | null = null;

function currentSchema(): Schema {
  const client = getDb().$client;
  if (schema?.client !== client) {
    const known = new Set(
      (client.prepare("select lower(name) from sqlite_master where type in ('table', 'view')").pluck().all() as string[]),
    );
    schema = { client, known, counters: null, countersQuery: client.prepare("select name, changes from table_change").raw(), tablesOf: new Map() };
    instrument(client);
  }
  return schema;
}

/**
 * Every table's write counter now, read again only when something was committed since (the page
 * versions here and the cached reads' keys, read-cache.server.ts). The map is replaced, never
 * changed, when the counters move: callers may keep it as it was.
 */
export function writeCounters(): ReadonlyMap<string, number> {
  const current = currentSchema();
  const version = databaseVersion();
  if (current.counters?.version !== version) {
    const values = new Map<string, number>();
    for (const [name, changes] of current.countersQuery.all() as [string, number][]) values.set(name, changes);
    current.counters = { version, values };
  }
  return current.counters.values;
}

function tablesIn(source: string): string[] {
  const current = schema!;
  let tables = current.tablesOf.get(source);
  if (!tables) {
    const found = new Set<string>();
    for (const word of source.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (current.known.has(word) && !NOT_DATA.has(word)) found.add(word);
    tables = [...found];
    // Statements built with values inlined would grow this without bound.
    if (current.tablesOf.size > 5000) current.tablesOf.clear();
    current.tablesOf.set(source, tables);
  }
  return tables;
}

function note(tables: readonly string[]) {
  const reads = scope.getStore();
  if (!reads || reads.closed) return;
  const counters = reads.before;
  for (const table of tables) {
    reads.tables.add(table);
    if (!counters.has(table) && !CHECKED_AT_REUSE.has(table)) reads.uncounted = true;
  }
}

const instrumented = new WeakSet<object>();

/** Statements record what they read: the executing methods of better-sqlite3's Statement, wrapped once. */
function instrument(client: ReturnType<typeof getDb>["$client"]) {
  const prototype = Object.getPrototypeOf(client.prepare("select 1")) as Record<string, unknown>;
  if (instrumented.has(prototype)) return;
  instrumented.add(prototype);
  for (const method of ["all", "get", "iterate", "run"] as const) {
    const original = prototype[method] as (this: Statement, ...args: unknown[]) => unknown;
    prototype[method] = function (this: Statement, ...args: unknown[]) {
      if (scope.getStore()) note(tablesIn(this.source));
      return original.apply(this, args);
    };
  }
}

/** A cached value reused without running its queries still depends on the tables it declares. */
export const notePageReads: (tables: readonly string[]) => void = note;

function newReadSet(): ReadSet {
  currentSchema();
  return { before: writeCounters(), tables: new Set(), uncounted: false, closed: false };
}

/** Runs `handle` (Remix answering one request) recording what it reads. */
export function trackPageReads<T>(handle: () => T): T {
  return scope.run(newReadSet(), handle);
}

/**
 * Runs `compute` recording the tables its statements read, whether prepared now or earlier (tests
 * of cached reads: read-cache.server.ts refuses a computation that reads a table it did not declare).
 */
export function tablesReadBy<T>(compute: () => T): { value: T; tables: Set<string> } {
  const reads = newReadSet();
  const value = scope.run(reads, compute);
  return { value, tables: reads.tables };
}

/** Runs `handle` with no recording (a request that the page cache will not keep). */
export function untracked<T>(handle: () => T): T {
  return scope.run(undefined, handle);
}

/**
 * What the whole-page cache compares first before reusing a page: the database's version (any
 * commit anywhere changes it) and today's date. When it differs, `pageReadsCurrent` decides.
 */
export function pageCacheVersion(): string {
  return `${databaseVersion()}|${today()}`;
}

/**
 * Once the loaders are done: the page's version, `today|table=counter,…`, or null when it may not
 * be kept (not tracked, read a table without a counter, or one of its tables was written meanwhile).
 */
export function pageReadsVersion(): string | null {
  const reads = scope.getStore();
  if (!reads || reads.closed) return null;
  reads.closed = true;
  if (reads.uncounted) return null;
  const now = writeCounters();
  const parts: string[] = [];
  for (const table of [...reads.tables].sort()) {
    if (CHECKED_AT_REUSE.has(table)) continue;
    const count = now.get(table);
    if (count === undefined || count !== reads.before.get(table)) return null;
    parts.push(`${table}=${count}`);
  }
  return `${today()}|${parts.join(",")}`;
}

/** Whether a page with this version (from `pageReadsVersion`) would read the same data today. */
export function pageReadsCurrent(version: string): boolean {
  const bar = version.indexOf("|");
  if (version.slice(0, bar) !== today()) return false;
  const now = writeCounters();
  const list = version.slice(bar + 1);
  if (!list) return true;
  for (const part of list.split(",")) {
    const equals = part.indexOf("=");
    if (now.get(part.slice(0, equals)) !== Number(part.slice(equals + 1))) return false;
  }
  return true;
}
