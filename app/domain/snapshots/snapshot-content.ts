import { assessPlan, type ItemState } from "~/domain/plan/status";

/**
 * What a snapshot freezes. Sections are filled by the models that own the data; every value is a
 * plain JSON scalar (money in integer cents, dates as ISO strings) so the canonical text, and so the
 * hash, is the same on every machine. Sections the programme does not have yet are null.
 */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotMeta {
  format: number;
  label: string;
  kind: "manual" | "month_end" | "live";
  asOf: string;
  takenAt: string;
  takenBy: string;
  /** The audit chain's head when the snapshot was taken (absent in snapshots taken before issue 11). */
  auditHead?: { id: number; hash: string } | null;
}

export interface ProgrammeSection {
  id: number;
  slug: string;
  name: string;
  cup: string;
  measureCode: string;
  implementingBody: string;
  executingPartner: string | null;
  totalBudgetCents: number;
  startDate: string;
  endDate: string;
}

export interface GateEntry {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  dueDate: string;
  state: ItemState;
  daysRemaining: number;
  counts: Record<ItemState, number>;
}

export interface WorkPackageEntry {
  id: number;
  code: string;
  title: string;
  owner: string;
  startDate: string;
  endDate: string;
  gateId: number;
  progress: number;
  state: ItemState;
}

export interface TaskEntry {
  id: number;
  code: string;
  workPackageId: number;
  title: string;
  owner: string;
  startDate: string;
  endDate: string;
  progress: number;
  status: string;
  state: ItemState;
}

export interface MilestoneEntry {
  id: number;
  code: string;
  workPackageId: number;
  title: string;
  dueDate: string;
  achievedDate: string | null;
  euCode: string | null;
  gateId: number;
  state: ItemState;
}

export interface PlanSection {
  overallProgress: number;
  workPackages: WorkPackageEntry[];
  tasks: TaskEntry[];
  milestones: MilestoneEntry[];
  /** Finish-to-start links by item code, e.g. { from: "WP1.2", to: "WP1.M1" }. */
  dependencies: { from: string; to: string }[];
}

/** One budget line with what was committed and paid on it up to the snapshot's date. */
export interface BudgetLineEntry {
  id: number;
  code: string;
  title: string;
  workPackageId: number | null;
  budgetCents: number;
  /** What the line's spending profile planned up to the snapshot's date. */
  plannedToDateCents: number;
  committedCents: number;
  paidCents: number;
}

export interface SpendByWorkPackage {
  /** null: lines not tied to a work package (e.g. programme management). */
  workPackageId: number | null;
  workPackageCode: string;
  budgetCents: number;
  plannedToDateCents: number;
  committedCents: number;
  paidCents: number;
}

export interface FinanceSection {
  budgetLines: BudgetLineEntry[];
  byWorkPackage: SpendByWorkPackage[];
  totals: { budgetCents: number; plannedToDateCents: number; committedCents: number; paidCents: number };
  /** Programme-wide spend per month ("YYYY-MM"): planned for the whole month, actuals up to the date. */
  months: { month: string; plannedCents: number; committedCents: number; paidCents: number }[];
  /** How many ledger entries the aggregates sum (the entries themselves are not copied). */
  entryCount: number;
}

/**
 * A table of rows keyed by a stable key, each with named values: the training and indicator
 * sections take this shape so the diff and the evidence pack can treat them alike.
 */
export interface KeyedTable {
  columns: { key: string; label: string; kind: "text" | "number" | "percent" | "date" | "cents" }[];
  rows: { key: string; label: string; values: Record<string, string | number | null> }[];
}

export interface SnapshotContent {
  meta: SnapshotMeta;
  programme: ProgrammeSection;
  gates: GateEntry[];
  plan: PlanSection;
  finance: FinanceSection | null;
  training: KeyedTable | null;
  indicators: KeyedTable | null;
  /** Documents on file with their hashes, and the evidence register (issue 13; absent in older snapshots). */
  documents?: KeyedTable | null;
  evidence?: KeyedTable | null;
}

