/**
 * npm run bench:load — the production server (app/server, serving processes as `npm start` runs
 * them: one per core unless TRAGUARDI_WORKERS says otherwise) on a production build and a freshly
 * seeded demo database in bench/.tmp/load/. In one run, with autocannon:
 *   1. baseline: 50 connections for 30 s on GET /login (no session, no data);
 *   2. pages: 50 connections for 30 s cycling through /, /gantt, /finance, /training and /audit as
 *      the programme manager, while 2 writers keep editing tasks (POST /tasks/:id, as the form does).
 * rss is the peak, sampled every 500 ms, of the summed RSS of the primary and all its workers (the
 * primary serves too).
 * Targets (issue 15): ratio ≥ 0.5, p99 < 500 ms, 0 errors and non-2xx, rss < 400 MB.
 * BENCH_CPU_PROF=1 writes V8 CPU profiles of every serving process to bench/.tmp/load/profiles/.
 * BENCH_WRITERS, BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_WARMUP_SECONDS change the load (for diagnosis only).
 * The last line is fixed.
 */
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { workerV8Flags } from "../app/server/config.js";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3402);
const SECRET = "bench-session-secret";
const PAGES = ["/", "/gantt", "/finance", "/training", "/audit"];

const root = process.cwd();
const dir = path.resolve("bench/.tmp/load");
const buildDir = path.join(dir, "build");
const file = path.join(dir, "traguardi.db");
const profiles = path.join(dir, "profiles");
fs.mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_PATH: file,
  SESSION_SECRET: SECRET,
  COOKIE_SECURE: "false",
  NODE_ENV: "production" as const,
  TRAGUARDI_BUILD_DIR: buildDir,
  PORT: String(PORT),
  TRAGUARDI_MEMORY_REPORT: "1",
};

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
}
run("npx", ["tsx", "db/seed.ts"]);
run("npx", ["remix", "build"]);

// ---------------------------------------------------------------- a manager's session
const db = new Database(file);
db.pragma("busy_timeout = 5000");
const manager = db.prepare("select id from user where email = ?").get("responsabile@traguardi.demo") as { id: number };
const sessionId = randomBytes(32).toString("base64url");
db.prepare("insert into session (id, user_id, created_at, expires_at) values (?, ?, ?, ?)").run(
  sessionId,
  manager.id,
  new Date().toISOString(),
  new Date(Date.now() + 86_400_000).toISOString(),
);
const cookie = (await createCookie("traguardi_session", { secrets: [SECRET] }).serialize(sessionId)).split(";")[0];

// ---------------------------------------------------------------- the server
if (process.env.BENCH_CPU_PROF) {
  fs.rmSync(profiles, { recursive: true, force: true });
  fs.mkdirSync(profiles, { recursive: true });
}
// Workers inherit the primary's execArgv (node:cluster), so --cpu-prof here profiles each of them.
const profileArgs = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${profiles}`] : [];
// The primary serves too: it gets the processes' V8 flags on its command line, as `npm start` gives them.
const server: ChildProcess = spawn(process.execPath, [...profileArgs, ...workerV8Flags(env), path.join(root, "app/server/index.js"), path.join(buildDir, "index.js")], {
  cwd: root,
  env,
  stdio: ["ignore", "inherit", "inherit"],
});
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.on("exit", stop);
const base = `http://localhost:${PORT}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthcheck`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 1200) throw new Error("server did not start");
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** RSS of the primary and every worker, in MB. */
function rssMb(): number {
  const out = spawnSync("ps", ["-o", "rss=", "--ppid", String(server.pid), "-p", String(server.pid)], { encoding: "utf8" }).stdout;
  return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}
const workerPids = spawnSync("ps", ["-o", "pid=", "--ppid", String(server.pid)], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean).map(Number);
/** Serving processes: the primary and its workers. */
const processes = workerPids.length + 1;

/** CPU time used so far, in ms: by the server's processes (from /proc, Linux) and by this process (autocannon and the writers). */
function cpuMs() {
  const ticks = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return NaN;
    }
  };
  const usage = process.cpuUsage();
  return { server: [server.pid!, ...workerPids].reduce((sum, pid) => sum + ticks(pid), 0), client: (usage.user + usage.system) / 1000 };
}

// Warm up: every page a few times on every process (a page that fails stops the bench here).
for (let i = 0; i < 4 * processes; i++) {
  for (const page of [...PAGES, "/login"]) {
    const response = await fetch(base + page, { headers: { cookie } });
    if (!response.ok) throw new Error(`${page} answered ${response.status} during warm-up`);
    await response.arrayBuffer();
  }
}

const idleRss = rssMb();

// Then a few seconds of the same load, unmeasured, so the first measured seconds are not spent in
// V8's interpreter: a handful of requests per page leaves the code unoptimised (the first second of
// a run answered the dashboard in 1.7 s), which a server that has been up for a while never sees.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
if (WARMUP_SECONDS > 0)
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: WARMUP_SECONDS,
    requests: [...PAGES, "/login"].map((page) => ({ method: "GET" as const, path: page })),
    headers: { cookie },
  });

function load(title: string, requests: autocannon.Request[], headers: Record<string, string>) {
  let instance!: autocannon.Instance;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests, headers, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    void title;
  });
  return { instance, result };
}

