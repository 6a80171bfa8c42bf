/**
 * npm run bench:export — the filtered ledger exported as CSV and XLSX at 1,000,000 entries
 * (issue 12.4), through the real route (app/routes/finance.export.tsx, called with a signed
 * session cookie) and its streams, to /dev/null. A fresh copy of the demo database (bench/.tmp/)
 * gets 1,000,000 more entries over the demo's lines, seeded in a child process in one transaction
 * with one prepared statement (as one bulk batch, whose monthly totals are added in one statement,
 * like the import's publish). This process then only loads the route and streams.
 * For each export: time, bytes, rows, and the peak RSS against the RSS just before it (the
 * baseline of the same run); a second pass with a filter (one line, free text) shows a filtered one.
 * Target: the peak stays flat as the ledger grows (a stream, not a table in memory).
 * The last line is fixed.
 */
import argon2 from "argon2";
import { createCookie } from "@remix-run/node";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";

const ENTRIES = Number(process.env.BENCH_EXPORT_ENTRIES ?? 1_000_000);
const dir = path.resolve("bench/.tmp");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "export-bench.db");
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET = "bench-session-secret";
process.env.TRAGUARDI_TODAY = "2026-06-30";
process.env.NODE_ENV = "production";

// ---------------------------------------------------------------- data (child process)
if (process.argv[2] === "--seed") {
  const db = openDatabase(file);
  migrateDatabase(db);
  seedDemo(db, await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id }));
  const sqlite = db.$client;
  const started = performance.now();
  const lines = sqlite.prepare("select id, code from budget_line order by id").all() as { id: number; code: string }[];
  const cigs = sqlite.prepare("select cig from procurement_procedure order by id").pluck().all() as string[];
  const financeId = sqlite.prepare("select id from user where role = 'finance' limit 1").pluck().get() as number;
  const now = new Date().toISOString();
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const start = Date.UTC(2023, 0, 2);
  const days = Math.round((Date.UTC(2026, 5, 30) - start) / 86_400_000);
  sqlite.transaction(() => {
    // One bulk batch: the per-row monthly-total trigger skips it; the totals are added below at once.
    const batchId = Number(
      sqlite
        .prepare("insert into import_batch (programme_id, file_name, file_hash, row_count, imported_count, skipped_count, imported_by_id, imported_by_name, imported_at, bulk) values (1, 'bench-export.csv', 'bench-export', ?, ?, 0, ?, 'Bench', ?, 1)")
        .run(ENTRIES, ENTRIES, financeId, now).lastInsertRowid,
    );
    const insert = sqlite.prepare(
      "insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, import_batch_id, fingerprint, created_at, created_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < ENTRIES; i++) {
      const line = lines[i % lines.length];
      const commitment = i % 5 === 0;
      const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
      const amount = commitment ? 500_000 + Math.floor(random() * 5_000_000) : 100 + Math.floor(random() * 500_000);
      insert.run(
        line.id,
        commitment ? "commitment" : "payment",
        date,
        amount,
        `Fornitore ${i % 97} S.r.l.`,
        cigs[i % cigs.length],
        `${commitment ? "DET" : "FT"}-${i}`,
        `Canone; lotto ${i % 13} "servizi" =SOMMA(A1)`, // a separator, quotes and a formula-like cell
        batchId,
        `bench-export-${i}`,
        now,
        financeId,
      );
    }
    sqlite
      .prepare(
        `insert into ledger_month (budget_line_id, kind, month, amount_cents, entry_count)
           select budget_line_id, kind, substr(entry_date, 1, 7), sum(amount_cents), count(*) from ledger_entry group by 1, 2, 3 having true
         on conflict (budget_line_id, kind, month) do update set amount_cents = excluded.amount_cents, entry_count = excluded.entry_count`,
      )
      .run();
    sqlite.prepare("insert into session (id, user_id, created_at, expires_at) values ('bench-export-session', ?, ?, '2999-01-01T00:00:00Z')").run(financeId, now);
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("analyze");
  console.log(`seeded ${ENTRIES.toLocaleString("en")} entries in ${((performance.now() - started) / 1000).toFixed(1)} s, database ${(fs.statSync(file).size / 1_048_576).toFixed(0)} MB`);
  db.$client.close();
  process.exit(0);
}
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--seed"], { stdio: "inherit", env: process.env });

// ---------------------------------------------------------------- measurements
const check = openDatabase(file);
const AS_OF = "2026-06-30";
const total = check.$client.prepare("select count(*) from ledger_entry where entry_date <= ?").pluck().get(AS_OF) as number;
const wp1Cloud = check.$client.prepare("select id from budget_line where code = 'WP1-CLOUD'").pluck().get() as number;
const filteredTotal = check.$client
  .prepare("select count(*) from ledger_entry where entry_date <= ? and budget_line_id = ? and (supplier like '%Fornitore 7%' or document_number like '%Fornitore 7%' or description like '%Fornitore 7%' or cig like '%Fornitore 7%')")
  .pluck()
  .get(AS_OF, wp1Cloud) as number;
check.$client.close();

const { loader } = await import("../app/routes/finance.export");
const cookie = createCookie("traguardi_session", { secrets: [process.env.SESSION_SECRET!] });
const cookieHeader = (await cookie.serialize("bench-export-session")).split(";")[0];
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
const highWaterMark = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
const resetHighWaterMark = () => {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
};

interface Run {
  label: string;
  seconds: number;
  bytes: number;
  rows: number;
  baseline: number;
  peak: number;
}

/** Streams one export through the route to /dev/null, counting bytes and line breaks on the way. */
async function exportOnce(label: string, query: string): Promise<Run> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const baseline = process.memoryUsage().rss;
  const kernelPeak = resetHighWaterMark();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const response = (await loader({ request: new Request(`http://localhost/finance/export?${query}`, { headers: { Cookie: cookieHeader } }), params: {}, context: {} })) as Response;
  if (response.status !== 200 || !response.body) throw new Error(`${label}: status ${response.status}`);
  let bytes = 0;
  let newlines = 0;
  const sink = fs.createWriteStream("/dev/null");
  await pipeline(
    response.body as unknown as AsyncIterable<Uint8Array>,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
        sink.write(chunk, done);
      },
    }),
  );
  sink.end();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, kernelPeak ? highWaterMark() : 0);
  return { label, seconds, bytes, rows: newlines, baseline, peak };
}

