import { describe, expect, it } from "vitest";
import { criticalPath, daysFromPixels, pushForward, workPackageImpacts, type ScheduleItem } from "./schedule";

const task = (key: string, start: string, end: string): ScheduleItem => ({ key, start, end });
const milestone = (key: string, due: string): ScheduleItem => ({ key, start: due, end: due });
const link = (from: string, to: string) => ({ from, to });
const slacks = (result: ReturnType<typeof criticalPath>) => Object.fromEntries([...result.items].map(([key, item]) => [key, item.slack]));

describe("criticalPath", () => {
  it("finds the longer of two parallel branches and gives the shorter its float", () => {
    // t1 (3 days) → t2 (10 days) → t4 ; t1 → t3 (4 days) → t4
    const items = [
      task("t1", "2025-01-01", "2025-01-03"),
      task("t2", "2025-01-04", "2025-01-13"),
      task("t3", "2025-01-04", "2025-01-07"),
      task("t4", "2025-01-14", "2025-01-20"),
    ];
    const links = [link("t1", "t2"), link("t1", "t3"), link("t2", "t4"), link("t3", "t4")];
    const result = criticalPath(items, links);
    expect(result.criticalPath).toEqual(["t1", "t2", "t4"]);
    expect(slacks(result)).toEqual({ t1: 0, t2: 0, t3: 6, t4: 0 });
    expect(result.items.get("t3")!.lateFinish).toBe("2025-01-13");
    expect(result.finish).toBe("2025-01-20");
    expect(result.criticalLinks).toEqual([link("t1", "t2"), link("t2", "t4")]);
  });

  it("marks both of two equal-length paths critical", () => {
    const items = [
      task("t1", "2025-03-01", "2025-03-05"),
      task("t2", "2025-03-06", "2025-03-10"),
      task("t3", "2025-03-06", "2025-03-10"),
      milestone("m1", "2025-03-10"),
    ];
    const links = [link("t1", "t2"), link("t1", "t3"), link("t2", "m1"), link("t3", "m1")];
    const result = criticalPath(items, links);
    expect(result.criticalPath).toEqual(["t1", "t2", "t3", "m1"]);
    expect(Object.values(slacks(result))).toEqual([0, 0, 0, 0]);
    expect(result.criticalLinks).toHaveLength(4);
  });

  it("ends on a milestone due the day its last task finishes, and a milestone lets the next task start the day after", () => {
    const items = [task("t1", "2025-10-01", "2025-10-31"), milestone("m1", "2025-10-31"), task("t2", "2025-11-01", "2025-11-30"), milestone("m2", "2025-11-30")];
    const links = [link("t1", "m1"), link("m1", "t2"), link("t2", "m2")];
    const result = criticalPath(items, links);
    expect(result.criticalPath).toEqual(["t1", "m1", "t2", "m2"]);
    expect(result.items.get("m2")!.earlyFinish).toBe("2025-11-30");
    expect(result.finish).toBe("2025-11-30");
  });

  it("gives a milestone due later than its predecessor allows the gap as float to its chain", () => {
    const items = [task("t1", "2025-01-01", "2025-01-10"), milestone("m1", "2025-01-20"), task("t2", "2025-01-01", "2025-01-31")];
    const result = criticalPath(items, [link("t1", "m1")]);
    expect(slacks(result)).toEqual({ t1: 21, m1: 11, t2: 0 });
    expect(result.criticalPath).toEqual(["t2"]);
  });

  it("measures disconnected parts against the one programme finish", () => {
    const items = [
      task("t1", "2025-01-01", "2025-01-31"),
      task("t2", "2025-02-01", "2025-02-28"),
      task("t3", "2025-01-01", "2025-01-15"),
      task("t4", "2025-01-16", "2025-01-20"),
      task("t5", "2025-02-10", "2025-02-12"),
    ];
    const result = criticalPath(items, [link("t1", "t2"), link("t3", "t4")]);
    expect(result.criticalPath).toEqual(["t1", "t2"]);
    expect(slacks(result)).toEqual({ t1: 0, t2: 0, t3: 39, t4: 39, t5: 16 });
  });

  it("counts a deliberate gap before a successor as float of the predecessor", () => {
    const items = [task("t1", "2025-01-01", "2025-01-05"), task("t2", "2025-01-11", "2025-01-20")];
    const result = criticalPath(items, [link("t1", "t2")]);
    expect(slacks(result)).toEqual({ t1: 5, t2: 0 });
    expect(result.criticalLinks).toEqual([]);
  });

  it("pushes a successor planned too early in the forward pass", () => {
    const items = [task("t1", "2025-01-01", "2025-01-10"), task("t2", "2025-01-05", "2025-01-09")];
    const result = criticalPath(items, [link("t1", "t2")]);
    expect(result.items.get("t2")!.earlyStart).toBe("2025-01-11");
    expect(result.items.get("t2")!.earlyFinish).toBe("2025-01-15");
    expect(result.finish).toBe("2025-01-15");
    expect(result.criticalPath).toEqual(["t1", "t2"]);
  });

  it("counts days exactly across the daylight-saving changes", () => {
    const items = [task("t1", "2025-03-25", "2025-03-31"), task("t2", "2025-10-20", "2025-10-31")];
    const result = criticalPath(items, [link("t1", "t2")]);
    expect(result.items.get("t1")!.slack).toBe(202);
  });

  it("handles an empty plan, ignores links to unknown items and rejects cycles", () => {
    expect(criticalPath([], []).finish).toBeNull();
    expect(criticalPath([task("t1", "2025-01-01", "2025-01-02")], [link("t1", "t9")]).criticalPath).toEqual(["t1"]);
    expect(() =>
      criticalPath([task("t1", "2025-01-01", "2025-01-02"), task("t2", "2025-01-03", "2025-01-04")], [link("t1", "t2"), link("t2", "t1")]),
    ).toThrow(/cycle/);
  });
});

