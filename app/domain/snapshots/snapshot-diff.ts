import { formatKeyedValue, unitOfRow } from "./keyed-format";
import { daysBetween } from "~/domain/core/dates";
import type { ItemState } from "~/domain/plan/status";
import type { KeyedTable, SnapshotContent } from "./snapshot-content";
import { compareCodes } from "~/domain/core/intl-cache";

/**
 * What changed between two snapshots (or a snapshot and the live programme). Items are matched by
 * their database id, so a renamed task is "changed", not "removed and added". `a` is the older side.
 */
export type PlanItemKind = "workPackage" | "task" | "milestone";

export interface MovedItem {
  kind: PlanItemKind;
  id: number;
  code: string;
  title: string;
  startBefore: string | null;
  startAfter: string | null;
  endBefore: string;
  endAfter: string;
  /** Days the start (tasks, work packages) moved; positive = later. 0 for milestones. */
  startDays: number;
  /** Days the end (or a milestone's due date) moved; positive = later. */
  endDays: number;
}

export interface ProgressChange {
  kind: PlanItemKind;
  id: number;
  code: string;
  title: string;
  before: number;
  after: number;
}

export interface StateChange {
  kind: PlanItemKind | "gate";
  id: number;
  code: string;
  title: string;
  before: ItemState;
  after: ItemState;
}

export interface AchievedChange {
  id: number;
  code: string;
  title: string;
  before: string | null;
  after: string | null;
}

export interface ItemRef {
  kind: PlanItemKind | "budgetLine" | "dependency" | "training" | "indicator";
  code: string;
  title: string;
}

export interface BudgetChange {
  id: number;
  code: string;
  title: string;
  before: number;
  after: number;
  deltaCents: number;
}

export interface SpendDelta {
  workPackageCode: string;
  committedBefore: number;
  committedAfter: number;
  committedDelta: number;
  paidBefore: number;
  paidAfter: number;
  paidDelta: number;
}

export interface TableChange {
  table: "training" | "indicators";
  key: string;
  label: string;
  column: string;
  columnLabel: string;
  before: string | number | null;
  after: string | number | null;
  /** Before and after as the web and the PDF write them (2.981, 82,1%, 31/12/2025). */
  beforeText: string;
  afterText: string;
}

export interface SnapshotDiff {
  asOfBefore: string;
  asOfAfter: string;
  overallProgress: { before: number; after: number };
  moved: MovedItem[];
  progress: ProgressChange[];
  achieved: AchievedChange[];
  states: StateChange[];
  budget: BudgetChange[];
  budgetTotal: { before: number; after: number };
  spend: SpendDelta[];
  tables: TableChange[];
  added: ItemRef[];
  removed: ItemRef[];
  /** True when nothing at all differs (apart from the dates the snapshots were taken). */
  unchanged: boolean;
}

const byCode = <T extends { code: string }>(a: T, b: T) => compareCodes(a.code, b.code);

function indexById<T extends { id: number }>(rows: readonly T[]) {
  return new Map(rows.map((row) => [row.id, row]));
}

/** Matches rows of two lists by id: pairs present in both, and those only on one side. */
function match<T extends { id: number }>(before: readonly T[], after: readonly T[]) {
  const afterById = indexById(after);
  const beforeIds = new Set(before.map((row) => row.id));
  const both: [T, T][] = [];
  const removed: T[] = [];
  for (const row of before) {
    const other = afterById.get(row.id);
    if (other) both.push([row, other]);
    else removed.push(row);
  }
  const added = after.filter((row) => !beforeIds.has(row.id));
  return { both, added, removed };
}