const runs: Run[] = [];
const csvRun = await exportOnce("CSV", `view=ledger&format=csv&asOf=${AS_OF}`);
// Every entry is a row; descriptions hold no line breaks, so rows = lines − the header line.
csvRun.rows -= 1;
if (csvRun.rows !== total) throw new Error(`The CSV holds ${csvRun.rows} entries of ${total}`);
runs.push(csvRun);
const xlsxRun = await exportOnce("XLSX", `view=ledger&format=xlsx&asOf=${AS_OF}`);
xlsxRun.rows = total; // zipped: the rows are counted by the model test that reads a split workbook back
runs.push(xlsxRun);
const filtered = await exportOnce("CSV, one line + free text", `view=ledger&format=csv&asOf=${AS_OF}&line=${wp1Cloud}&q=${encodeURIComponent("Fornitore 7")}`);
filtered.rows -= 1;
if (filtered.rows !== filteredTotal) throw new Error(`The filtered CSV holds ${filtered.rows} entries of ${filteredTotal}`);
runs.push(filtered);

for (const run of runs)
  console.log(
    `${run.label}: ${run.rows.toLocaleString("en")} rows, ${mb(run.bytes)} MB in ${run.seconds.toFixed(1)} s (${Math.round(run.rows / run.seconds).toLocaleString("en")} rows/s), rss ${mb(run.baseline)} MB before, peak ${mb(run.peak)} MB (+${mb(run.peak - run.baseline)} MB)`,
  );
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
console.log(
  `ledger export ${total} rows: csv ${csvRun.seconds.toFixed(1)} s ${mb(csvRun.bytes)} MB, xlsx ${xlsxRun.seconds.toFixed(1)} s ${mb(xlsxRun.bytes)} MB, rss before ${mb(Math.min(csvRun.baseline, xlsxRun.baseline))} MB, peak ${mb(Math.max(csvRun.peak, xlsxRun.peak))} MB`,
);
process.exit(0);
