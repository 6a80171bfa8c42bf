import { describe, expect, it } from "vitest";
import { computeEvm, explainEvm, formatIndex, sumEvm } from "./evm";

describe("computeEvm", () => {
  it("computes PV, EV, AC and the indices of the textbook example", () => {
    // BAC € 100.000, 40% done, € 50.000 planned to date, € 32.000 paid.
    const r = computeEvm({ budget: 10_000_000, plannedValue: 5_000_000, progress: 40, actualCost: 3_200_000 });
    expect(r.ev).toBe(4_000_000);
    expect(r.sv).toBe(-1_000_000);
    expect(r.cv).toBe(800_000);
    expect(r.spi).toBeCloseTo(0.8, 10);
    expect(r.cpi).toBeCloseTo(1.25, 10);
    expect(r.eac).toBe(8_000_000);
    expect(r.vac).toBe(2_000_000);
  });
  it("rounds EV to whole cents", () => {
    expect(computeEvm({ budget: 333, plannedValue: 0, progress: 50, actualCost: 0 }).ev).toBe(167);
    expect(computeEvm({ budget: 1_000_001, plannedValue: 0, progress: 33, actualCost: 0 }).ev).toBe(330_000);
  });
  it("leaves indices empty when their denominator is zero", () => {
    const r = computeEvm({ budget: 1_000, plannedValue: 0, progress: 0, actualCost: 0 });
    expect(r.spi).toBeNull();
    expect(r.cpi).toBeNull();
    expect(r.eac).toBe(1_000);
  });
  it("forecasts at least what is already spent when nothing is earned", () => {
    const r = computeEvm({ budget: 1_000, plannedValue: 500, progress: 0, actualCost: 1_500 });
    expect(r.cpi).toBe(0);
    expect(r.eac).toBe(1_500);
    expect(r.vac).toBe(-500);
  });
  it("flags overspend through a CPI below 1", () => {
    const r = computeEvm({ budget: 1_000_000, plannedValue: 500_000, progress: 50, actualCost: 625_000 });
    expect(r.cpi).toBeCloseTo(0.8, 10);
    expect(r.eac).toBe(1_250_000);
  });
  it("rejects progress outside 0–100", () => {
    expect(() => computeEvm({ budget: 1, plannedValue: 1, progress: 101, actualCost: 0 })).toThrow(RangeError);
    expect(() => computeEvm({ budget: 1, plannedValue: 1, progress: -1, actualCost: 0 })).toThrow(RangeError);
  });
  it("sums work packages and recomputes the indices on the totals", () => {
    const a = computeEvm({ budget: 1_000, plannedValue: 500, progress: 50, actualCost: 400 });
    const b = computeEvm({ budget: 3_000, plannedValue: 1_500, progress: 20, actualCost: 900 });
    const total = sumEvm([a, b]);
    expect(total.bac).toBe(4_000);
    expect(total.ev).toBe(1_100);
    expect(total.spi).toBeCloseTo(1_100 / 2_000, 10);
    expect(total.cpi).toBeCloseTo(1_100 / 1_300, 10);
    expect(total.eac).toBe(a.eac + b.eac);
  });
});

describe("explainEvm", () => {
  it("explains in plain Italian with Italian amounts", () => {
    const r = computeEvm({ budget: 10_000_000, plannedValue: 5_000_000, progress: 40, actualCost: 3_200_000 });
    const text = explainEvm(r, 40, "it").join(" ");
    expect(text).toContain("€ 50.000,00");
    expect(text).toContain("il 40% del budget di € 100.000,00");
    expect(text).toContain("SPI 0,80");
    expect(text).toContain("in ritardo");
    expect(text).toContain("CPI 1,25");
    expect(text).toContain("€ 1,25 di lavoro");
    expect(text).toContain("€ 20.000,00 meno del budget");
  });
  it("explains over budget and missing indices in English", () => {
    const r = computeEvm({ budget: 1_000_000, plannedValue: 0, progress: 50, actualCost: 625_000 });
    const text = explainEvm(r, 50, "en").join(" ");
    expect(text).toContain("cannot be computed");
    expect(text).toContain("over budget");
    expect(formatIndex(null)).toBe("—");
    expect(formatIndex(1.234, "en")).toBe("1.23");
  });
});

describe("explainEvm with the schedule state (issue 10)", () => {
  it("calls a late work package late even when its cost figures are good", () => {
    // SPI 1,00 and CPI 1,25: on the figures alone this read "procede secondo il piano".
    const r = computeEvm({ budget: 10_000_000, plannedValue: 7_000_000, progress: 70, actualCost: 5_600_000 });
    const lines = explainEvm(r, 70, "it", { state: "late", endDate: "2026-06-12" });
    const text = lines.join(" ");
    expect(text).toContain("in ritardo rispetto al piano (fine prevista 12/06/2026, avanzamento 70%)");
    expect(text).not.toContain("secondo il piano");
    expect(text).toContain("si sta spendendo meno del valore prodotto");
    expect(explainEvm(r, 70, "en", { state: "late", endDate: "2026-06-12" }).join(" ")).toContain("behind schedule");
    expect(explainEvm(r, 70, "it", { state: "on_track", endDate: "2026-06-12" }).join(" ")).toContain("procede secondo il piano");
  });
});
