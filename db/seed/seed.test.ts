import argon2 from "argon2";
import { afterAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/core/dates";
import { openDatabase } from "../client";
import { useTestDatabase } from "../testing";
import { DEMO_PASSWORD, dependencySeeds, workPackageSeeds } from "./fse-data";
import { seedDemo } from "./index";

describe("demo seed", () => {
  let cleanup = () => {};
  afterAll(() => cleanup());

  it("adds nothing the second time", async () => {
    const database = await useTestDatabase();
    cleanup = database.cleanup;
    const db = openDatabase(database.file);
    const report = seedDemo(db, await argon2.hash(DEMO_PASSWORD));
    expect(Object.values(report.created).every((n) => n === 0)).toBe(true);
    const counts = db.$client.prepare("select (select count(*) from task) t, (select count(*) from milestone) m, (select count(*) from user) u").get();
    expect(counts).toEqual({ t: 50, m: 13, u: 4 });
    db.$client.close();
  }, 60_000);

  it("has 60+ items, respects every finish-to-start link and keeps milestones inside their work packages", () => {
    const items = new Map<string, { start: string; end: string }>();
    for (const wp of workPackageSeeds) {
      for (const t of wp.tasks) items.set(t.code, { start: t.start, end: t.end });
      for (const m of wp.milestones) {
        items.set(m.code, { start: m.due, end: m.due });
        expect(m.due >= wp.start && m.due <= wp.end, `${m.code} inside ${wp.code}`).toBe(true);
      }
    }
    expect(items.size).toBeGreaterThanOrEqual(60);
    const violations = dependencySeeds.filter(([from, to]) => {
      const a = items.get(from)!;
      const b = items.get(to)!;
      const isMilestone = (code: string) => code.includes(".M");
      const earliest = isMilestone(from) || isMilestone(to) ? a.end : addDays(a.end, 1);
      return b.start < earliest;
    });
    expect(violations).toEqual([]);
    const euCodes = workPackageSeeds.flatMap((wp) => wp.milestones.map((m) => m.euCode)).filter(Boolean);
    expect(euCodes).toEqual(expect.arrayContaining(["M6C2-11", "M6C2-12", "M6C2-13"]));
  });
});
