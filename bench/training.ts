/**
 * npm run bench:training — the rollout screen's model read (getRolloutOverview: heatmap matrix,
 * lagging, cumulative curve) and the indicators list, on the seeded demo programme with extra
 * synthetic completion rows, in a fresh SQLite file (bench/.tmp/). Baseline measured in the same
 * run: a bare `select wave_id, sum(count) ... group by wave_id` over the same table. Median of 7.
 * Also times a 5,000-row completions CSV import (one transaction, all rows fingerprinted).
 */
import argon2 from "argon2";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";
import type { Actor } from "../app/models/core/actor.server";

const SIZES = [0, 10_000, 100_000, 500_000];
const RUNS = 7;
const dir = path.resolve("bench/.tmp");
const file = path.join(dir, "training-bench.db");
fs.mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const db = openDatabase(file);
migrateDatabase(db);
seedDemo(db, await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id }));
db.$client.close();
process.env.DATABASE_PATH = file;

const { getRolloutOverview } = await import("../app/models/training/rollout.server");
    const { importCompletions } = await import("../app/models/training/completions-import.server");
    const { listHealthAuthorities } = await import("../app/models/training/waves.server");
const { listIndicators } = await import("../app/models/indicators/indicator.server");
const { getDb } = await import("../app/models/core/db.server");
const manager: Actor = { id: 2, name: "Bench", role: "manager" };
const TODAY = "2025-11-14";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(fn: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const sqlite = getDb().$client;
const waves = sqlite.prepare("select id, start_date as start from training_wave").all() as { id: number; start: string }[];
const insert = sqlite.prepare("insert into training_completion (wave_id, date, count, source, note, created_at) values (?, ?, ?, 'seed', 'bench', ?)");
const baselineQuery = sqlite.prepare("select wave_id, sum(count) from training_completion where date <= ? group by wave_id");
let added = 0;
console.log("extra rows | total rows | overview ms | indicators ms | baseline SUM ms | overview / baseline");
for (const size of SIZES) {
  sqlite.transaction(() => {
    for (; added < size; added++) {
      const wave = waves[added % waves.length];
      const day = new Date(Date.parse(`${wave.start}T00:00:00Z`) + (added % 300) * 86_400_000).toISOString().slice(0, 10);
      insert.run(wave.id, day, 1, new Date().toISOString());
    }
  })();
  const rows = (sqlite.prepare("select count(*) as n from training_completion").get() as { n: number }).n;
  const overview = time(() => getRolloutOverview(manager, 1, TODAY));
  const indicators = time(() => listIndicators(manager, 1, TODAY));
  const baseline = time(() => baselineQuery.all(TODAY));
  console.log(`${size.toLocaleString("it-IT")} | ${rows.toLocaleString("it-IT")} | ${overview.toFixed(1)} | ${indicators.toFixed(1)} | ${baseline.toFixed(1)} | ${(overview / baseline).toFixed(1)}`);
}

// A large import: 5,000 distinct rows for one authority's waves.
const bologna = listHealthAuthorities(manager).find((a) => a.code === "AUSL BO")!;
const codes = (sqlite.prepare("select code from training_wave where health_authority_id = ?").all(bologna.id) as { code: string }[]).map((w) => w.code);
const lines = ["Codice edizione;Data;Formati;Note"];
for (let i = 0; i < 5_000; i++) lines.push(`${codes[i % codes.length]};${String((i % 28) + 1).padStart(2, "0")}/10/2025;${(i % 9) + 1};riga ${i}`);
const start = performance.now();
const batch = importCompletions(manager, 1, { healthAuthorityId: bologna.id, fileName: "bench.csv", text: lines.join("\n") }, TODAY);
console.log(`import of ${batch.rowCount.toLocaleString("it-IT")} CSV rows (${(lines.join("\n").length / 1024).toFixed(0)} KB): ${(performance.now() - start).toFixed(0)} ms`);
