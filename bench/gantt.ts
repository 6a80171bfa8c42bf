/**
 * npm run bench:gantt — a programme of 5,000 tasks and 300 milestones with dependencies in a fresh
 * SQLite file (bench/.tmp/), served by a production build of the app. In headless Chromium, in the
 * same run (runs alternate, median of 3 each): milliseconds from navigation start to an interactive
 * chart (constructor returned + one animation frame), for our Gantt page and for bare frappe-gantt
 * given the same 5,000 tasks on a static page (Week view, scroll_to "start", as in PERFORMANCE.md).
 * Then the server time of a drag-save (POST of the chart's fetcher, with its push-forward), median
 * of 7, timed around the request on localhost. Targets (issue 3): ratio ≤ 0.3, save ≤ 100 ms.
 * The last line is fixed.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createCookie } from "@remix-run/node";
import { chromium } from "@playwright/test";
import { migrateDatabase, openDatabase } from "../db/client";

const TASKS = 5_000;
const MILESTONES = 300;
const WORK_PACKAGES = 50;
const RUNS = 3;
const SAVES = 7;
const PORT = Number(process.env.BENCH_PORT ?? 3401);
const SECRET = "bench-session-secret";

const root = process.cwd();
const dir = path.resolve("bench/.tmp");
const buildDir = path.join(dir, "gantt-build");
const file = path.join(dir, "gantt-bench.db");
fs.mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => value.toFixed(0);
const day = (offset: number) => new Date(Date.UTC(2023, 0, 2) + offset * 86_400_000).toISOString().slice(0, 10);
const SPAN = 1_270; // 2023-01-02 … 2026-06-25

// ---------------------------------------------------------------- data
const db = openDatabase(file);
migrateDatabase(db);
const sqlite = db.$client;
const now = new Date().toISOString();
/** Bare frappe-gantt gets exactly these tasks (and their task-to-task links). */
const bareTasks: { id: string; name: string; start: string; end: string; progress: number; dependencies: string }[] = [];
let links = 0;
sqlite.transaction(() => {
  sqlite
    .prepare("insert into user (email, name, role, password_hash, active, version, created_at, updated_at) values (?, ?, 'manager', 'x', 1, 1, ?, ?)")
    .run("bench@traguardi.demo", "Responsabile di prova", now, now);
  sqlite
    .prepare(
      "insert into programme (slug, name, cup, measure_code, implementing_body, total_budget_cents, start_date, end_date, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
    )
    .run("bench", "Programma di prova (benchmark)", "E39J22001830006", "M6C2I1.03.01", "Regione di prova", 3_900_000_000, day(0), day(SPAN), now, now);
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
  const taskLink = sqlite.prepare(
    "insert into dependency (programme_id, predecessor_task_id, successor_task_id, predecessor_key, successor_key, created_at) values (1, ?, ?, ?, ?, ?)",
  );
  const milestoneLink = sqlite.prepare(
    "insert into dependency (programme_id, predecessor_task_id, successor_milestone_id, predecessor_key, successor_key, created_at) values (1, ?, ?, ?, ?, ?)",
  );
  const tasksPerWp = TASKS / WORK_PACKAGES;
  const milestonesPerWp = MILESTONES / WORK_PACKAGES;
  let taskId = 0;
  let milestoneId = 0;
  for (let w = 1; w <= WORK_PACKAGES; w++) {
    const wpStart = (w * 11) % 200;
    wp.run(`WP${w}`, `Work package di prova ${w}`, `Ente ${w % 7}`, day(wpStart), day(SPAN), w % 2 ? 2 : 1, w, now, now);
    const ends: number[] = [];
    for (let t = 1; t <= tasksPerWp; t++) {
      taskId++;
      // About 30% of tasks follow the previous one (finish-to-start, dates consistent).
      const linked = t > 1 && t % 10 < 3;
      const start = linked ? ends[t - 2] + 1 : wpStart + ((t * 37) % 900);
      const end = Math.min(SPAN - 1, start + 20 + ((t * 13) % 90));
      ends.push(end);
      const progress = (t * 37) % 101;
      const code = `WP${w}.${t}`;
      const title = `Attività di prova ${w}.${t} con un titolo di lunghezza realistica`;
      task.run(w, code, title, `Responsabile ${t % 12}`, day(start), day(end), progress, progress === 100 ? "completed" : "in_progress", now, now);
      if (linked) {
        taskLink.run(taskId - 1, taskId, `t${taskId - 1}`, `t${taskId}`, now);
        links++;
      }
      bareTasks.push({ id: `t${taskId}`, name: `${code} ${title}`, start: day(start), end: day(end), progress, dependencies: linked ? `t${taskId - 1}` : "" });
    }
    for (let m = 1; m <= milestonesPerWp; m++) {
      milestoneId++;
      const after = taskId - tasksPerWp + m * 15;
      const due = Math.max(...ends.slice(0, m * 15));
      milestone.run(w, `WP${w}.M${m}`, `Milestone di prova ${w}.${m}`, day(due), w % 2 ? 2 : 1, now, now);
      milestoneLink.run(after, milestoneId, `t${after}`, `m${milestoneId}`, now);
      links++;
    }
  }
})();
const user = sqlite.prepare("select id from user where email = ?").get("bench@traguardi.demo") as { id: number };
const sessionId = randomBytes(32).toString("base64url");
sqlite
  .prepare("insert into session (id, user_id, created_at, expires_at) values (?, ?, ?, ?)")
  .run(sessionId, user.id, now, new Date(Date.now() + 86_400_000).toISOString());
