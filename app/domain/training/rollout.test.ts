import { describe, expect, it } from "vitest";
import { buildRolloutCurve, buildRolloutMatrix, LAG_THRESHOLD, monthEnds, plannedShare, waveProgress, type RolloutWave } from "./rollout";

const wave = (id: number, group: string, authorityId: number, startDate: string, endDate: string, targetHeadcount: number): RolloutWave => ({
  id,
  group,
  authorityId,
  startDate,
  endDate,
  targetHeadcount,
});

describe("plannedShare", () => {
  const w = { startDate: "2025-01-01", endDate: "2025-01-10" };
  it("is 0 before the start and 1 from the end on", () => {
    expect(plannedShare(w, "2024-12-31")).toBe(0);
    expect(plannedShare(w, "2025-01-10")).toBe(1);
    expect(plannedShare(w, "2026-01-01")).toBe(1);
  });
  it("counts both the first and the last day", () => {
    expect(plannedShare(w, "2025-01-01")).toBeCloseTo(0.1);
    expect(plannedShare(w, "2025-01-05")).toBeCloseTo(0.5);
    expect(plannedShare(w, "2025-01-09")).toBeCloseTo(0.9);
  });
  it("handles a one-day wave", () => {
    expect(plannedShare({ startDate: "2025-03-30", endDate: "2025-03-30" }, "2025-03-30")).toBe(1);
    expect(plannedShare({ startDate: "2025-03-30", endDate: "2025-03-30" }, "2025-03-29")).toBe(0);
  });
  it("is not thrown off by the DST change (30/03/2025 in Rome)", () => {
    expect(plannedShare({ startDate: "2025-03-29", endDate: "2025-04-01" }, "2025-03-30")).toBeCloseTo(0.5);
  });
});

describe("buildRolloutMatrix", () => {
  const waves = [
    wave(1, "gp", 10, "2025-01-01", "2025-01-10", 100), // fully due by asOf
    wave(2, "gp", 10, "2025-02-01", "2025-02-10", 50), // not started
    wave(3, "nurse", 20, "2025-01-01", "2025-01-10", 200),
    wave(4, "gp", 20, "2025-01-01", "2025-01-20", 40), // half due
  ];
  const completions = [
    { waveId: 1, date: "2025-01-05", count: 60 },
    { waveId: 1, date: "2025-01-10", count: 30 },
    { waveId: 1, date: "2025-01-12", count: 5 }, // after asOf: ignored
    { waveId: 3, date: "2025-01-09", count: 100 },
    { waveId: 4, date: "2025-01-08", count: 20 },
  ];
  const asOf = "2025-01-10";
  const m = buildRolloutMatrix(waves, completions, asOf, { groups: ["gp", "nurse", "ict"], authorityIds: [10, 20, 30] });

  it("sums planned and trained per cell up to asOf", () => {
    expect(m.cells.gp[10]).toMatchObject({ planned: 150, trained: 90, waveCount: 2 });
    expect(m.cells.gp[10].expected).toBeCloseTo(100);
    expect(m.cells.gp[10].coverage).toBeCloseTo(0.6);
    expect(m.cells.nurse[20]).toMatchObject({ planned: 200, trained: 100 });
  });
  it("keeps empty cells for listed axes", () => {
    expect(m.cells.ict[30]).toEqual({ planned: 0, expected: 0, trained: 0, waveCount: 0, coverage: null, lagging: false });
    expect(m.groups).toEqual(["gp", "nurse", "ict"]);
  });
  it("flags cells below the threshold of what was expected by now", () => {
    expect(m.cells.gp[10].lagging).toBe(false); // 90 of 100 expected
    expect(m.cells.nurse[20].lagging).toBe(true); // 100 of 200 expected
    expect(m.cells.gp[20].expected).toBeCloseTo(20);
    expect(m.cells.gp[20].lagging).toBe(false); // 20 of 20 expected
  });
  it("aggregates rows, columns and the total", () => {
    expect(m.byGroup.gp).toMatchObject({ planned: 190, trained: 110, waveCount: 3 });
    expect(m.byGroup.gp.lagging).toBe(false);
    expect(m.byAuthority[20]).toMatchObject({ planned: 240, trained: 120 });
    expect(m.byAuthority[20].expected).toBeCloseTo(220);
    expect(m.byAuthority[20].lagging).toBe(true); // 120 < 0.8 × 220
    expect(m.total).toMatchObject({ planned: 390, trained: 210 });
  });
  it("a cell exactly at the threshold is not lagging; just below is", () => {
    const w = [wave(1, "gp", 1, "2025-01-01", "2025-01-01", 100)];
    const at = buildRolloutMatrix(w, [{ waveId: 1, date: "2025-01-01", count: 100 * LAG_THRESHOLD }], "2025-01-01", { groups: [], authorityIds: [] });
    expect(at.cells.gp[1].lagging).toBe(false);
    const below = buildRolloutMatrix(w, [{ waveId: 1, date: "2025-01-01", count: 100 * LAG_THRESHOLD - 1 }], "2025-01-01", { groups: [], authorityIds: [] });
    expect(below.cells.gp[1].lagging).toBe(true);
  });
  it("nets corrections (negative rows) into the trained count", () => {
    const w = [wave(1, "gp", 1, "2025-01-01", "2025-01-01", 10)];
    const r = buildRolloutMatrix(w, [{ waveId: 1, date: "2025-01-01", count: 8 }, { waveId: 1, date: "2025-01-01", count: -3 }], "2025-01-02", { groups: [], authorityIds: [] });
    expect(r.cells.gp[1].trained).toBe(5);
    expect(r.cells.gp[1].lagging).toBe(true);
  });
  it("nothing due yet never lags", () => {
    const r = buildRolloutMatrix([wave(1, "gp", 1, "2026-01-01", "2026-02-01", 10)], [], "2025-06-01", { groups: [], authorityIds: [] });
    expect(r.cells.gp[1].lagging).toBe(false);
    expect(r.cells.gp[1].coverage).toBe(0);
  });
});

