/**
 * npm run bench:spend — 1,000,000 ledger entries over 200 budget lines (42 months) in a fresh
 * SQLite file under bench/.tmp/. Times, in the same run:
 *   - the spend-vs-plan page's loader (app/routes/finance._index.tsx, called with a real signed
 *     session cookie: session lookup, programme, the spend model, S-curve and per-WP shaping);
 *   - the raw SQL it needs (SPEND_SQL run bare through better-sqlite3: profile, closed months from
 *     the trigger-kept monthly totals, the as-of month from the ledger);
 *   - for reference, the whole-ledger GROUP BY a page would need without the monthly totals.
 * Targets (issue 4): loader < 200 ms, ratio ≤ 1.5, RSS < 300 MB. The last line is fixed.
 */
import { createCookie } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase, openDatabase } from "../db/client";
import { spreadAmount } from "../app/domain/finance/profile";
import { ledgerFingerprint } from "../app/models/finance/ledger.server";

const LINES = 200;
const WORK_PACKAGES = 7;
const ENTRIES = 1_000_000;
const RUNS = 21;
const AS_OF = "2025-11-14";

const dir = path.resolve("bench/.tmp");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "spend-bench.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET = "bench-session-secret";
process.env.TRAGUARDI_TODAY = "2026-06-30";
process.env.NODE_ENV = "production";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------------------------------------------------------------- data
const setupStarted = performance.now();
const db = openDatabase(file);
migrateDatabase(db);
const sqlite = db.$client;
const now = new Date().toISOString();
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const start = Date.UTC(2023, 0, 2);
const days = Math.round((Date.UTC(2026, 5, 30) - start) / 86_400_000);
const dayOf = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);

sqlite.transaction(() => {
  sqlite.prepare("insert into user (email, name, role, password_hash, active, created_at, updated_at) values ('bench@traguardi.demo', 'Bench', 'finance', 'x', 1, ?, ?)").run(now, now);
  sqlite.prepare("insert into session (id, user_id, created_at, expires_at) values ('bench-session', 1, ?, '2999-01-01T00:00:00Z')").run(now);
  sqlite
    .prepare("insert into programme (slug, name, cup, measure_code, implementing_body, total_budget_cents, start_date, end_date, created_at, updated_at) values ('bench', 'Bench', 'E39J22001830006', 'M6C2I1.03.01', 'Regione', ?, '2023-01-02', '2026-06-30', ?, ?)")
    .run(LINES * 19_500_000_00 / 100, now, now);
  sqlite.prepare("insert into deadline_gate (programme_id, code, name, name_en, due_date) values (1, 'G1', 'Gate 1', 'Gate 1', '2025-12-31'), (1, 'G2', 'Gate 2', 'Gate 2', '2026-06-30')").run();
  const wp = sqlite.prepare("insert into work_package (programme_id, code, title, owner, start_date, end_date, gate_id, sort_order, created_at, updated_at) values (1, ?, ?, 'Bench', '2023-01-02', '2026-06-30', 1, ?, ?, ?)");
  for (let w = 1; w <= WORK_PACKAGES; w++) wp.run(`WP${w}`, `Work package ${w}`, w, now, now);
  const task = sqlite.prepare("insert into task (work_package_id, code, title, owner, start_date, end_date, progress, status, created_at, updated_at) values (?, ?, 'Task', 'Bench', '2023-01-02', '2026-06-30', ?, 'in_progress', ?, ?)");
  for (let w = 1; w <= WORK_PACKAGES; w++) for (let k = 1; k <= 5; k++) task.run(w, `WP${w}.${k}`, 40 + k * 5, now, now);
  const line = sqlite.prepare("insert into budget_line (programme_id, work_package_id, code, title, category, funding_source, cup, amount_cents, created_at, updated_at) values (1, ?, ?, ?, 'development', 'pnrr', 'E39J22001830006', ?, ?, ?)");
  const profile = sqlite.prepare("insert into budget_line_profile (budget_line_id, month, planned_cents) values (?, ?, ?)");
  for (let l = 1; l <= LINES; l++) {
    const amount = 19_500_000_00 / 100 + l;
    line.run((l % WORK_PACKAGES) + 1, `L${String(l).padStart(3, "0")}`, `Linea ${l}`, amount, now, now);
    for (const p of spreadAmount(amount, "2023-01", "2026-06", (["even", "front", "back"] as const)[l % 3])) profile.run(l, p.month, p.cents);
  }
})();

