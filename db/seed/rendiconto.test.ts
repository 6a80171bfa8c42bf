import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../client";
import { useTestDatabase } from "../testing";
import { SEEDED_CLOSES, seedReportingActivity } from "./rendiconto";

describe("demo reporting activity", () => {
  let cleanup = () => {};
  afterAll(() => cleanup());

  it("adds checklists in every state and the closed months up to the month before last, once", async () => {
    const database = await useTestDatabase();
    cleanup = database.cleanup;
    const pinned = process.env.TRAGUARDI_TODAY;
    process.env.TRAGUARDI_TODAY = "2025-11-14";
    const db = openDatabase(database.file);
    try {
      expect(seedReportingActivity(db)).toEqual({ checklist: 8, expenseReport: 2, monthClose: SEEDED_CLOSES });
      expect(seedReportingActivity(db)).toEqual({ checklist: 0, expenseReport: 0, monthClose: 0 });
      const reports = db.$client.prepare("select r.number, r.state, count(i.id) n, sum(i.amount_cents) total from expense_report r join expense_report_item i on i.report_id = r.id group by r.id order by r.number").all() as { number: number; state: string; n: number; total: number }[];
      expect(reports.map((r) => `${r.number}:${r.state}`)).toEqual(["1:accepted", "2:draft"]);
      for (const r of reports) expect(r.n).toBeGreaterThan(0);
      const history = db.$client.prepare("select e.to_state from expense_report_event e join expense_report r on r.id = e.report_id where r.number = 1 order by e.date, e.id").all();
      expect(history).toEqual([{ to_state: "draft" }, { to_state: "submitted" }, { to_state: "accepted" }]);
      const states = db.$client.prepare("select state, count(*) n from checklist group by state order by state").all();
      expect(states).toEqual([
        { state: "completed", n: 1 },
        { state: "draft", n: 3 },
        { state: "rejected", n: 1 },
        { state: "verified", n: 3 },
      ]);
      const closes = db.$client.prepare("select min(period) first, max(period) last, count(*) n, count(distinct snapshot_id) snaps from month_close").get();
      expect(closes).toEqual({ first: "2024-10", last: "2025-09", n: SEEDED_CLOSES, snaps: SEEDED_CLOSES });
      const fourEyes = db.$client.prepare("select count(*) n from checklist where reviewed_by_id = completed_by_id").get();
      expect(fourEyes).toEqual({ n: 0 });
    } finally {
      db.$client.close();
      if (pinned === undefined) delete process.env.TRAGUARDI_TODAY;
      else process.env.TRAGUARDI_TODAY = pinned;
    }
  }, 120_000);
});
