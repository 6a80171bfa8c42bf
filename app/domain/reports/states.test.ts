import { describe, expect, it } from "vitest";
import { bimestersOf, reimbursementRequest, reportedAsOf, stateAsOf } from "./states";

const history = [
  { id: 1, date: "2025-03-01", toState: "draft" as const, totalCents: 100 },
  { id: 2, date: "2025-03-10", toState: "submitted" as const, totalCents: 100 },
  { id: 3, date: "2025-04-02", toState: "returned" as const, totalCents: 100 },
  { id: 4, date: "2025-04-20", toState: "submitted" as const, totalCents: 80 },
  { id: 5, date: "2025-04-20", toState: "accepted" as const, totalCents: 80 },
];

describe("report states as of a date", () => {
  it("reads the state on a day, same-day changes in the order recorded", () => {
    expect(stateAsOf(history, "2025-02-28")).toBeNull();
    expect(stateAsOf(history, "2025-03-09")?.toState).toBe("draft");
    expect(stateAsOf(history, "2025-04-20")?.toState).toBe("accepted");
  });

  it("counts submitted and accepted at the last submission's total, never drafts or returned ones", () => {
    expect(["2025-03-09", "2025-03-10", "2025-04-01", "2025-04-02", "2025-04-19", "2025-04-20"].map((d) => reportedAsOf(history, d))).toEqual([0, 100, 100, 0, 0, 80]);
    expect(reportedAsOf([...history, { id: 6, date: "2025-05-01", toState: "rejected", totalCents: 80 }], "2025-05-01")).toBe(0);
  });

  it("names the bimesters a period covers and totals the request by line and category", () => {
    expect(bimestersOf("2025-01-01", "2025-02-28")).toEqual(["2025-B1"]);
    expect(bimestersOf("2025-02-01", "2025-05-31")).toEqual(["2025-B1", "2025-B2", "2025-B3"]);
    const request = reimbursementRequest([
      { amountCents: 150, lineCode: "WP2-DEV", lineTitle: "b", category: "development" },
      { amountCents: 250, lineCode: "WP1-CLOUD", lineTitle: "a", category: "cloud_software" },
      { amountCents: 100, lineCode: "WP1-CLOUD", lineTitle: "a", category: "cloud_software" },
    ]);
    expect(request).toMatchObject({ totalCents: 500, count: 3 });
    expect(request.byLine.map((l) => [l.code, l.amountCents, l.count])).toEqual([["WP1-CLOUD", 350, 2], ["WP2-DEV", 150, 1]]);
    expect(request.byCategory.map((c) => [c.category, c.amountCents])).toEqual([["cloud_software", 350], ["development", 150]]);
  });
});
