import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { getGanttChart } from "~/models/gantt/chart.server";
import { getPlan, updateTask } from "~/models/plan/plan.server";
import {
  getCurrentProgramme,
  getDashboard,
} from "~/models/plan/programme.server";
import { getRolloutOverview } from "~/models/training/rollout.server";
import { trainingGanttRows } from "~/models/training/gantt-rows.server";
import {
  cachedRead,
  COUNTED_TABLES,
  readCacheStats,
} from "./read-cache.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const today = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(manager).id;
const taskByCode = (code: string) =>
  getPlan(manager, programmeId()).tasks.find((t) => t.code === code)!;

/** Runs SQL in another operating-system process, as another worker (or a CLI) would write. */
function writeFromAnotherProcess(sql: string) {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("busy_timeout = 5000"); db.prepare(process.argv[2]).run(); db.close();`;
  const result = spawnSync(
    process.execPath,
    ["-e", script, database.file, sql],
    { cwd: process.cwd(), encoding: "utf8" }
  );
  if (result.status !== 0) throw new Error(result.stderr);
}

describe("write counters", () => {
  it("every counted table has its insert, update and delete triggers and a counter row", () => {
    const client = getDb().$client;
    const triggers = new Set(
      client
        .prepare("select name from sqlite_master where type = 'trigger'")
        .pluck()
        .all() as string[]
    );
    const counters = new Set(
      client.prepare("select name from table_change").pluck().all() as string[]
    );
    for (const table of COUNTED_TABLES) {
      for (const event of ["insert", "update", "delete"])
        expect(
          triggers.has(`${table}_count_${event}`),
          `${table}_count_${event}`
        ).toBe(true);
      expect(counters.has(table), table).toBe(true);
    }
  });

  it("count rows written, in the writer's transaction: a rolled-back write leaves them as they were", () => {
    const client = getDb().$client;
    const count = (table: string) =>
      client
        .prepare("select changes from table_change where name = ?")
        .pluck()
        .get(table) as number;
    const before = count("task");
    client
      .prepare(
        "update task set progress = progress where code in ('WP2.7', 'WP7.6')"
      )
      .run();
    expect(count("task")).toBe(before + 2);
    expect(() =>
      client.transaction(() => {
        client
          .prepare("update task set progress = progress where code = 'WP2.7'")
          .run();
        throw new Error("abandoned");
      })()
    ).toThrow("abandoned");
    expect(count("task")).toBe(before + 2);
  });
});

describe("cached reads", () => {
  it("reuse a computation until another process writes a table it reads, then show that write", () => {
    const first = getDashboard(manager, today);
    expect(getDashboard(manager, today)).toBe(first);

    const task = taskByCode("WP2.7");
    const misses = readCacheStats().misses;
    writeFromAnotherProcess(
      `update task set progress = ${
        task.progress === 100 ? 99 : task.progress + 1
      }, version = version + 1 where id = ${task.id}`
    );
    const after = getDashboard(manager, today);
    expect(after).not.toBe(first);
    expect(readCacheStats().misses).toBe(misses + 1);
    const expected = getPlan(manager, programmeId()).tasks.find(
      (t) => t.id === task.id
    )!;
    expect(expected.progress).not.toBe(task.progress);
    // The Gantt row of that task, from its own cache, shows the other process's value too.
    const row = getGanttChart(manager, programmeId(), today)
      .workPackages.flatMap((wp) => wp.rows)
      .find((r) => r.id === `t${task.id}`)!;
    expect(row.progress).toBe(expected.progress);
  });

  it("leave computations on other tables cached when the plan is written, and drop them when theirs are", () => {
    const overview = getRolloutOverview(manager, programmeId(), today);
    const waves = trainingGanttRows(manager, programmeId(), today);
    const task = taskByCode("WP2.7");
    updateTask(manager, {
      ...task,
      progress: task.progress === 100 ? 99 : task.progress + 1,
    });
    expect(getRolloutOverview(manager, programmeId(), today)).toBe(overview);
    expect(trainingGanttRows(manager, programmeId(), today)).toBe(waves);

    const trainedBefore = overview.matrix.total.trained;
    const wave = getDb()
      .$client.prepare(
        "select id, start_date from training_wave order by id limit 1"
      )
      .get() as { id: number; start_date: string };
    writeFromAnotherProcess(
      `insert into training_completion (wave_id, date, count, source, created_at) values (${wave.id}, '${wave.start_date}', 3, 'manual', '2025-11-14T09:00:00.000Z')`
    );
    const fresh = getRolloutOverview(manager, programmeId(), today);
    expect(fresh).not.toBe(overview);
    expect(fresh.matrix.total.trained).toBe(trainedBefore + 3);
    expect(trainingGanttRows(manager, programmeId(), today)).not.toBe(waves);
  });

  it("are keyed by their parameters: another date is another computation", () => {
    const november = getDashboard(manager, today);
    const later = getDashboard(manager, "2030-01-01");
    expect(later).not.toBe(november);
    expect(later.today).toBe("2030-01-01");
    expect(getDashboard(manager, today)).toBe(november);
  });

  it("hand out frozen values, so no caller can change what the next request gets", () => {
    const dashboard = getDashboard(manager, today);
    expect(Object.isFrozen(dashboard)).toBe(true);
    expect(Object.isFrozen(dashboard.gates[0].items)).toBe(true);
    expect(() => (dashboard.gates as unknown as unknown[]).push({})).toThrow(
      TypeError
    );
  });

  it("cache nothing inside an open transaction, which may yet roll back", () => {
    const client = getDb().$client;
    let computed = 0;
    const read = () =>
      cachedRead("test.inTransaction", [], ["task"], () => ++computed);
    client.transaction(() => {
      read();
      read();
    })();
    expect(computed).toBe(2);
    read();
    read();
    expect(computed).toBe(3);
  });

  it("refuse, outside production, a computation that reads a table it does not declare", () => {
    expect(() =>
      cachedRead("test.undeclared", [], ["task"], () =>
        getDb().$client.prepare("select count(*) from milestone").pluck().get()
      )
    ).toThrow(/test.undeclared reads milestone but declares only task/);
    // A statement prepared beforehand (kept per connection, as several models do) counts too.
    const prepared = getDb().$client.prepare("select count(*) from dependency").pluck();
    expect(() => cachedRead("test.prepared", [], ["task"], () => prepared.get())).toThrow(
      /test.prepared reads dependency but declares only task/
    );
  });

  it("see a write made by a connection of this same process that is not the app's", () => {
    const first = getRolloutOverview(manager, programmeId(), today);
    const other = new Database(database.file);
    other
      .prepare(
        "update health_authority set name = name || ' (rinominata)' where id = (select min(id) from health_authority)"
      )
      .run();
    other.close();
    const after = getRolloutOverview(manager, programmeId(), today);
    expect(after).not.toBe(first);
    expect(after.authorities.some((a) => a.name.endsWith("(rinominata)"))).toBe(
      true
    );
  });
});
