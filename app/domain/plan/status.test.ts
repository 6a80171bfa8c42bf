import { describe, expect, it } from "vitest";
import { assessPlan, expectedProgress, gateCountdown, gateStanding, milestoneState, taskState, weightedProgress, workPackageState } from "./status";

const gate = "2025-12-31";

describe("expectedProgress", () => {
  it("is 0 before the start, 100 from the end, linear in between", () => {
    expect(expectedProgress("2025-01-01", "2025-01-10", "2024-12-31")).toBe(0);
    expect(expectedProgress("2025-01-01", "2025-01-10", "2025-01-05")).toBe(50);
    expect(expectedProgress("2025-01-01", "2025-01-10", "2025-01-10")).toBe(100);
  });
});

describe("taskState", () => {
  const task = { startDate: "2025-01-01", endDate: "2025-01-10", progress: 50 };
  it("is done at 100% whatever the date", () => {
    expect(taskState({ ...task, progress: 100 }, gate, "2026-06-01")).toBe("done");
  });
  it("is late after its end date when unfinished", () => {
    expect(taskState(task, gate, "2025-01-11")).toBe("late");
  });
  it("is late when planned to end after its gate", () => {
    expect(taskState({ ...task, endDate: "2026-01-15" }, gate, "2025-01-02")).toBe("late");
  });
  it("is at risk when it trails its linear plan by more than 15 points", () => {
    expect(taskState({ ...task, progress: 34 }, gate, "2025-01-05")).toBe("at_risk");
    expect(taskState({ ...task, progress: 35 }, gate, "2025-01-05")).toBe("on_track");
  });
  it("is on track on its last day if nearly done", () => {
    expect(taskState({ ...task, progress: 90 }, gate, "2025-01-10")).toBe("on_track");
    expect(taskState({ ...task, progress: 84 }, gate, "2025-01-10")).toBe("at_risk");
    expect(taskState({ ...task, progress: 0 }, gate, "2024-12-01")).toBe("on_track");
  });
});

describe("milestoneState", () => {
  it("is done once achieved, late once due unachieved, at risk behind a troubled predecessor", () => {
    expect(milestoneState({ dueDate: "2025-06-30", achievedDate: "2025-07-02" }, gate, "2025-08-01")).toBe("done");
    expect(milestoneState({ dueDate: "2025-06-30", achievedDate: null }, gate, "2025-07-01")).toBe("late");
    expect(milestoneState({ dueDate: "2026-02-01", achievedDate: null }, gate, "2025-07-01")).toBe("late");
    expect(milestoneState({ dueDate: "2025-06-30", achievedDate: null }, gate, "2025-06-01", ["on_track", "at_risk"])).toBe("at_risk");
    expect(milestoneState({ dueDate: "2025-06-30", achievedDate: null }, gate, "2025-06-01", ["done"])).toBe("on_track");
  });
});

describe("weightedProgress", () => {
  it("weights tasks by their length in days", () => {
    expect(
      weightedProgress([
        { startDate: "2025-01-01", endDate: "2025-01-03", progress: 100 }, // 3 days
        { startDate: "2025-01-01", endDate: "2025-01-01", progress: 0 }, // 1 day
      ]),
    ).toBe(75);
    expect(weightedProgress([])).toBe(0);
  });
});

describe("workPackageState", () => {
  const wp = { startDate: "2025-01-01", endDate: "2025-12-01" };
  it("is done only when every item is done", () => {
    expect(workPackageState(wp, [], ["done", "done"], gate, "2025-06-01")).toBe("done");
    expect(workPackageState(wp, [], ["done", "on_track"], gate, "2025-01-02")).toBe("on_track");
  });
  it("takes the worst of its own schedule and its items", () => {
    expect(workPackageState(wp, [], ["on_track", "late"], gate, "2025-01-02")).toBe("late");
  });
});

describe("gateCountdown", () => {
  it("counts calendar days, negative once passed, across a clock change", () => {
    expect(gateCountdown("2025-12-31", "2025-10-25")).toEqual({ daysRemaining: 67, passed: false });
    expect(gateCountdown("2025-12-31", "2026-01-02")).toEqual({ daysRemaining: -2, passed: true });
  });
});