describe("monthEnds", () => {
  it("lists month ends, leap February included, and clips at `to`", () => {
    expect(monthEnds("2024-01-15", "2024-03-10")).toEqual(["2024-01-31", "2024-02-29", "2024-03-10"]);
    expect(monthEnds("2024-11-01", "2025-01-31")).toEqual(["2024-11-30", "2024-12-31", "2025-01-31"]);
  });
});

describe("buildRolloutCurve", () => {
  const waves = [wave(1, "gp", 1, "2025-01-01", "2025-03-31", 90), wave(2, "gp", 2, "2025-10-01", "2026-03-31", 100)];
  it("plans cumulatively and stops actuals at asOf", () => {
    const curve = buildRolloutCurve(waves, [{ waveId: 1, date: "2025-02-15", count: 40 }], "2025-04-10", "2025-12-31");
    expect(curve.totalTarget).toBe(190);
    const byDate = Object.fromEntries(curve.points.map((p) => [p.date, p]));
    expect(byDate["2025-03-31"].planned).toBeCloseTo(90);
    expect(byDate["2025-01-31"].trained).toBe(0);
    expect(byDate["2025-02-28"].trained).toBe(40);
    expect(byDate["2025-04-10"].trained).toBe(40);
    expect(byDate["2025-04-30"].trained).toBeNull();
    expect(curve.points.at(-1)!.date).toBe("2026-03-31");
    expect(curve.points.at(-1)!.planned).toBeCloseTo(190);
    // wave 2 is 92 of 182 days in at the gate
    expect(curve.plannedAtGate).toBeCloseTo(90 + (100 * 92) / 182);
    expect(curve.trainedToDate).toBe(40);
  });
  it("projects the recent pace to the gate", () => {
    const completions = [
      { waveId: 1, date: "2025-01-10", count: 10 },
      { waveId: 1, date: "2025-10-01", count: 90 }, // inside the last 90 days of asOf
    ];
    const curve = buildRolloutCurve(waves, completions, "2025-11-14", "2025-12-31");
    expect(curve.projectedAtGate).toBeCloseTo(100 + (90 / 90) * 47);
    expect(curve.onCourse).toBe(true);
    const slow = buildRolloutCurve(waves, completions.slice(0, 1), "2025-11-14", "2025-12-31");
    expect(slow.projectedAtGate).toBe(10);
    expect(slow.onCourse).toBe(false);
  });
  it("after the gate, judges on what was trained by the gate", () => {
    const curve = buildRolloutCurve([wave(1, "gp", 1, "2025-01-01", "2025-03-31", 10)], [{ waveId: 1, date: "2025-12-30", count: 10 }], "2026-02-01", "2025-12-31");
    expect(curve.projectedAtGate).toBeNull();
    expect(curve.onCourse).toBe(true);
  });
  it("an empty programme has no points", () => {
    expect(buildRolloutCurve([], [], "2025-01-01", "2025-12-31").points).toEqual([]);
  });
});

describe("waveProgress", () => {
  it("caps the bar share but not the count", () => {
    expect(waveProgress(10, [{ waveId: 1, date: "2025-01-01", count: 12 }], "2025-01-01")).toEqual({ trained: 12, share: 1 });
    expect(waveProgress(10, [{ waveId: 1, date: "2025-01-02", count: 12 }], "2025-01-01")).toEqual({ trained: 0, share: 0 });
  });
});