/** The dashboard's gate cards as they stood in a snapshot: work packages and milestones per gate. */
export function gateItemsOf(content: SnapshotContent, gateId: number) {
  const order: Record<ItemState, number> = { late: 0, at_risk: 1, on_track: 2, done: 3 };
  return [
    ...content.plan.workPackages
      .filter((wp) => wp.gateId === gateId)
      .map((wp) => ({
        kind: "workPackage" as const,
        id: wp.id,
        code: wp.code,
        title: wp.title,
        date: wp.endDate,
        progress: wp.progress,
        state: wp.state,
        euCode: null as string | null,
      })),
    ...content.plan.milestones
      .filter((m) => m.gateId === gateId)
      .map((m) => ({
        kind: "milestone" as const,
        id: m.id,
        code: m.code,
        title: m.title,
        date: m.dueDate,
        progress: m.achievedDate ? 100 : 0,
        state: m.state,
        euCode: m.euCode,
      })),
  ].sort((a, b) => order[a.state] - order[b.state] || a.date.localeCompare(b.date));
}

/** Which optional sections a snapshot holds: the as-of view tabs show what exists. */
export function sectionsOf(content: SnapshotContent) {
  return { finance: content.finance !== null, training: content.training !== null, indicators: content.indicators !== null, documents: Boolean(content.documents), evidence: Boolean(content.evidence) };
}
export type SnapshotSections = ReturnType<typeof sectionsOf>;

/**
 * What the frozen dashboard shows, without the task list: a large programme's snapshot is
 * megabytes, and the page needs only gates, work packages and milestones.
 */
/**
 * The met dates of gates and the items reported done ahead of an unfinished predecessor, derived
 * from the frozen plan with the same rules as the live pages (~/domain/plan/status): they depend
 * only on frozen progress, achievement dates and links, so older snapshots show them too.
 */
export function consistencyOf(content: SnapshotContent) {
  const { plan } = content;
  const keyOfCode = new Map<string, string>([
    ...plan.tasks.map((t) => [t.code, `t${t.id}`] as const),
    ...plan.milestones.map((m) => [m.code, `m${m.id}`] as const),
  ]);
  const assessment = assessPlan(
    {
      gates: content.gates,
      workPackages: plan.workPackages,
      tasks: plan.tasks,
      milestones: plan.milestones,
      dependencies: plan.dependencies
        .map((dep) => ({ from: keyOfCode.get(dep.from) ?? "", to: keyOfCode.get(dep.to) ?? "" }))
        .filter((dep) => dep.from && dep.to),
    },
    content.meta.asOf,
  );
  const labels = new Map<string, { code: string; title: string; workPackageId: number; progress: number | null }>([
    ...plan.tasks.map((t) => [`t${t.id}`, { code: t.code, title: t.title, workPackageId: t.workPackageId, progress: t.progress }] as const),
    ...plan.milestones.map((m) => [`m${m.id}`, { code: m.euCode ?? m.code, title: m.title, workPackageId: m.workPackageId, progress: null }] as const),
  ]);
  const inconsistencies = [...assessment.inconsistencies.values()].map(({ key, openPredecessors }) => ({
    key,
    ...labels.get(key)!,
    predecessors: openPredecessors.map((p) => labels.get(p)!),
  }));
  const openOf = (key: string) => inconsistencies.find((i) => i.key === key)?.predecessors.map((p) => p.code) ?? [];
  return { gateMetDates: assessment.gateMetDates, inconsistencies, openOf };
}

export function dashboardOf(content: SnapshotContent) {
  const consistency = consistencyOf(content);
  return {
    inconsistencies: consistency.inconsistencies,
    meta: content.meta,
    programme: content.programme,
    overallProgress: content.plan.overallProgress,
    taskCount: content.plan.tasks.length,
    milestoneCount: content.plan.milestones.length,
    gates: content.gates.map((gate) => ({
      ...gate,
      metDate: consistency.gateMetDates.get(gate.id) ?? null,
      items: gateItemsOf(content, gate.id).map((item) => ({ ...item, inconsistentWith: item.kind === "milestone" ? consistency.openOf(`m${item.id}`) : [] })),
    })),
    euMilestones: content.plan.milestones
      .filter((m) => m.euCode)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((m) => ({
        ...m,
        workPackageCode: content.plan.workPackages.find((wp) => wp.id === m.workPackageId)?.code ?? "",
        inconsistentWith: consistency.openOf(`m${m.id}`),
      })),
  };
}