describe("assessPlan", () => {
  it("propagates a late task to the milestone that depends on it and to both gates' summaries", () => {
    const result = assessPlan(
      {
        gates: [{ id: 1, dueDate: "2025-12-31" }, { id: 2, dueDate: "2026-06-30" }],
        workPackages: [{ id: 10, gateId: 1, startDate: "2025-01-01", endDate: "2025-12-01" }],
        tasks: [
          { id: 1, workPackageId: 10, startDate: "2025-01-01", endDate: "2025-03-31", progress: 60 },
          { id: 2, workPackageId: 10, startDate: "2025-04-01", endDate: "2025-11-30", progress: 0 },
        ],
        milestones: [
          { id: 5, workPackageId: 10, gateId: 1, dueDate: "2025-12-01", achievedDate: null },
          { id: 6, workPackageId: 10, gateId: 2, dueDate: "2025-12-01", achievedDate: null },
        ],
        dependencies: [
          { from: "t1", to: "m5" },
          { from: "m5", to: "m6" },
        ],
      },
      "2025-04-15",
    );
    expect(result.tasks.get(1)).toBe("late");
    expect(result.milestones.get(5)).toBe("at_risk");
    expect(result.milestones.get(6)).toBe("at_risk");
    expect(result.workPackages.get(10)!.state).toBe("late");
    expect(result.gates.get(1)).toBe("late");
    expect(result.gates.get(2)).toBe("at_risk");
  });
});

describe("the one set of state rules (issue 10)", () => {
  // G1 due 31/12/2025; WP1 with a finished task, M1 achieved, M2 (G1) depends on T2 at 70%.
  const plan = {
    gates: [{ id: 1, dueDate: "2025-12-31" }, { id: 2, dueDate: "2026-06-30" }],
    workPackages: [
      { id: 1, gateId: 1, startDate: "2025-01-01", endDate: "2025-11-30" },
      { id: 2, gateId: 2, startDate: "2026-01-01", endDate: "2026-06-12" },
    ],
    tasks: [
      { id: 1, workPackageId: 1, startDate: "2025-01-01", endDate: "2025-11-30", progress: 100 },
      { id: 2, workPackageId: 2, startDate: "2026-01-01", endDate: "2026-06-12", progress: 70 },
    ],
    milestones: [
      { id: 1, workPackageId: 1, gateId: 1, dueDate: "2025-12-19", achievedDate: "2025-12-17" },
      { id: 2, workPackageId: 2, gateId: 2, dueDate: "2026-06-30", achievedDate: "2026-06-26" },
    ],
    dependencies: [{ from: "t2", to: "m2" }, { from: "t1", to: "m1" }],
  };

  it("reads a gate whose items are all complete as met, on its last completion, even long after its date", () => {
    const assessment = assessPlan(plan, "2026-12-01");
    expect(assessment.gates.get(1)).toBe("done");
    expect(assessment.gateMetDates.get(1)).toBe("2025-12-17");
    const standing = gateStanding({ state: "done", daysRemaining: gateCountdown("2025-12-31", "2026-12-01").daysRemaining, metDate: "2025-12-17" });
    expect(standing).toEqual({ kind: "met", date: "2025-12-17" });
    // The same gate unmet is overdue.
    expect(gateStanding({ state: "late", daysRemaining: -335 })).toEqual({ kind: "overdue", days: 335 });
    expect(gateStanding({ state: "on_track", daysRemaining: 0 })).toEqual({ kind: "dueToday" });
    expect(assessment.gateMetDates.get(2)).toBeNull();
  });

  it("does not read a gate as met before the day its last item was done", () => {
    // Completions recorded with later dates, viewed on a rehearsal "today" before them: still counting down.
    const daysRemaining = gateCountdown("2025-12-31", "2025-11-14").daysRemaining;
    expect(gateStanding({ state: "done", daysRemaining, metDate: "2025-12-19", dueDate: "2025-12-31" })).toEqual({ kind: "remaining", days: 47 });
    expect(gateStanding({ state: "done", daysRemaining, metDate: "2025-11-10", dueDate: "2025-12-31" })).toEqual({ kind: "met", date: "2025-11-10" });
  });

  it("flags an achieved milestone whose predecessor is unfinished, naming the predecessor", () => {
    const assessment = assessPlan(plan, "2026-12-01");
    expect(assessment.milestones.get(2)).toBe("done");
    expect(assessment.inconsistencies.get("m2")).toEqual({ key: "m2", openPredecessors: ["t2"] });
    expect(assessment.inconsistencies.has("m1")).toBe(false);
    // Once the predecessor is finished the flag goes.
    const fixed = assessPlan({ ...plan, tasks: plan.tasks.map((t) => ({ ...t, progress: 100 })) }, "2026-12-01");
    expect(fixed.inconsistencies.size).toBe(0);
  });
});
