import { describe, expect, it } from "vitest";
import { assessIndicator, latestMeasurement, pathValue, trajectorySeries } from "./trajectory";

const rising = { baseline: 0, baselineDate: "2024-01-01", targetValue: 100, dueDate: "2024-12-31" }; // 365 days
const falling = { baseline: 50, baselineDate: "2024-01-01", targetValue: 10, dueDate: "2024-12-31" };

describe("pathValue", () => {
  it("is the baseline before, the target after, linear between", () => {
    expect(pathValue(rising, "2023-06-01")).toBe(0);
    expect(pathValue(rising, "2025-06-01")).toBe(100);
    expect(pathValue(rising, "2024-07-01")).toBeCloseTo((182 / 365) * 100);
    expect(pathValue(falling, "2024-07-01")).toBeCloseTo(50 - (182 / 365) * 40);
  });
});

describe("assessIndicator", () => {
  it("is at risk with no measurement before the due date", () => {
    expect(assessIndicator(rising, [], "2024-06-01").status).toBe("at_risk");
  });
  it("is on track within tolerance of the path, at risk beyond it", () => {
    // path at 2024-07-01 ≈ 49.9; tolerance 10 points
    expect(assessIndicator(rising, [{ date: "2024-07-01", value: 41 }], "2024-07-02").status).toBe("on_track");
    expect(assessIndicator(rising, [{ date: "2024-07-01", value: 39 }], "2024-07-02").status).toBe("at_risk");
  });
  it("uses the latest measurement up to asOf, ignoring later ones", () => {
    const ms = [
      { date: "2024-03-01", value: 20 },
      { date: "2024-07-01", value: 10 },
      { date: "2024-08-01", value: 90 },
    ];
    const result = assessIndicator(rising, ms, "2024-07-15");
    expect(result.latest).toEqual({ date: "2024-07-01", value: 10 });
    expect(result.status).toBe("at_risk");
    expect(result.gap!).toBeCloseTo(10 - (182 / 365) * 100);
  });
  it("is achieved once a measurement by the due date reaches the target, even after it", () => {
    const result = assessIndicator(rising, [{ date: "2024-12-31", value: 100 }], "2025-03-01");
    expect(result).toMatchObject({ status: "on_track", achieved: true });
  });
  it("is missed when the due date passes without reaching the target", () => {
    expect(assessIndicator(rising, [{ date: "2024-12-31", value: 99.9 }], "2025-01-01").status).toBe("missed");
    // a late success does not rescue it
    expect(assessIndicator(rising, [{ date: "2025-01-15", value: 100 }], "2025-02-01").status).toBe("missed");
  });
  it("on the due date itself it is not yet missed", () => {
    expect(assessIndicator(rising, [{ date: "2024-12-20", value: 95 }], "2024-12-31").status).toBe("on_track");
  });
  it("handles falling targets", () => {
    expect(assessIndicator(falling, [{ date: "2024-07-01", value: 33 }], "2024-07-02").status).toBe("on_track");
    expect(assessIndicator(falling, [{ date: "2024-07-01", value: 40 }], "2024-07-02").status).toBe("at_risk");
    expect(assessIndicator(falling, [{ date: "2024-10-01", value: 9 }], "2025-02-01")).toMatchObject({ status: "on_track", achieved: true });
  });
  it("a target equal to its baseline is achieved by holding it", () => {
    const flat = { baseline: 100, baselineDate: "2024-01-01", targetValue: 100, dueDate: "2024-12-31" };
    expect(assessIndicator(flat, [{ date: "2024-05-01", value: 100 }], "2024-06-01").achieved).toBe(true);
    expect(assessIndicator(flat, [{ date: "2024-05-01", value: 98 }], "2024-06-01").status).toBe("at_risk");
  });
});

describe("latestMeasurement and trajectorySeries", () => {
  it("picks the latest by date, not by order", () => {
    expect(latestMeasurement([{ date: "2024-05-01", value: 1 }, { date: "2024-02-01", value: 2 }], "2024-12-31")).toEqual({ date: "2024-05-01", value: 1 });
  });
  it("merges path and measurements on sorted dates", () => {
    const series = trajectorySeries(rising, [{ date: "2024-07-01", value: 40 }]);
    expect(series.map((p) => p.date)).toEqual(["2024-01-01", "2024-07-01", "2024-12-31"]);
    expect(series[0]).toEqual({ date: "2024-01-01", target: 0, actual: null });
    expect(series[1].actual).toBe(40);
    expect(series[2].target).toBe(100);
  });
});
