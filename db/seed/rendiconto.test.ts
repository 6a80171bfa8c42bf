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
      expect(seedReportingActivity(db)).toEqual({ checklist: 8, monthClose: SEEDED_CLOSES });
      expect(seedReportingActivity(db)).toEqual({ checklist: 0, monthClose: 0 });
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
