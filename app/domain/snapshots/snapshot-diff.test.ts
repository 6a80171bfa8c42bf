import { describe, expect, it } from "vitest";
import { diffSnapshots } from "./snapshot-diff";
import { sampleContent } from "./snapshot-fixture.test-helper";

describe("diffSnapshots", () => {
  it("reports nothing for identical contents, even taken on another day", () => {
    const later = sampleContent();
    later.meta.asOf = "2025-11-30";
    const diff = diffSnapshots(sampleContent(), later);
    expect(diff.unchanged).toBe(true);
    expect(diff.moved).toEqual([]);
    expect(diff.asOfAfter).toBe("2025-11-30");
  });

  it("reports a moved milestone and task with day deltas", () => {
    const after = sampleContent();
    after.plan.milestones[0].dueDate = "2026-01-16"; // +28 days
    after.plan.tasks[1].startDate = "2025-03-25"; // -7 days
    after.plan.tasks[1].endDate = "2025-12-29"; // +10 days
    const diff = diffSnapshots(sampleContent(), after);
    expect(diff.unchanged).toBe(false);
    expect(diff.moved).toEqual([
      expect.objectContaining({ kind: "task", code: "WP1.2", startDays: -7, endDays: 10 }),
      expect.objectContaining({ kind: "milestone", code: "WP1.M1", endBefore: "2025-12-19", endAfter: "2026-01-16", endDays: 28, startDays: 0 }),
    ]);
  });

  it("reports progress, achievement and state changes", () => {
    const after = sampleContent();
    after.plan.tasks[1].progress = 55;
    after.plan.workPackages[0].progress = 70;
    after.plan.overallProgress = 70;
    after.plan.milestones[0].achievedDate = "2025-11-20";
    after.plan.milestones[0].state = "done";
    after.gates[0].state = "at_risk";
    const diff = diffSnapshots(sampleContent(), after);
    expect(diff.progress.map((p) => [p.code, p.before, p.after])).toEqual([
      ["WP1", 40, 70],
      ["WP1.2", 20, 55],
    ]);
    expect(diff.overallProgress).toEqual({ before: 40, after: 70 });
    expect(diff.achieved).toEqual([{ id: 200, code: "WP1.M1", title: "In esercizio", before: null, after: "2025-11-20" }]);
    expect(diff.states.map((s) => [s.kind, s.code, s.before, s.after])).toEqual([
      ["gate", "G1", "on_track", "at_risk"],
      ["milestone", "WP1.M1", "on_track", "done"],
    ]);
  });

  it("matches by id: renamed items change, new and deleted ones are added and removed", () => {
    const after = sampleContent();
    after.plan.tasks[0].code = "WP1.1a";
    after.plan.tasks.splice(1, 1);
    after.plan.tasks.push({ ...sampleContent().plan.tasks[1], id: 102, code: "WP1.3", title: "Collaudo" });
    after.plan.dependencies = [{ from: "WP1.3", to: "WP1.M1" }];
    const diff = diffSnapshots(sampleContent(), after);
    expect(diff.added).toEqual([
      { kind: "task", code: "WP1.3", title: "Collaudo" },
      { kind: "dependency", code: "WP1.3 → WP1.M1", title: "" },
    ]);
    expect(diff.removed).toEqual([
      { kind: "task", code: "WP1.2", title: "Migrazione" },
      { kind: "dependency", code: "WP1.2 → WP1.M1", title: "" },
    ]);
    expect(diff.moved).toEqual([]);
  });

  it("reports budget changes and the spend delta per work package", () => {
    const after = sampleContent();
    after.finance!.budgetLines[0].budgetCents = 1_200_000_00;
    after.finance!.budgetLines.push({ id: 2, code: "BL2", title: "Formazione", workPackageId: null, budgetCents: 50_000_00, plannedToDateCents: 0, committedCents: 0, paidCents: 10_000_00 });
    after.finance!.byWorkPackage[0].paidCents = 350_000_00;
    after.finance!.byWorkPackage.push({ workPackageId: null, workPackageCode: "—", budgetCents: 50_000_00, plannedToDateCents: 0, committedCents: 0, paidCents: 10_000_00 });
    after.finance!.totals.budgetCents = 1_250_000_00;
    const diff = diffSnapshots(sampleContent(), after);
    expect(diff.budget).toEqual([{ id: 1, code: "BL1", title: "Cloud", before: 1_000_000_00, after: 1_200_000_00, deltaCents: 200_000_00 }]);
    expect(diff.budgetTotal).toEqual({ before: 1_000_000_00, after: 1_250_000_00 });
    expect(diff.added).toContainEqual({ kind: "budgetLine", code: "BL2", title: "Formazione" });
    expect(diff.spend).toEqual([
      { workPackageCode: "—", committedBefore: 0, committedAfter: 0, committedDelta: 0, paidBefore: 0, paidAfter: 10_000_00, paidDelta: 10_000_00 },
      { workPackageCode: "WP1", committedBefore: 500_000_00, committedAfter: 500_000_00, committedDelta: 0, paidBefore: 200_000_00, paidAfter: 350_000_00, paidDelta: 150_000_00 },
    ]);
  });

  it("treats a missing finance section as zero spend", () => {
    const before = sampleContent();
    before.finance = null;
    const diff = diffSnapshots(before, sampleContent());
    expect(diff.spend).toEqual([expect.objectContaining({ workPackageCode: "WP1", paidDelta: 200_000_00, committedDelta: 500_000_00 })]);
    expect(diff.added).toContainEqual({ kind: "budgetLine", code: "BL1", title: "Cloud" });
  });

  it("reports changed indicator values and new indicator rows", () => {
    const after = sampleContent();
    after.indicators!.rows[0].values.current = 86;
    after.indicators!.rows.push({ key: "M6C2-13", label: "Regioni che usano il FSE", values: { baseline: 0, current: 21 } });
    const diff = diffSnapshots(sampleContent(), after);
    expect(diff.tables).toEqual([
      { table: "indicators", key: "M6C2-11", label: "MMG che alimentano il FSE", column: "current", columnLabel: "Valore attuale", before: 80, after: 86, beforeText: "80", afterText: "86" },
    ]);
    expect(diff.added).toContainEqual({ kind: "indicator", code: "M6C2-13", title: "Regioni che usano il FSE" });
  });
});
