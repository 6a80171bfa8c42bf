import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase } from "#db/testing";
import { getDb } from "~/models/core/db.server";
import { getCurrentProgramme, getDashboard } from "~/models/plan/programme.server";
import { getRolloutOverview } from "~/models/training/rollout.server";
import { pageReadsCurrent, pageReadsVersion, trackPageReads } from "./page-reads.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager = demoActors.manager;
const today = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

/** Runs SQL in another operating-system process, as another worker would write. */
function writeFromAnotherProcess(sql: string) {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("busy_timeout = 5000"); db.prepare(process.argv[2]).run(); db.close();`;
  const result = spawnSync(process.execPath, ["-e", script, database.file, sql], { cwd: process.cwd(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
}

const tablesOf = (version: string | null) =>
  version
    ?.split("|")[1]
    .split(",")
    .map((part) => part.split("=")[0]) ?? [];

describe("the tables a page read (issue 15: whole-page cache versions)", () => {
  it("records what the loaders' statements read, across awaits, and notes cached reads reused without a query", async () => {
    const programmeId = getCurrentProgramme(manager).id;
    // Fill the dashboard's cached read first, so the tracked request reuses it without running its queries.
    getDashboard(manager, today);
    const version = await trackPageReads(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      getDashboard(manager, today);
      return pageReadsVersion();
    });
    expect(version).not.toBeNull();
    expect(tablesOf(version)).toEqual(expect.arrayContaining(["task", "milestone", "work_package", "programme"]));
    expect(tablesOf(version)).not.toContain("table_change");
    expect(tablesOf(version)).not.toContain("ledger_entry");
    expect(pageReadsCurrent(version!)).toBe(true);
  });

  it("stays current after another process writes a table the page did not read, not after one it did", async () => {
    const programmeId = getCurrentProgramme(manager).id;
    const version = await trackPageReads(async () => {
      getRolloutOverview(manager, programmeId, today);
      return pageReadsVersion();
    });
    expect(tablesOf(version)).toContain("training_wave");
    expect(tablesOf(version)).not.toContain("task");
    writeFromAnotherProcess("update task set title = title where id = (select min(id) from task)");
    expect(pageReadsCurrent(version!)).toBe(true);
    writeFromAnotherProcess("update training_wave set id = id where id = (select min(id) from training_wave)");
    expect(pageReadsCurrent(version!)).toBe(false);
  });

  it("gives no version when a table read was written while the loaders ran", async () => {
    const programmeId = getCurrentProgramme(manager).id;
    const version = await trackPageReads(async () => {
      getDashboard(manager, today);
      writeFromAnotherProcess("update task set title = title where id = (select min(id) from task)");
      return pageReadsVersion();
    });
    expect(version).toBeNull();
  });

  it("gives no version to a page that read a table without a write counter, nor to an untracked request", async () => {
    const version = await trackPageReads(async () => {
      getDb().$client.prepare("select count(*) from import_job").get();
      return pageReadsVersion();
    });
    expect(version).toBeNull();
    expect(pageReadsVersion()).toBeNull();
  });

  it("is no longer current on another day", async () => {
    const version = await trackPageReads(async () => {
      getDb().$client.prepare("select count(*) from task").get();
      return pageReadsVersion();
    });
    expect(tablesOf(version)).toEqual(["task"]);
    expect(pageReadsCurrent(version!)).toBe(true);
    expect(pageReadsCurrent(version!.replace(/^[^|]*/, "1999-01-01"))).toBe(false);
  });
});
