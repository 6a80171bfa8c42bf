/**
 * npm run bench:gantt — a programme of 5,000 tasks and 300 milestones with dependencies in a fresh
 * SQLite file (bench/.tmp/), served by a production build of the app. In headless Chromium, in the
 * same run (runs alternate, median of 3 each): milliseconds from navigation start to an interactive
 * chart (constructor returned + one animation frame), for our Gantt page and for bare frappe-gantt
 * given the same 5,000 tasks on a static page (Week view, scroll_to "start", as in PERFORMANCE.md).
 * Then, with every work package open (?open=all: 5,300 rows, drawn as virtual rows), our page
 * against bare frappe-gantt given the same 5,300 rows (milestones as one-day tasks); and a second
 * programme of 30,000 tasks + 1,000 milestones, every package open, against bare frappe-gantt at
 * 5,000. On that 30,000-task page, frame times while scrolling from the first row to the last
 * (requestAnimationFrame deltas via performance.now(), 50 rows a frame). Then the server time of a
 * drag-save (POST of the chart's fetcher, with its push-forward), median of 7, timed around the
 * request on localhost. Targets (issues 3, 15): ratio ≤ 0.3, expanded ratio ≤ 0.3, 30000 tasks
 * ratio ≤ 1.0, scroll frames < 50 ms, save ≤ 100 ms. The last line is fixed.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createCookie } from "@remix-run/node";
import { chromium } from "@playwright/test";
import { openDatabase } from "../db/client";
import { buildProgramme, day, type BareTask } from "./big-plan";

const TASKS = 5_000;
const MILESTONES = 300;
const WORK_PACKAGES = 50;
const BIG_TASKS = 30_000;
const BIG_MILESTONES = 1_000;
const BIG_WORK_PACKAGES = 200;
const RUNS = 3;
const SAVES = 7;
const PORT = Number(process.env.BENCH_PORT ?? 3401);
const SECRET = "bench-session-secret";

const root = process.cwd();
const dir = path.resolve("bench/.tmp");
const buildDir = path.join(dir, "gantt-build");
const file = path.join(dir, "gantt-bench.db");
fs.mkdirSync(dir, { recursive: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => value.toFixed(0);

// ---------------------------------------------------------------- data
const big = path.join(dir, "gantt-bench-30k.db");
const { bareTasks, withMilestones, sessionId, chainTasks } = buildProgramme(file, TASKS, MILESTONES, WORK_PACKAGES, SAVES);
const { sessionId: bigSessionId } = buildProgramme(big, BIG_TASKS, BIG_MILESTONES, BIG_WORK_PACKAGES, SAVES);

// ---------------------------------------------------------------- servers
console.log("building the app…");
const build = spawnSync("npx", ["remix", "build"], { cwd: root, env: { ...process.env, TRAGUARDI_BUILD_DIR: buildDir }, encoding: "utf8" });
if (build.status !== 0) throw new Error(`remix build failed:\n${build.stderr}`);

function startApp(database: string, port: number) {
  const child = spawn(process.execPath, [path.join(root, "node_modules/@remix-run/serve/dist/cli.js"), path.join(buildDir, "index.js")], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: database, PORT: String(port), SESSION_SECRET: SECRET, COOKIE_SECURE: "false", NODE_ENV: "production", TRAGUARDI_TODAY: "2025-11-14", TRAGUARDI_BUILD_DIR: buildDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  process.on("exit", () => {
    if (child.exitCode === null) child.kill();
  });
  return { child, errors: () => errors, base: `http://localhost:${port}` };
}
const app = startApp(file, PORT);
const bigApp = startApp(big, PORT + 1);
const stopApp = () => {
  for (const { child } of [app, bigApp]) if (child.exitCode === null) child.kill();
};

const frappeDir = path.join(root, "node_modules/frappe-gantt/dist");
const barePage = (tasks: BareTask[]) => `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/frappe-gantt.css"></head><body>
<div id="gantt"></div>
<script id="tasks" type="application/json">${JSON.stringify(tasks).replace(/</g, "\\u003c")}</script>
<script type="module">
import Gantt from "/frappe-gantt.es.js";
const tasks = JSON.parse(document.getElementById("tasks").textContent);
new Gantt("#gantt", tasks, { view_mode: "Week", scroll_to: "start" });
requestAnimationFrame(() => { window.__bareReady = performance.now(); });
</script></body></html>`;
const pages = { "/": barePage(bareTasks), "/with-milestones": barePage(withMilestones) } as Record<string, string>;
const staticServer = http.createServer((request, response) => {
  if (request.url === "/frappe-gantt.es.js") response.writeHead(200, { "Content-Type": "text/javascript" }).end(fs.readFileSync(path.join(frappeDir, "frappe-gantt.es.js")));
  else if (request.url === "/frappe-gantt.css") response.writeHead(200, { "Content-Type": "text/css" }).end(fs.readFileSync(path.join(frappeDir, "frappe-gantt.css")));
  else response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(pages[request.url ?? "/"] ?? pages["/"]);
});
await new Promise<void>((resolve) => staticServer.listen(0, "127.0.0.1", resolve));
const bareUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;

for (const server of [app, bigApp])
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${server.base}/healthcheck`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (attempt > 150) throw new Error(`the app did not start:\n${server.errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
const base = app.base;
const sessionCookie = async (id: string) => (await createCookie("traguardi_session", { secrets: [SECRET] }).serialize(id)).split(";")[0].split("=").slice(1).join("=");
const cookieValue = await sessionCookie(sessionId);
const bigCookieValue = await sessionCookie(bigSessionId);

// ---------------------------------------------------------------- pages
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
type Target = { kind: "ours"; server: typeof app; cookie: string; query: string } | { kind: "bare"; path: string };
async function measure(target: Target, scroll = false) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "it-IT", timezoneId: "Europe/Rome" });
  if (target.kind === "ours") {
    await context.addCookies([{ name: "traguardi_session", value: target.cookie, url: target.server.base, httpOnly: true, sameSite: "Lax" }]);
    // The same view as the baseline.
    await context.addInitScript(() => window.localStorage.setItem("traguardi.gantt.view", "Week"));
  }
  const page = await context.newPage();
  const flag = target.kind === "ours" ? "__tgGanttReady" : "__bareReady";
  await page.goto(target.kind === "ours" ? `${target.server.base}/gantt${target.query}` : `${bareUrl}${target.path}`, { waitUntil: "commit", timeout: 180_000 });
  const ready = await page.waitForFunction((name) => (window as unknown as Record<string, number>)[name], flag, { timeout: 180_000, polling: 50 });
  const elapsed = (await ready.jsonValue()) as number;
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  const rows = target.kind === "ours" ? Number(await page.getByTestId("gantt-host").getAttribute("data-rows")) : 0;
  let frames: number[] = [];
  if (scroll)
    // From the first row to the last, 50 rows a frame; each frame's duration from performance.now().
    // A string, not a function: tsx's name-keeping helper does not exist in the page.
    frames = (await page.evaluate(`new Promise((resolve) => {
      const scroller = document.querySelector(".tg-gantt-scroll");
      const deltas = [];
      let last = performance.now();
      const step = () => {
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve(deltas.slice(1));
        scroller.scrollTop += 50 * 36;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`)) as number[];
  await context.close();
  return { elapsed, elements, rows, frames };
}

const comparisons = {
  collapsed: { ours: { kind: "ours", server: app, cookie: cookieValue, query: "" }, bare: { kind: "bare", path: "/" } },
  expanded: { ours: { kind: "ours", server: app, cookie: cookieValue, query: "?open=all" }, bare: { kind: "bare", path: "/with-milestones" } },
  big: { ours: { kind: "ours", server: bigApp, cookie: bigCookieValue, query: "?open=all" }, bare: { kind: "bare", path: "/" } },
} satisfies Record<string, { ours: Target; bare: Target }>;
const results: Record<string, { ours: number[]; bare: number[] }> = {};
let oursElements = 0;
let bareElements = 0;
for (const [name, pair] of Object.entries(comparisons)) {
  results[name] = { ours: [], bare: [] };
  await measure(pair.ours); // warm the server's caches and the browser's, for both alike
  await measure(pair.bare);
  for (let run = 1; run <= RUNS; run++) {
    const a = await measure(pair.ours);
    const b = await measure(pair.bare);
    results[name].ours.push(a.elapsed);
    results[name].bare.push(b.elapsed);
    if (name === "collapsed") {
      oursElements = a.elements;
      bareElements = b.elements;
    }
    console.log(`${name} run ${run}: ours ${ms(a.elapsed)} ms (${a.rows} rows, ${a.elements} DOM elements), bare frappe-gantt ${ms(b.elapsed)} ms (${b.elements} DOM elements)`);
  }
}
const scrolled = await measure(comparisons.big.ours, true);
await browser.close();
const sortedFrames = [...scrolled.frames].sort((a, b) => a - b);
const p95 = sortedFrames[Math.floor(sortedFrames.length * 0.95)];

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
const ratio = (name: string) => median(results[name].ours) / median(results[name].bare);
console.log(`DOM elements: ours ${oursElements}, bare ${bareElements}`);
console.log(
  `expanded (5,300 rows): ours ${ms(median(results.expanded.ours))} ms vs bare ${ms(median(results.expanded.bare))} ms; 30,000 tasks + 1,000 milestones: ours ${ms(median(results.big.ours))} ms (${scrolled.rows} rows) vs bare at 5,000 ${ms(median(results.big.bare))} ms`,
);
console.log(
  `scroll through ${scrolled.rows} rows: ${scrolled.frames.length} frames, median ${ms(median(scrolled.frames))} ms, p95 ${ms(p95)} ms, max ${ms(sortedFrames[sortedFrames.length - 1])} ms at frame ${scrolled.frames.indexOf(sortedFrames[sortedFrames.length - 1]) + 1}, frames over 50 ms: ${scrolled.frames.map((f, i) => (f > 50 ? `${i + 1}:${ms(f)}` : "")).filter(Boolean).join(" ") || "none"} (target < 50 ms)`,
);
console.log(
  `gantt ${TASKS} tasks: ours ${ms(median(results.collapsed.ours))} ms, bare frappe-gantt ${ms(median(results.collapsed.bare))} ms, ratio ${ratio("collapsed").toFixed(2)}, expanded ratio ${ratio("expanded").toFixed(2)}, 30000 tasks ratio ${ratio("big").toFixed(2)}, save ${ms(median(saves))} ms`,
);
process.exit(0);