// The real insert path: one prepared statement per entry, the month-total trigger firing each time.
const insert = sqlite.prepare(
  "insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, fingerprint, created_at) values (?, ?, ?, ?, 'Fornitore', null, ?, '', ?, ?)",
);
const CHUNK = 100_000;
for (let done = 0; done < ENTRIES; done += CHUNK) {
  sqlite.transaction(() => {
    for (let i = done; i < done + CHUNK; i++) {
      const lineId = (i % LINES) + 1;
      const kind = i % 5 === 0 ? "commitment" : "payment";
      const date = dayOf(Math.floor(random() * days));
      const amount = 100 + Math.floor(random() * 500_000);
      const doc = `D${i}`;
      insert.run(lineId, kind, date, amount, doc, ledgerFingerprint({ lineCode: `L${lineId}`, kind, entryDate: date, amountCents: amount, supplier: "Fornitore", documentNumber: doc }), now);
    }
  })();
}
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.exec("analyze");
const setupMs = performance.now() - setupStarted;
const sizeMb = fs.statSync(file).size / 1_048_576;
console.log(`setup: ${LINES} lines, ${ENTRIES.toLocaleString("en")} entries in ${(setupMs / 1000).toFixed(1)} s, database ${sizeMb.toFixed(0)} MB`);

// ---------------------------------------------------------------- measurements
const { loader } = await import("../app/routes/finance._index");
const { SPEND_SQL } = await import("../app/models/finance/spend.server");
const cookie = createCookie("traguardi_session", { secrets: [process.env.SESSION_SECRET!] });
const cookieHeader = (await cookie.serialize("bench-session")).split(";")[0];

async function runLoader() {
  const request = new Request(`http://localhost/finance?asOf=${AS_OF}`, { headers: { Cookie: cookieHeader } });
  return (await loader({ request, params: {}, context: {} })) as Awaited<ReturnType<typeof loader>>;
}

const raw = {
  profile: sqlite.prepare(SPEND_SQL.profile).raw(),
  closedMonths: sqlite.prepare(SPEND_SQL.closedMonths).raw(),
  partialMonth: sqlite.prepare(SPEND_SQL.partialMonth).raw(),
};
function runRaw() {
  const a = raw.profile.all(1);
  const b = raw.closedMonths.all(1, AS_OF.slice(0, 7));
  const c = raw.partialMonth.all(`${AS_OF.slice(0, 7)}-01`, AS_OF, 1);
  return a.length + b.length + c.length;
}
const fullLedger = sqlite.prepare(
  "select budget_line_id, kind, substr(entry_date, 1, 7) as month, sum(amount_cents) from ledger_entry where entry_date <= ? group by budget_line_id, kind, month",
);

// Both paths must agree with a plain scan of the ledger before any timing means anything.
const check = await runLoader();
const truth = sqlite.prepare("select kind, sum(amount_cents) as total from ledger_entry where entry_date <= ? group by kind").all(AS_OF) as { kind: string; total: number }[];
if (check.summary.paid !== truth.find((r) => r.kind === "payment")!.total || check.summary.committed !== truth.find((r) => r.kind === "commitment")!.total)
  throw new Error("The loader's totals differ from a scan of the ledger");

const time = async (fn: () => unknown) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
for (let i = 0; i < 2; i++) {
  await runLoader();
  runRaw();
}
const loaderTimes: number[] = [];
const rawTimes: number[] = [];
// Interleaved, alternating which goes first, so load from other processes falls on both alike.
for (let i = 0; i < RUNS; i++) {
  if (i % 2 === 0) {
    loaderTimes.push(await time(runLoader));
    rawTimes.push(await time(runRaw));
  } else {
    rawTimes.push(await time(runRaw));
    loaderTimes.push(await time(runLoader));
  }
}
const fullTimes: number[] = [];
for (let i = 0; i < 3; i++) fullTimes.push(await time(() => fullLedger.all(AS_OF)));

const loaderMs = median(loaderTimes);
const rawMs = median(rawTimes);
const rss = process.memoryUsage().rss / 1_048_576;
console.log(`loader runs (ms): ${loaderTimes.map((t) => t.toFixed(1)).join(", ")}`);
console.log(`raw query runs (ms): ${rawTimes.map((t) => t.toFixed(1)).join(", ")}`);
console.log(`fastest runs: loader ${Math.min(...loaderTimes).toFixed(1)} ms, raw query ${Math.min(...rawTimes).toFixed(1)} ms, ratio ${(Math.min(...loaderTimes) / Math.min(...rawTimes)).toFixed(2)}; load average ${(await import("node:os")).loadavg()[0].toFixed(1)} on ${(await import("node:os")).cpus().length} cores`);
console.log(`reference: whole-ledger GROUP BY line × kind × month (covering index), median of 3: ${median(fullTimes).toFixed(0)} ms`);
console.log(`targets: loader < 200 ms, ratio ≤ 1.5, rss < 300 MB`);
console.log(`spend-vs-plan 1M entries: loader ${loaderMs.toFixed(1)} ms, raw query ${rawMs.toFixed(1)} ms, ratio ${(loaderMs / rawMs).toFixed(2)}, rss ${rss.toFixed(0)} MB`);
sqlite.close();
