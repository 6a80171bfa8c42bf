import { describe, expect, it } from "vitest";
import { bimesterKey, obligationsCalendar, obligationsToShow } from "./obligations";
import { addMonths, formatPeriod, monthEnd } from "./period";

describe("reporting obligations", () => {
  const calendar = (closed: string[], today: string, reported: string[] = []) =>
    obligationsCalendar({ first: "2025-01", last: "2025-12", today, closedPeriods: new Set(closed), reportedBimesters: new Set(reported) });

  it("puts the ReGiS validation of each month on the 20th of the next", () => {
    const validations = calendar([], "2025-01-01").filter((o) => o.kind === "regis_validation");
    expect(validations).toHaveLength(12);
    expect(validations[0]).toMatchObject({ from: "2025-01", dueDate: "2025-02-20" });
    expect(validations[11]).toMatchObject({ from: "2025-12", dueDate: "2026-01-20" });
  });

  it("has a report every two months and common indicators on 20 July and 20 January", () => {
    const all = calendar([], "2025-01-01");
    expect(all.filter((o) => o.kind === "project_report").map((o) => `${o.from}..${o.to}→${o.dueDate}`)).toEqual([
      "2025-01..2025-02→2025-03-20",
      "2025-03..2025-04→2025-05-20",
      "2025-05..2025-06→2025-07-20",
      "2025-07..2025-08→2025-09-20",
      "2025-09..2025-10→2025-11-20",
      "2025-11..2025-12→2026-01-20",
    ]);
    expect(all.filter((o) => o.kind === "common_indicators").map((o) => o.dueDate)).toEqual(["2025-07-20", "2026-01-20"]);
  });

  it("is done when the month is closed, due until the deadline day, late after it", () => {
    const all = calendar(["2025-09"], "2025-11-20");
    const byKey = new Map(all.map((o) => [o.key, o.state]));
    expect(byKey.get("regis-2025-09")).toBe("done");
    expect(byKey.get("regis-2025-10")).toBe("due"); // due today, 20/11
    expect(byKey.get("regis-2025-08")).toBe("late");
    expect(calendar([], "2025-11-21").find((o) => o.key === "regis-2025-10")?.state).toBe("late");
    // Semester indicators: done with the close of June.
    expect(calendar(["2025-06"], "2025-08-01").find((o) => o.key === "indicators-2025-06")?.state).toBe("done");
    expect(calendar([], "2025-08-01").find((o) => o.key === "indicators-2025-06")?.state).toBe("late");
  });

  it("keeps reports due or late until a report is recorded (the hook)", () => {
    expect(calendar([], "2025-12-01").find((o) => o.key === "report-2025-B5")?.state).toBe("late");
    expect(calendar([], "2025-12-01", ["2025-B5"]).find((o) => o.key === "report-2025-B5")?.state).toBe("done");
    expect(bimesterKey("2025-10")).toBe("2025-B5");
  });

  it("sorts by date and shows the late ones and the next few", () => {
    const all = calendar(["2025-01", "2025-02"], "2025-04-25");
    expect(all.map((o) => o.dueDate)).toEqual([...all.map((o) => o.dueDate)].sort());
    const shown = obligationsToShow(all, 2);
    expect(shown.late.map((o) => o.key)).toEqual(["report-2025-B1", "regis-2025-03"]);
    expect(shown.due.map((o) => o.key)).toEqual(["regis-2025-04", "report-2025-B2"]);
    expect(shown.doneCount).toBe(2);
  });

  it("does month arithmetic across years", () => {
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(formatPeriod("2025-10")).toBe("ottobre 2025");
    expect(formatPeriod("2025-10", "en")).toBe("October 2025");
  });
});