// ---------------------------------------------------------------- writers
interface TaskRow {
  id: number;
  work_package_id: number;
  code: string;
  title: string;
  owner: string;
  start_date: string;
  end_date: string;
  progress: number;
  status: string;
  version: number;
}
const editable = db.prepare("select id from task where status = 'in_progress' order by id").all() as { id: number }[];
if (editable.length < Math.max(1, WRITERS)) throw new Error("the seed has too few tasks in progress to edit");
const writes = { ok: 0, failed: 0, latencies: [] as number[] };
let writing = true;
async function writer(index: number) {
  const mine = editable.filter((_, i) => i % WRITERS === index);
  for (let n = 0; writing; n++) {
    const task = db.prepare("select * from task where id = ?").get(mine[n % mine.length].id) as TaskRow;
    const progress = task.progress >= 90 ? task.progress - 1 : task.progress + 1;
    const body = new URLSearchParams({
      version: String(task.version),
      workPackageId: String(task.work_package_id),
      code: task.code,
      title: task.title,
      owner: task.owner,
      startDate: task.start_date,
      endDate: task.end_date,
      progress: String(progress),
      status: task.status,
    });
    const started = performance.now();
    const response = await fetch(`${base}/tasks/${task.id}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
    });
    await response.arrayBuffer();
    writes.latencies.push(performance.now() - started);
    if (response.status === 302) writes.ok++;
    else {
      writes.failed++;
      if (writes.failed <= 3) console.error(`writer ${index}: POST /tasks/${task.id} answered ${response.status}`);
    }
  }
}

// ---------------------------------------------------------------- 1. baseline
const cpu0 = cpuMs();
const loginResult = await load("login", [{ method: "GET", path: "/login" }], {}).result;
const cpu1 = cpuMs();

// ---------------------------------------------------------------- 2. pages + writers
let peakRss = rssMb();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMb());
}, 500);
const writersDone = Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));
// Per page: autocannon calls a request's onResponse and then, synchronously, emits "response"
// with that response's latency, so the page last answered is the one the latency belongs to.
const perPage = new Map(PAGES.map((page) => [page, { latencies: [] as number[], bytes: 0, non2xx: 0, slowest: 0, slowestAt: 0 }]));
let pagesStarted = 0;
let answered = PAGES[0];
pagesStarted = performance.now();
const pagesRun = load(
  "pages",
  PAGES.map((page) => ({
    method: "GET" as const,
    path: page,
    onResponse: (status: number) => {
      answered = page;
      if (status < 200 || status > 299) perPage.get(page)!.non2xx++;
    },
  })),
  { cookie },
);
pagesRun.instance.on("response", (_client: unknown, _status: number, bytes: number, latency: number) => {
  const stats = perPage.get(answered)!;
  stats.latencies.push(latency);
  stats.bytes += bytes;
  if (latency > stats.slowest) {
    stats.slowest = latency;
    stats.slowestAt = (performance.now() - pagesStarted) / 1000;
  }
});
const pagesResult = await pagesRun.result;
const cpu2 = cpuMs();
writing = false;
await writersDone;
clearInterval(sampler);
peakRss = Math.max(peakRss, rssMb());

const rate = (result: autocannon.Result) => result.requests.average;
// autocannon counts a timeout among its errors too.
const errorsOf = (result: autocannon.Result) => result.errors + result.non2xx;
const pagesRate = rate(pagesResult);
const loginRate = rate(loginResult);
const ratio = pagesRate / loginRate;
const p99 = pagesResult.latency.p99;
const errors = errorsOf(pagesResult) + errorsOf(loginResult) + writes.failed;
const sortedWrites = [...writes.latencies].sort((a, b) => a - b);
console.log(`rss after warm-up ${idleRss.toFixed(0)} MB, peak under load ${peakRss.toFixed(0)} MB`);
console.log(
  `processes ${processes}; login: ${loginRate.toFixed(0)} req/s, p50 ${loginResult.latency.p50} ms, p99 ${loginResult.latency.p99} ms, errors ${errorsOf(loginResult)}`,
);
console.log(
  `pages ${PAGES.join(" ")}: ${pagesRate.toFixed(0)} req/s, p50 ${pagesResult.latency.p50} ms, p99 ${p99} ms, max ${pagesResult.latency.max} ms, errors ${pagesResult.errors}, timeouts ${pagesResult.timeouts}, non-2xx ${pagesResult.non2xx}`,
);
// Where the machine's time went per request answered: a page costs the server this much more than
// the login page, and the client (autocannon reading bigger responses) some more too.
const perRequest = (from: ReturnType<typeof cpuMs>, to: ReturnType<typeof cpuMs>, result: autocannon.Result) =>
  `server ${((to.server - from.server) / result.requests.total).toFixed(1)} ms, client ${((to.client - from.client) / result.requests.total).toFixed(1)} ms`;
console.log(`cpu per request: login ${perRequest(cpu0, cpu1, loginResult)}; pages and writers ${perRequest(cpu1, cpu2, pagesResult)}`);
const seconds = pagesResult.duration;
for (const [page, stats] of perPage) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  console.log(
    `  page ${page}: ${(sorted.length / seconds).toFixed(1)} req/s, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, ` +
      `slowest ${stats.slowest.toFixed(0)} ms at ${stats.slowestAt.toFixed(1)} s, ` +
      `${(stats.bytes / Math.max(1, sorted.length) / 1024).toFixed(0)} kB a response, non-2xx ${stats.non2xx}`,
  );
}
console.log(
  `writers ${WRITERS}: ${writes.ok} task edits saved, ${writes.failed} failed, p50 ${sortedWrites[Math.floor(sortedWrites.length / 2)]?.toFixed(0)} ms, p99 ${sortedWrites[Math.floor(sortedWrites.length * 0.99)]?.toFixed(0)} ms`,
);
stop();
await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
db.close();
console.log(
  `load ${CONNECTIONS} connections ${SECONDS} s: pages ${pagesRate.toFixed(0)} req/s, login page ${loginRate.toFixed(0)} req/s, ratio ${ratio.toFixed(2)}, p99 ${p99} ms, errors ${errors}, rss ${peakRss.toFixed(0)} MB`,
);
