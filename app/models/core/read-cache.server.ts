/**
 * Cached reads (issue 15): a computed page model (the training overview, the dashboard's states,
 * the Gantt's rows…) is kept in this worker's memory and reused until a table it reads is written.
 *
 * Correct across processes: triggers (migration `table_change_triggers`) add 1 to a table's counter
 * in `table_change` on every row any connection inserts, updates or deletes, inside the writing
 * transaction. Before computing or reusing a value we read the counters of the tables the
 * computation declares; another worker's committed write changes them, so the next request here
 * recomputes. Reading the counters before computing means a value can only be newer than its key,
 * never older. Inside an open transaction nothing is cached (it might roll back).
 *
 * A computation declares the tables it reads. Outside production every miss records the statements
 * the computation executes (page-reads.server.ts, prepared now or earlier) and throws when one
 * touches a table it did not declare, so the model tests catch a new query on a new table. Cached
 * values are frozen: callers must copy, not mutate.
 */
import { getDb } from "./db.server";
import { notePageReads, tablesReadBy, writeCounters } from "./page-reads.server";

/** Tables with a write counter (db/migrations/…_table_change_triggers.sql). */
export const COUNTED_TABLES = [
  "audit_log",
  "budget_line",
  "budget_line_profile",
  "checklist",
  "checklist_answer",
  "checklist_answer_document",
  "checklist_event",
  "checklist_template",
  "checklist_template_item",
  "deadline_gate",
  "dependency",
  "document",
  "document_verification",
  "expense_report",
  "expense_report_event",
  "expense_report_item",
  "gantt_change",
  "health_authority",
  "import_batch",
  "import_profile",
  "indicator",
  "indicator_measurement",
  "ledger_entry",
  "ledger_month",
  "milestone",
  "milestone_catalogue_link",
  "month_close",
  "pnrr_catalogue_item",
  "procedure_budget_line",
  "procedure_party",
  "procurement_procedure",
  "programme",
  "regis_pack",
  "snapshot",
  "supplier",
  "task",
  "training_completion",
  "training_import_batch",
  "training_session",
  "training_wave",
  "user",
  "work_package",
] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

/** Most entries one worker keeps (computations × their parameters); the oldest used goes first. */
const MAX_ENTRIES = 64;

const entries = new Map<string, { key: string; value: unknown }>();
const stats = { hits: 0, misses: 0 };

/** This worker's hit and miss counts since it started (for tests and the bench). */
export function readCacheStats() {
  return { ...stats, entries: entries.size };
}

/** Forgets every cached value (tests). */
export function clearReadCache() {
  entries.clear();
}

function countersOf(tables: readonly CountedTable[]): string {
  const counters = writeCounters();
  const missing = tables.filter((t) => !counters.has(t));
  if (missing.length)
    throw new Error(
      `read-cache: no write counter for ${missing.join(
        ", "
      )} (is the table_change migration applied?)`
    );
  return tables.map((t) => counters.get(t)).join(".");
}

/**
 * `compute()`'s value, reused while no table in `tables` has been written by anyone since. `name`
 * and `params` identify the computation and its inputs (the date it is computed for included);
 * check permissions before calling: the cache does not know who asks. `compute` must be
 * synchronous and depend on nothing but `params` and those tables.
 */
export function cachedRead<T>(
  name: string,
  params: readonly (string | number | boolean | null)[],
  tables: readonly CountedTable[],
  compute: () => T
): T {
  const client = getDb().$client;
  if (client.inTransaction) return compute();
  // The page showing this value depends on these tables, even when none of its queries runs.
  notePageReads(tables);
  const slot = `${name}|${JSON.stringify(params)}`;
  const key = countersOf(tables);
  const entry = entries.get(slot);
  if (entry && entry.key === key) {
    stats.hits++;
    // Most recently used last, so the first is the one to drop.
    entries.delete(slot);
    entries.set(slot, entry);
    return entry.value as T;
  }
  stats.misses++;
  const value =
    process.env.NODE_ENV === "production"
      ? compute()
      : checkedCompute(name, tables, compute);
  if (value instanceof Promise)
    throw new Error(`read-cache: ${name} must compute synchronously`);
  deepFreeze(value);
  entries.delete(slot);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(slot, { key, value });
  return value;
}

/** Runs `compute`, recording every statement it executes, and refuses undeclared tables. */
function checkedCompute<T>(
  name: string,
  tables: readonly CountedTable[],
  compute: () => T
): T {
  const { value, tables: seen } = tablesReadBy(compute);
  const declared = new Set<string>(tables);
  const undeclared = [...seen].filter((t) => !declared.has(t));
  if (undeclared.length)
    throw new Error(
      `read-cache: ${name} reads ${undeclared.join(
        ", "
      )} but declares only ${tables.join(", ")}`
    );
  return value;
}

function deepFreeze(value: unknown) {
  if (value === null || typeof value !== "object" || Object.isFrozen(value))
    return;
  Object.freeze(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
  } else if (value instanceof Set) {
    for (const v of value) deepFreeze(v);
  } else {
    for (const v of Object.values(value)) deepFreeze(v);
  }
}