describe("pushForward", () => {
  const items = [
    task("t1", "2025-12-01", "2025-12-05"),
    task("t2", "2025-12-06", "2025-12-10"),
    task("t3", "2025-12-15", "2025-12-20"),
    milestone("m1", "2025-12-20"),
    task("t4", "2025-12-11", "2025-12-12"),
    task("t5", "2025-12-01", "2025-12-20"),
  ];
  const links = [link("t1", "t2"), link("t2", "t3"), link("t3", "m1"), link("t2", "t4"), link("t5", "m1")];

  it("moves the chain downstream only as far as needed, absorbing slack", () => {
    // t1 three days later: t2 +3 (ends 13/12), t4 +3, t3 has 4 days of slack and does not move.
    const shifts = pushForward(items, links, task("t1", "2025-12-04", "2025-12-08"));
    expect(shifts).toEqual([
      { key: "t2", days: 3, start: "2025-12-09", end: "2025-12-13" },
      { key: "t4", days: 3, start: "2025-12-14", end: "2025-12-15" },
    ]);
  });

  it("pushes milestones and respects other predecessors that do not move", () => {
    const shifts = pushForward(items, links, task("t1", "2025-12-10", "2025-12-14"));
    const byKey = Object.fromEntries(shifts.map((shift) => [shift.key, shift]));
    expect(byKey.t2).toMatchObject({ days: 9, start: "2025-12-15", end: "2025-12-19" });
    expect(byKey.t3).toMatchObject({ days: 5, start: "2025-12-20", end: "2025-12-25" });
    expect(byKey.m1).toMatchObject({ days: 5, start: "2025-12-25", end: "2025-12-25" });
    expect(byKey.t5).toBeUndefined();
    expect(shifts).toHaveLength(4);
  });

  it("does not count a link that was already broken before the move as its consequence", () => {
    const broken = [task("t1", "2025-01-01", "2025-01-10"), task("t2", "2025-01-05", "2025-01-08"), task("t3", "2025-01-20", "2025-01-25")];
    // t2 already overlaps t1: moving unrelated t3 leaves it alone; moving t1 itself pushes t2 past t1's new finish.
    expect(pushForward(broken, [link("t1", "t2")], task("t3", "2025-01-21", "2025-01-26"))).toEqual([]);
    expect(pushForward(broken, [link("t1", "t2")], task("t1", "2025-01-02", "2025-01-11"))).toEqual([
      { key: "t2", days: 7, start: "2025-01-12", end: "2025-01-15" },
    ]);
  });

  it("never pulls items back when the moved item goes earlier", () => {
    expect(pushForward(items, links, task("t1", "2025-11-20", "2025-11-24"))).toEqual([]);
  });

  it("pushes through a diamond once, by the larger requirement", () => {
    const diamond = [task("t1", "2025-01-01", "2025-01-01"), task("t2", "2025-01-02", "2025-01-02"), task("t3", "2025-01-02", "2025-01-05"), task("t4", "2025-01-06", "2025-01-06")];
    const diamondLinks = [link("t1", "t2"), link("t1", "t3"), link("t2", "t4"), link("t3", "t4")];
    const shifts = pushForward(diamond, diamondLinks, task("t1", "2025-01-03", "2025-01-03"));
    expect(shifts).toEqual([
      { key: "t2", days: 2, start: "2025-01-04", end: "2025-01-04" },
      { key: "t3", days: 2, start: "2025-01-04", end: "2025-01-07" },
      { key: "t4", days: 2, start: "2025-01-08", end: "2025-01-08" },
    ]);
  });

  it("shifts by whole days across the late-October and late-March clock changes", () => {
    const dst = [task("t1", "2025-10-20", "2025-10-25"), task("t2", "2025-10-26", "2025-10-30"), task("t3", "2026-03-27", "2026-03-28"), task("t4", "2026-03-29", "2026-03-30")];
    expect(pushForward(dst, [link("t1", "t2")], task("t1", "2025-10-22", "2025-10-27"))).toEqual([
      { key: "t2", days: 2, start: "2025-10-28", end: "2025-11-01" },
    ]);
    expect(pushForward(dst, [link("t3", "t4")], task("t3", "2026-03-28", "2026-03-29"))).toEqual([
      { key: "t4", days: 1, start: "2026-03-30", end: "2026-03-31" },
    ]);
  });

  it("ignores disconnected parts and rejects unknown items", () => {
    expect(pushForward([...items, task("t9", "2025-12-01", "2025-12-02")], links, task("t9", "2026-01-01", "2026-01-02"))).toEqual([]);
    expect(() => pushForward(items, links, task("t99", "2025-01-01", "2025-01-02"))).toThrow(/Unknown/);
  });
});