const chainTasks = sqlite
  // One chain head per work package, so one save's pushed dependents never touch the next save's task.
  .prepare(
    "select t.id, t.start_date as startDate, t.end_date as endDate, t.version from task t where t.id in (select min(t2.id) from task t2 where exists (select 1 from dependency d where d.predecessor_key = 't' || t2.id) group by t2.work_package_id) order by t.id limit ?",
  )
  .all(SAVES) as { id: number; startDate: string; endDate: string; version: number }[];
sqlite.close();
console.log(`data: ${TASKS} tasks, ${MILESTONES} milestones, ${links} dependencies in ${WORK_PACKAGES} work packages`);

// ---------------------------------------------------------------- servers
console.log("building the app…");
const build = spawnSync("npx", ["remix", "build"], { cwd: root, env: { ...process.env, TRAGUARDI_BUILD_DIR: buildDir }, encoding: "utf8" });
if (build.status !== 0) throw new Error(`remix build failed:\n${build.stderr}`);

const app = spawn(process.execPath, [path.join(root, "node_modules/@remix-run/serve/dist/cli.js"), path.join(buildDir, "index.js")], {
  cwd: root,
  env: { ...process.env, DATABASE_PATH: file, PORT: String(PORT), SESSION_SECRET: SECRET, COOKIE_SECURE: "false", NODE_ENV: "production", TRAGUARDI_TODAY: "2025-11-14", TRAGUARDI_BUILD_DIR: buildDir },
  stdio: ["ignore", "ignore", "pipe"],
});
let appErrors = "";
app.stderr.on("data", (chunk) => (appErrors += chunk));
const stopApp = () => {
  if (app.exitCode === null) app.kill();
};
process.on("exit", stopApp);

