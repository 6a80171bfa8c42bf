import { describe, expect, it } from "vitest";
import { addMonths, allocate, cumulative, daysInMonth, isMonth, monthsBetween, plannedUpTo, profileTotal, quarterOf, scaleProfile, spreadAmount } from "./profile";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("months", () => {
  it("walks across years", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2023-01", "2026-06")).toHaveLength(42);
    expect(monthsBetween("2026-02", "2025-11")).toEqual([]);
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2025-01", -1)).toBe("2024-12");
  });
  it("rejects what is not a month", () => {
    expect(isMonth("2025-13")).toBe(false);
    expect(isMonth("2025-1")).toBe(false);
    expect(() => monthsBetween("2025-00", "2025-03")).toThrow(RangeError);
  });
  it("knows leap years and quarters", () => {
    expect(daysInMonth("2024-02")).toBe(29);
    expect(daysInMonth("2025-02")).toBe(28);
    expect(quarterOf("2025-10")).toEqual({ year: 2025, quarter: 4, key: "2025-Q4" });
  });
});

describe("allocate (largest remainder)", () => {
  it("never loses or invents a cent", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    for (const total of [1, 7, 99, 1_000_001, 3_900_000_000, 123_456_789_01]) {
      for (const weights of [[1], [1, 1, 1], [3, 1, 4, 1, 5, 9, 2, 6], Array.from({ length: 42 }, (_, i) => i + 1)]) {
        expect(sum(allocate(total, weights))).toBe(total);
      }
    }
  });
  it("gives remainders to the largest fractions, ties to the earlier month", () => {
    // 10 × (1,2,2)/5 = 2, 4, 4 exactly; 11 → 2.2, 4.4, 4.4 → the extra cent to the first 0.4 tie.
    expect(allocate(11, [1, 2, 2])).toEqual([2, 5, 4]);
  });
  it("is exact beyond float precision", () => {
    const huge = Number.MAX_SAFE_INTEGER - 1;
    const shares = allocate(huge, [1, 1, 1]);
    expect(shares.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(huge));
  });
  it("spreads evenly when every weight is zero, and refuses bad input", () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(() => allocate(-1, [1])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(10, [])).toThrow(RangeError);
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
  });
});

describe("spreadAmount", () => {
  it("spreads € 1.000.000,01 evenly over 3 months to the cent", () => {
    const profile = spreadAmount(1_000_000_01, "2025-01", "2025-03", "even");
    expect(profile.map((p) => p.cents)).toEqual([333_333_34, 333_333_34, 333_333_33]);
    expect(profileTotal(profile)).toBe(1_000_000_01);
  });
  it("front-loads and back-loads", () => {
    const front = spreadAmount(600, "2025-01", "2025-03", "front").map((p) => p.cents);
    const back = spreadAmount(600, "2025-01", "2025-03", "back").map((p) => p.cents);
    expect(front).toEqual([300, 200, 100]);
    expect(back).toEqual([100, 200, 300]);
  });
  it("sums exactly for awkward amounts over 42 months", () => {
    for (const method of ["even", "front", "back"] as const) {
      const profile = spreadAmount(3_900_000_007, "2023-01", "2026-06", method);
      expect(profile).toHaveLength(42);
      expect(profileTotal(profile)).toBe(3_900_000_007);
      expect(profile.every((p) => p.cents >= 0)).toBe(true);
    }
  });
  it("handles a single month and refuses a reversed range", () => {
    expect(spreadAmount(12345, "2025-05", "2025-05", "front")).toEqual([{ month: "2025-05", cents: 12345 }]);
    expect(() => spreadAmount(100, "2025-06", "2025-05", "even")).toThrow(RangeError);
  });
});

describe("scaleProfile", () => {
  it("keeps the shape and the exact new total", () => {
    const scaled = scaleProfile(
      [
        { month: "2025-01", cents: 100 },
        { month: "2025-02", cents: 200 },
        { month: "2025-03", cents: 0 },
      ],
      1001,
    );
    expect(scaled.map((p) => p.cents)).toEqual([334, 667, 0]);
    expect(profileTotal(scaled)).toBe(1001);
  });
});

describe("plannedUpTo and cumulative", () => {
  it("counts ended months fully and the current month by days elapsed", () => {
    expect(plannedUpTo("2025-10", 3100, "2025-11-14")).toBe(3100);
    expect(plannedUpTo("2025-11", 3000, "2025-11-14")).toBe(1400);
    expect(plannedUpTo("2025-11", 1000, "2025-11-14")).toBe(466); // 466,66… rounded down
    expect(plannedUpTo("2025-12", 3100, "2025-11-14")).toBe(0);
    expect(plannedUpTo("2025-11", 3000, "2025-11-30")).toBe(3000);
  });
  it("accumulates", () => {
    expect(cumulative([1, 2, 3, -1])).toEqual([1, 3, 6, 5]);
  });
});
