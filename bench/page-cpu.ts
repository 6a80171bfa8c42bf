/**
 * CPU cost of each page, measured where machine load hardly matters: one worker, one request at a
 * time, the worker's own CPU time (utime + stime from /proc) per request, the best of 3 batches.
 *   npm run bench:load   (once: leaves a production build and a seeded database in bench/.tmp/load)
 *   npx tsx bench/page-cpu.ts            PAGES="/ /gantt" N=100 PROF=1 PORT=3402 to change
 * PROF=1 also writes the worker's CPU profile to bench/.tmp/load/pageprof (see profile-summary.ts).
 * The ratio that bench:load reports is roughly login's cost over the pages' mean cost. Linux only.
 */
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createCookie } from "@remix-run/node";
const dir = path.resolve("bench/.tmp/load");
const file = path.join(dir, "traguardi.db");
const PORT = Number(process.env.PORT ?? 3402);
const SECRET = "bench-session-secret";
if (!fs.existsSync(file) || !fs.existsSync(path.join(dir, "build/index.js")))
  throw new Error(
    "run npm run bench:load once first: it leaves the build and database this uses"
  );
const db = new Database(file);
const manager = db
  .prepare("select id from user where email = ?")
  .get("responsabile@traguardi.demo") as { id: number };
const sessionId = randomBytes(32).toString("base64url");
db.prepare(
  "insert into session (id, user_id, created_at, expires_at) values (?, ?, ?, ?)"
).run(
  sessionId,
  manager.id,
  new Date().toISOString(),
  new Date(Date.now() + 86_400_000).toISOString()
);
const cookie = (
  await createCookie("traguardi_session", { secrets: [SECRET] }).serialize(
    sessionId
  )
).split(";")[0];
const extra = process.env.PROF
  ? ["--cpu-prof", `--cpu-prof-dir=${dir}/pageprof`]
  : [];
const server = spawn(
  process.execPath,
  [...extra, "app/server/index.js", path.join(dir, "build/index.js")],
  {
    env: {
      ...process.env,
      DATABASE_PATH: file,
      SESSION_SECRET: SECRET,
      COOKIE_SECURE: "false",
      NODE_ENV: "production",
      TRAGUARDI_BUILD_DIR: path.join(dir, "build"),
      PORT: String(PORT),
      TRAGUARDI_WORKERS: "1",
      TRAGUARDI_MEMORY_REPORT: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  }
);
process.on("exit", () => server.kill());
const base = `http://localhost:${PORT}`;
for (;;) {
  try {
    if ((await fetch(base + "/healthcheck")).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 100));
}
const workerPid = Number(
  spawnSync("ps", ["-o", "pid=", "--ppid", String(server.pid)], {
    encoding: "utf8",
  })
    .stdout.trim()
    .split("\n")[0]
);
const cpuMs = () => {
  const f = fs
    .readFileSync(`/proc/${workerPid}/stat`, "utf8")
    .split(") ")[1]
    .split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
const pages = (
  process.env.PAGES ?? "/login /healthcheck / /gantt /finance /training /audit"
).split(" ");
const N = Number(process.env.N ?? 60);
// INVALIDATE=task: count a write to that table before every request, as another process's commit
// would, so each request pays for the cached computations that read it (the writers' cost under load).
const invalidate = process.env.INVALIDATE;
const bump = db.prepare("update table_change set changes = changes + 1 where name = ?").bind(invalidate ?? "");
for (const page of pages) {
  // ENCODING=identity asks for no compression, as autocannon in bench:load does (fetch asks gzip).
  const h: Record<string, string> = {
    ...(page === "/login" ? {} : { cookie }),
    ...(process.env.ENCODING ? { "accept-encoding": process.env.ENCODING } : {}),
  };
  for (let i = 0; i < 40; i++)
    await (await fetch(base + page, { headers: h })).arrayBuffer();
  const times: number[] = [];
  let bytes = 0;
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    const cpu0 = cpuMs();
    for (let i = 0; i < N; i++) {
      if (invalidate) bump.run();
      const t = performance.now();
      const r = await fetch(base + page, { headers: h });
      const b = await r.arrayBuffer();
      bytes = b.byteLength;
      times.push(performance.now() - t);
    }
    best = Math.min(best, (cpuMs() - cpu0) / N);
  }
  times.sort((a, b) => a - b);
  const cpu = best;
  console.log(
    `${page.padEnd(12)} cpu ${cpu.toFixed(1)} ms/req  median ${times[
      times.length >> 1
    ].toFixed(1)} ms  min ${times[0].toFixed(1)} ms  ${(bytes / 1024).toFixed(
      0
    )} kB`
  );
}
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