const frappeDir = path.join(root, "node_modules/frappe-gantt/dist");
const barePage = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/frappe-gantt.css"></head><body>
<div id="gantt"></div>
<script id="tasks" type="application/json">${JSON.stringify(bareTasks).replace(/</g, "\\u003c")}</script>
<script type="module">
import Gantt from "/frappe-gantt.es.js";
const tasks = JSON.parse(document.getElementById("tasks").textContent);
new Gantt("#gantt", tasks, { view_mode: "Week", scroll_to: "start" });
requestAnimationFrame(() => { window.__bareReady = performance.now(); });
</script></body></html>`;
const staticServer = http.createServer((request, response) => {
  if (request.url === "/frappe-gantt.es.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(fs.readFileSync(path.join(frappeDir, "frappe-gantt.es.js")));
  else if (request.url === "/frappe-gantt.css") response.writeHead(200, { "Content-Type": "text/css" }).end(fs.readFileSync(path.join(frappeDir, "frappe-gantt.css")));
  else response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(barePage);
});
await new Promise<void>((resolve) => staticServer.listen(0, "127.0.0.1", resolve));
const bareUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;

const base = `http://localhost:${PORT}`;
for (let attempt = 0; ; attempt++) {
  try {
    if ((await fetch(`${base}/healthcheck`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (attempt > 100) throw new Error(`the app did not start:\n${appErrors}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const cookieValue = (await createCookie("traguardi_session", { secrets: [SECRET] }).serialize(sessionId)).split(";")[0].split("=").slice(1).join("=");

// ---------------------------------------------------------------- pages
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function measure(kind: "ours" | "bare") {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "it-IT", timezoneId: "Europe/Rome" });
  if (kind === "ours") {
    await context.addCookies([{ name: "traguardi_session", value: cookieValue, url: base, httpOnly: true, sameSite: "Lax" }]);
    // The same view as the baseline.
    await context.addInitScript(() => window.localStorage.setItem("traguardi.gantt.view", "Week"));
  }
  const page = await context.newPage();
  const flag = kind === "ours" ? "__tgGanttReady" : "__bareReady";
  await page.goto(kind === "ours" ? `${base}/gantt` : bareUrl, { waitUntil: "commit" });
  const ready = await page.waitForFunction((name) => (window as unknown as Record<string, number>)[name], flag, { timeout: 120_000, polling: 50 });
  const elapsed = (await ready.jsonValue()) as number;
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  await context.close();
  return { elapsed, elements };
}

const ours: number[] = [];
const bare: number[] = [];
let oursElements = 0;
let bareElements = 0;
await measure("ours"); // warm the server's caches and the browser's, for both alike
await measure("bare");
for (let run = 1; run <= RUNS; run++) {
  const a = await measure("ours");
  const b = await measure("bare");
  ours.push(a.elapsed);
  bare.push(b.elapsed);
  oursElements = a.elements;
  bareElements = b.elements;
  console.log(`run ${run}: ours ${ms(a.elapsed)} ms (${a.elements} DOM elements), bare frappe-gantt ${ms(b.elapsed)} ms (${b.elements} DOM elements)`);
}
await browser.close();

// ---------------------------------------------------------------- drag-save
const saves: number[] = [];
for (const task of chainTasks) {
  const body = new URLSearchParams({
    intent: "reschedule",
    key: `t${task.id}`,
    version: String(task.version),
    startDate: day(Math.round((Date.parse(task.startDate) - Date.UTC(2023, 0, 2)) / 86_400_000) + 2),
    endDate: day(Math.round((Date.parse(task.endDate) - Date.UTC(2023, 0, 2)) / 86_400_000) + 2),
    confirm: "1",
  });
  const started = performance.now();
  // What the chart's fetcher sends (single fetch: the route's .data endpoint).
  const response = await fetch(`${base}/gantt.data`, {
    method: "POST",
    body,
    headers: { Cookie: `traguardi_session=${cookieValue}`, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
  });
  await response.arrayBuffer();
  saves.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`save answered ${response.status}`);
}
const check = openDatabase(file).$client;
const moved = check.prepare("select count(*) as n from task where version > 1").get() as { n: number };
check.close();
if (moved.n < chainTasks.length) throw new Error(`saves did not write: ${moved.n} tasks changed`);
console.log(`drag-save: ${saves.map(ms).join(", ")} ms; ${moved.n} tasks moved (incl. pushed dependents)`);

stopApp();
staticServer.close();
const oursMs = median(ours);
const bareMs = median(bare);
console.log(`DOM elements: ours ${oursElements}, bare ${bareElements}`);
console.log(`gantt ${TASKS} tasks: ours ${ms(oursMs)} ms, bare frappe-gantt ${ms(bareMs)} ms, ratio ${(oursMs / bareMs).toFixed(2)}, save ${ms(median(saves))} ms`);
process.exit(0);