export function diffSnapshots(a: SnapshotContent, b: SnapshotContent): SnapshotDiff {
  const moved: MovedItem[] = [];
  const progress: ProgressChange[] = [];
  const states: StateChange[] = [];
  const achieved: AchievedChange[] = [];
  const added: ItemRef[] = [];
  const removed: ItemRef[] = [];

  // Work packages and tasks change the same ways: dates, progress, state, added or removed.
  const compare = <Row extends { id: number; code: string; title: string; startDate: string; endDate: string; progress: number; state: ItemState }>(
    kind: "workPackage" | "task",
    before: Row[],
    after: Row[],
  ) => {
    const rows = match(before, after);
    for (const [was, now] of rows.both) {
      if (was.startDate !== now.startDate || was.endDate !== now.endDate)
        moved.push({
          kind,
          id: now.id,
          code: now.code,
          title: now.title,
          startBefore: was.startDate,
          startAfter: now.startDate,
          endBefore: was.endDate,
          endAfter: now.endDate,
          startDays: daysBetween(was.startDate, now.startDate),
          endDays: daysBetween(was.endDate, now.endDate),
        });
      if (was.progress !== now.progress) progress.push({ kind, id: now.id, code: now.code, title: now.title, before: was.progress, after: now.progress });
      if (was.state !== now.state) states.push({ kind, id: now.id, code: now.code, title: now.title, before: was.state, after: now.state });
    }
    for (const row of rows.added) added.push({ kind, code: row.code, title: row.title });
    for (const row of rows.removed) removed.push({ kind, code: row.code, title: row.title });
  };
  compare("workPackage", a.plan.workPackages, b.plan.workPackages);
  compare("task", a.plan.tasks, b.plan.tasks);

  const milestones = match(a.plan.milestones, b.plan.milestones);
  for (const [was, now] of milestones.both) {
    if (was.dueDate !== now.dueDate)
      moved.push({
        kind: "milestone",
        id: now.id,
        code: now.code,
        title: now.title,
        startBefore: null,
        startAfter: null,
        endBefore: was.dueDate,
        endAfter: now.dueDate,
        startDays: 0,
        endDays: daysBetween(was.dueDate, now.dueDate),
      });
    if (was.achievedDate !== now.achievedDate)
      achieved.push({ id: now.id, code: now.code, title: now.title, before: was.achievedDate, after: now.achievedDate });
    if (was.state !== now.state)
      states.push({ kind: "milestone", id: now.id, code: now.code, title: now.title, before: was.state, after: now.state });
  }
  for (const m of milestones.added) added.push({ kind: "milestone", code: m.code, title: m.title });
  for (const m of milestones.removed) removed.push({ kind: "milestone", code: m.code, title: m.title });

  const gates = match(a.gates, b.gates);
  for (const [was, now] of gates.both)
    if (was.state !== now.state) states.push({ kind: "gate", id: now.id, code: now.code, title: now.name, before: was.state, after: now.state });

  const linkKey = (link: { from: string; to: string }) => `${link.from} → ${link.to}`;
  const linksBefore = new Set(a.plan.dependencies.map(linkKey));
  const linksAfter = new Set(b.plan.dependencies.map(linkKey));
  for (const key of linksAfter) if (!linksBefore.has(key)) added.push({ kind: "dependency", code: key, title: "" });
  for (const key of linksBefore) if (!linksAfter.has(key)) removed.push({ kind: "dependency", code: key, title: "" });

  const budget: BudgetChange[] = [];
  const linesBefore = a.finance?.budgetLines ?? [];
  const linesAfter = b.finance?.budgetLines ?? [];
  const lines = match(linesBefore, linesAfter);
  for (const [was, now] of lines.both)
    if (was.budgetCents !== now.budgetCents)
      budget.push({ id: now.id, code: now.code, title: now.title, before: was.budgetCents, after: now.budgetCents, deltaCents: now.budgetCents - was.budgetCents });
  for (const line of lines.added) added.push({ kind: "budgetLine", code: line.code, title: line.title });
  for (const line of lines.removed) removed.push({ kind: "budgetLine", code: line.code, title: line.title });

  const spend: SpendDelta[] = [];
  const spendBefore = new Map((a.finance?.byWorkPackage ?? []).map((row) => [row.workPackageCode, row]));
  const spendAfter = new Map((b.finance?.byWorkPackage ?? []).map((row) => [row.workPackageCode, row]));
  for (const code of new Set([...spendBefore.keys(), ...spendAfter.keys()])) {
    const was = spendBefore.get(code);
    const now = spendAfter.get(code);
    const committedBefore = was?.committedCents ?? 0;
    const committedAfter = now?.committedCents ?? 0;
    const paidBefore = was?.paidCents ?? 0;
    const paidAfter = now?.paidCents ?? 0;
    if (committedBefore !== committedAfter || paidBefore !== paidAfter)
      spend.push({
        workPackageCode: code,
        committedBefore,
        committedAfter,
        committedDelta: committedAfter - committedBefore,
        paidBefore,
        paidAfter,
        paidDelta: paidAfter - paidBefore,
      });
  }

  const tables = [...diffTable("training", a.training, b.training, added, removed), ...diffTable("indicators", a.indicators, b.indicators, added, removed)];

  moved.sort(byCode);
  progress.sort(byCode);
  states.sort(byCode);
  achieved.sort(byCode);
  budget.sort(byCode);
  spend.sort((x, y) => compareCodes(x.workPackageCode, y.workPackageCode));

  const overallProgress = { before: a.plan.overallProgress, after: b.plan.overallProgress };
  const budgetTotal = { before: a.finance?.totals.budgetCents ?? 0, after: b.finance?.totals.budgetCents ?? 0 };
  const unchanged =
    moved.length + progress.length + achieved.length + states.length + budget.length + spend.length + tables.length + added.length + removed.length === 0 &&
    overallProgress.before === overallProgress.after;
  return {
    asOfBefore: a.meta.asOf,
    asOfAfter: b.meta.asOf,
    overallProgress,
    moved,
    progress,
    achieved,
    states,
    budget,
    budgetTotal,
    spend,
    tables,
    added,
    removed,
    unchanged,
  };
}

function diffTable(
  table: TableChange["table"],
  before: KeyedTable | null,
  after: KeyedTable | null,
  added: ItemRef[],
  removed: ItemRef[],
): TableChange[] {
  const kind = table === "training" ? "training" : "indicator";
  const changes: TableChange[] = [];
  const rowsBefore = new Map((before?.rows ?? []).map((row) => [row.key, row]));
  const rowsAfter = new Map((after?.rows ?? []).map((row) => [row.key, row]));
  const columns = after?.columns ?? before?.columns ?? [];
  for (const [key, now] of rowsAfter) {
    const was = rowsBefore.get(key);
    if (!was) {
      added.push({ kind, code: key, title: now.label });
      continue;
    }
    for (const column of columns) {
      const x = was.values[column.key] ?? null;
      const y = now.values[column.key] ?? null;
      if (x !== y)
        changes.push({
          table,
          key,
          label: now.label,
          column: column.key,
          columnLabel: column.label,
          before: x,
          after: y,
          beforeText: formatKeyedValue(x, column.kind, unitOfRow(was), "it"),
          afterText: formatKeyedValue(y, column.kind, unitOfRow(now), "it"),
        });
    }
  }
  for (const [key, was] of rowsBefore) if (!rowsAfter.has(key)) removed.push({ kind, code: key, title: was.label });
  return changes;
}
