import type { SnapshotContent } from "./snapshot-content";

/** A small, complete snapshot content for unit tests; callers adjust what they need. */
export function sampleContent(): SnapshotContent {
  return {
    meta: { format: 1, label: "Fine mese ottobre 2025", kind: "month_end", asOf: "2025-10-31", takenAt: "2025-10-31T22:00:00.000Z", takenBy: "Giulia Ferri" },
    programme: {
      id: 1,
      slug: "fse-2",
      name: "FSE 2.0",
      cup: "E31B22000000001",
      measureCode: "M6C2I1.03.01",
      implementingBody: "Regione Emilia-Romagna",
      executingPartner: null,
      totalBudgetCents: 3_900_000_000,
      startDate: "2023-01-02",
      endDate: "2026-06-30",
    },
    gates: [
      { id: 1, code: "G1", name: "Infrastruttura", nameEn: "Infrastructure", dueDate: "2025-12-31", state: "on_track", daysRemaining: 61, counts: { done: 0, on_track: 2, at_risk: 0, late: 0 } },
    ],
    plan: {
      overallProgress: 40,
      workPackages: [{ id: 10, code: "WP1", title: "Infrastruttura", owner: "Lepida", startDate: "2025-01-01", endDate: "2025-12-19", gateId: 1, progress: 40, state: "on_track" }],
      tasks: [
        { id: 100, code: "WP1.1", workPackageId: 10, title: "Analisi", owner: "Lepida", startDate: "2025-01-01", endDate: "2025-03-31", progress: 100, status: "completed", state: "done" },
        { id: 101, code: "WP1.2", workPackageId: 10, title: "Migrazione", owner: "Lepida", startDate: "2025-04-01", endDate: "2025-12-19", progress: 20, status: "in_progress", state: "on_track" },
      ],
      milestones: [
        { id: 200, code: "WP1.M1", workPackageId: 10, title: "In esercizio", dueDate: "2025-12-19", achievedDate: null, euCode: "M6C2-11", gateId: 1, state: "on_track" },
      ],
      dependencies: [{ from: "WP1.2", to: "WP1.M1" }],
    },
    finance: {
      budgetLines: [{ id: 1, code: "BL1", title: "Cloud", workPackageId: 10, budgetCents: 1_000_000_00, plannedToDateCents: 600_000_00, committedCents: 500_000_00, paidCents: 200_000_00 }],
      byWorkPackage: [{ workPackageId: 10, workPackageCode: "WP1", budgetCents: 1_000_000_00, plannedToDateCents: 600_000_00, committedCents: 500_000_00, paidCents: 200_000_00 }],
      totals: { budgetCents: 1_000_000_00, plannedToDateCents: 600_000_00, committedCents: 500_000_00, paidCents: 200_000_00 },
      months: [{ month: "2025-10", plannedCents: 100_000_00, committedCents: 50_000_00, paidCents: 20_000_00 }],
      entryCount: 12,
    },
    training: null,
    indicators: {
      columns: [
        { key: "baseline", label: "Baseline", kind: "number" },
        { key: "current", label: "Valore attuale", kind: "number" },
      ],
      rows: [{ key: "M6C2-11", label: "MMG che alimentano il FSE", values: { baseline: 60, current: 80 } }],
    },
  };
}