describe("workPackageImpacts", () => {
  const wps = [
    { id: 1, code: "WP1", startDate: "2025-01-01", endDate: "2025-12-20", gateDueDate: "2025-12-31" },
    { id: 2, code: "WP2", startDate: "2025-01-01", endDate: "2026-02-01", gateDueDate: "2025-12-31" },
  ];

  it("widens a work package to hold its items and flags the gate it now misses", () => {
    const impacts = workPackageImpacts(wps, [{ workPackageId: 1, start: "2025-12-10", end: "2026-01-05" }]);
    expect(impacts).toEqual([{ id: 1, code: "WP1", startDate: "2025-01-01", endDate: "2026-01-05", widened: true, exceedsGate: true, gateDueDate: "2025-12-31" }]);
  });

  it("does not flag a gate already missed, nor untouched work packages", () => {
    const impacts = workPackageImpacts(wps, [{ workPackageId: 2, start: "2025-06-01", end: "2025-06-10" }]);
    expect(impacts).toEqual([{ id: 2, code: "WP2", startDate: "2025-01-01", endDate: "2026-02-01", widened: false, exceedsGate: false, gateDueDate: "2025-12-31" }]);
  });

  it("stays within the gate when the new end is on the gate day", () => {
    const [impact] = workPackageImpacts(wps, [{ workPackageId: 1, start: "2024-12-30", end: "2025-12-31" }]);
    expect(impact).toMatchObject({ startDate: "2024-12-30", widened: true, exceedsGate: false });
  });
});

describe("daysFromPixels", () => {
  it("rounds a drag to whole days", () => {
    expect(daysFromPixels(76, 38)).toBe(2);
    expect(daysFromPixels(-39, 38)).toBe(-1);
    expect(daysFromPixels(5, 38)).toBe(0);
    expect(daysFromPixels(-5, 38)).toBe(0);
    expect(daysFromPixels(59.9, 20)).toBe(3);
  });
});
