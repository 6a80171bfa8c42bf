/**
 * npm run bench:snapshot — a programme of 5,000 tasks and 1,000,000 ledger entries in a fresh
 * SQLite file (bench/.tmp/), then: take a snapshot, its stored size, and a comparison of two
 * snapshots between which 500 tasks and 50 milestones moved. Baseline measured in the same run: one
 * plain SUM over the whole ledger (what a snapshot would cost if it aggregated the ledger itself).
 * Targets (issue 6): take < 2000 ms, size < 5 MB, compare < 500 ms. The last line is fixed.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase, openDatabase } from "../db/client";

const TASKS = 5_000;
const WORK_PACKAGES = 50;
const MILESTONES_PER_WP = 10;
const LINES_PER_WP = 4;
const ENTRIES = 1_000_000;
const RUNS = 3;

const dir = path.resolve("bench/.tmp");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "snapshot-bench.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => value.toFixed(0);

// ---------------------------------------------------------------- data
const setupStarted = performance.now();
const db = openDatabase(file);
migrateDatabase(db);
const sqlite = db.$client;
const now = new Date().toISOString();
const day = (offset: number) => {
  const date = new Date(Date.UTC(2023, 0, 2) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
};

sqlite.transaction(() => {
  sqlite
    .prepare(
      "insert into programme (slug, name, cup, measure_code, implementing_body, total_budget_cents, start_date, end_date, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
    )
    .run("bench", "Programma di prova (benchmark)", "E39J22001830006", "M6C2I1.03.01", "Regione di prova", 3_900_000_000, "2023-01-02", "2026-06-30", now, now);
  const gate = sqlite.prepare("insert into deadline_gate (programme_id, code, name, name_en, due_date, sort_order) values (1, ?, ?, ?, ?, ?)");
  gate.run("G1", "Prima scadenza", "First gate", "2025-12-31", 1);
  gate.run("G2", "Seconda scadenza", "Second gate", "2026-06-30", 2);
  const wp = sqlite.prepare(
    "insert into work_package (programme_id, code, title, description, owner, start_date, end_date, gate_id, sort_order, version, created_at, updated_at) values (1, ?, ?, '', ?, ?, ?, ?, ?, 1, ?, ?)",
  );
  const task = sqlite.prepare(
    "insert into task (work_package_id, code, title, owner, start_date, end_date, progress, status, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
  );
  const milestone = sqlite.prepare(
    "insert into milestone (work_package_id, code, title, due_date, achieved_date, eu_code, gate_id, version, created_at, updated_at) values (?, ?, ?, ?, null, null, ?, 1, ?, ?)",
  );
  const dependency = sqlite.prepare(
    "insert into dependency (programme_id, predecessor_task_id, successor_task_id, predecessor_key, successor_key, created_at) values (1, ?, ?, ?, ?, ?)",
  );
  const line = sqlite.prepare(
    "insert into budget_line (programme_id, work_package_id, code, title, category, funding_source, cup, amount_cents, version, created_at, updated_at) values (1, ?, ?, ?, 'development', 'pnrr', 'E39J22001830006', ?, 1, ?, ?)",
  );
  const tasksPerWp = TASKS / WORK_PACKAGES;
  let taskId = 0;
  for (let w = 1; w <= WORK_PACKAGES; w++) {
    const start = (w * 7) % 300;
    const end = start + 900;
    wp.run(`WP${w}`, `Work package di prova ${w}`, "Ente attuatore", day(start), day(end), w % 2 ? 1 : 2, w, now, now);
    for (let t = 1; t <= tasksPerWp; t++) {
      const tStart = start + ((t * 9) % 800);
      const progress = (t * 37) % 101;
      task.run(w, `WP${w}.${t}`, `Attività di prova ${w}.${t} con un titolo di lunghezza realistica`, "Responsabile", day(tStart), day(tStart + 60), progress, progress === 100 ? "completed" : "in_progress", now, now);
      taskId++;
      if (t > 1 && t % 2 === 0) dependency.run(taskId - 1, taskId, `t${taskId - 1}`, `t${taskId}`, now);
    }
    for (let m = 1; m <= MILESTONES_PER_WP; m++) milestone.run(w, `WP${w}.M${m}`, `Milestone di prova ${w}.${m}`, day(start + m * 80), w % 2 ? 1 : 2, now, now);
    for (let l = 1; l <= LINES_PER_WP; l++) line.run(w, `WP${w}-L${l}`, `Voce di budget ${w}.${l}`, 19_500_000_00 / (WORK_PACKAGES * LINES_PER_WP) * 2, now, now);
  }
})();

// One million entries over 42 months, through the ledger's own insert trigger (monthly totals).
const lines = WORK_PACKAGES * LINES_PER_WP;
const insertEntry = sqlite.prepare(
  "insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, fingerprint, created_at) values (?, ?, ?, ?, 'Fornitore di prova', null, ?, '', ?, ?)",
);
const BATCH = 100_000;
for (let batch = 0; batch < ENTRIES / BATCH; batch++) {
  sqlite.transaction(() => {
    for (let i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
      const lineId = (i % lines) + 1;
      insertEntry.run(lineId, i % 3 === 0 ? "commitment" : "payment", day((i * 7919) % 1270), 1_000 + (i % 50_000), `DOC-${i}`, `bench-${i}`, now);
    }
  })();
}
const setupMs = performance.now() - setupStarted;
const counts = sqlite.prepare("select (select count(*) from task) as tasks, (select count(*) from ledger_entry) as entries").get() as { tasks: number; entries: number };
console.log(`setup: ${counts.tasks} tasks, ${counts.entries} ledger entries in ${ms(setupMs)} ms (${(fs.statSync(file).size / 1_048_576).toFixed(0)} MB database)`);
sqlite.close();

// ---------------------------------------------------------------- measurements
process.env.DATABASE_PATH = file;
const { takeSnapshot, compareSnapshots, getSnapshot } = await import("../app/models/snapshots/snapshot.server");
const { getDb } = await import("../app/models/core/db.server");
const manager = { id: 0, name: "Benchmark", role: "manager" as const };
const asOf = "2025-11-14";

// Baseline: the whole ledger summed in one statement, as a snapshot that did not use the monthly totals would.
const baselineTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  getDb().$client.prepare("select budget_line_id, kind, sum(amount_cents) from ledger_entry where entry_date <= ? group by budget_line_id, kind").all(asOf);
  baselineTimes.push(performance.now() - started);
}

const takeTimes: number[] = [];
const taken: { id: number; sizeBytes: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  taken.push(takeSnapshot(manager, { label: `Benchmark ${run + 1}`, asOf }));
  takeTimes.push(performance.now() - started);
}
const sizeMb = taken[0].sizeBytes / 1_048_576;

// Move 500 tasks and 50 milestones, then snapshot again: the comparison has real work to do.
getDb().$client.transaction(() => {
  getDb().$client.prepare("update task set start_date = date(start_date, '+14 days'), end_date = date(end_date, '+14 days'), progress = min(100, progress + 5) where id % 10 = 0 and progress < 95").run();
  getDb().$client.prepare("update milestone set due_date = date(due_date, '+7 days') where id % 10 = 0").run();
})();
const later = takeSnapshot(manager, { label: "Benchmark dopo", asOf });
const compareTimes: number[] = [];
let moved = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const result = compareSnapshots(manager, taken[0].id, later.id, asOf);
  compareTimes.push(performance.now() - started);
  moved = result.diff.moved.length;
}
const content = getSnapshot(manager, later.id).content;

const take = median(takeTimes);
const compare = median(compareTimes);
const baseline = median(baselineTimes);
console.log(`content: ${content.plan.tasks.length} tasks, ${content.plan.milestones.length} milestones, ${content.finance?.budgetLines.length ?? 0} budget lines, ${content.finance?.entryCount ?? 0} entries summed; ${moved} items moved between the compared snapshots`);
console.log(`take runs (ms): ${takeTimes.map(ms).join(", ")}; compare runs (ms): ${compareTimes.map(ms).join(", ")}`);
console.log(`baseline: one SUM over the whole ledger ${ms(baseline)} ms; take / baseline = ${(take / baseline).toFixed(2)}`);
console.log(`targets: take < 2000 ms ${take < 2000 ? "met" : "MISSED"}, size < 5 MB ${sizeMb < 5 ? "met" : "MISSED"}, compare < 500 ms ${compare < 500 ? "met" : "MISSED"}`);
getDb().$client.close();
console.log(`snapshot 5000 tasks 1M entries: take ${ms(take)} ms, size ${sizeMb.toFixed(2)} MB, compare ${ms(compare)} ms`);
