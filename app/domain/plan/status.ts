import { addDays, daysBetween, type IsoDate } from "~/domain/core/dates";

/**
 * Schedule state of plan items against their deadline gate. Pure: "today" is always passed in,
 * so tests and as-of views can choose it.
 */
export const itemStates = ["done", "on_track", "at_risk", "late"] as const;
export type ItemState = (typeof itemStates)[number];

/** Points of progress an item may trail its linear plan before it is "at risk". */
export const AT_RISK_GAP = 15;

const severity: Record<ItemState, number> = { done: 0, on_track: 1, at_risk: 2, late: 3 };

export function worstState(states: Iterable<ItemState>, fallback: ItemState = "on_track"): ItemState {
  let worst: ItemState | null = null;
  for (const state of states) if (worst === null || severity[state] > severity[worst]) worst = state;
  return worst ?? fallback;
}

/** Progress a task should have reached by `today` if work ran evenly from start to end (0–100). */
export function expectedProgress(startDate: IsoDate, endDate: IsoDate, today: IsoDate): number {
  if (today < startDate) return 0;
  if (today >= endDate) return 100;
  const total = daysBetween(startDate, endDate) + 1;
  const elapsed = daysBetween(startDate, today) + 1;
  return Math.round((elapsed / total) * 100);
}

export interface TaskLike {
  startDate: IsoDate;
  endDate: IsoDate;
  progress: number;
}

export function taskState(task: TaskLike, gateDueDate: IsoDate, today: IsoDate): ItemState {
  if (task.progress >= 100) return "done";
  if (today > task.endDate || task.endDate > gateDueDate) return "late";
  if (expectedProgress(task.startDate, task.endDate, today) - task.progress > AT_RISK_GAP) return "at_risk";
  return "on_track";
}

export interface MilestoneLike {
  dueDate: IsoDate;
  achievedDate: IsoDate | null;
}

/**
 * A milestone is late once its due date passes unachieved or if it is planned after its gate;
 * it is at risk while any item it depends on is late or at risk.
 */
export function milestoneState(
  milestone: MilestoneLike,
  gateDueDate: IsoDate,
  today: IsoDate,
  predecessorStates: readonly ItemState[] = [],
): ItemState {
  if (milestone.achievedDate) return "done";
  if (today > milestone.dueDate || milestone.dueDate > gateDueDate) return "late";
  if (predecessorStates.some((state) => state === "late" || state === "at_risk")) return "at_risk";
  return "on_track";
}

/** Progress of a set of tasks, weighted by each task's duration in days (0–100, rounded). */
export function weightedProgress(tasks: readonly TaskLike[]): number {
  let weight = 0;
  let done = 0;
  for (const task of tasks) {
    const days = daysBetween(task.startDate, task.endDate) + 1;
    weight += days;
    done += days * task.progress;
  }
  return weight === 0 ? 0 : Math.round(done / weight);
}

export interface WorkPackageLike {
  startDate: IsoDate;
  endDate: IsoDate;
}

/**
 * A work package is done when all its tasks and milestones are; otherwise it is as bad as the
 * worst of its own schedule (its dates against its weighted progress) and its items.
 */
export function workPackageState(
  workPackage: WorkPackageLike,
  tasks: readonly TaskLike[],
  childStates: readonly ItemState[],
  gateDueDate: IsoDate,
  today: IsoDate,
): ItemState {
  if (childStates.length > 0 && childStates.every((state) => state === "done")) return "done";
  const own = taskState(
    { startDate: workPackage.startDate, endDate: workPackage.endDate, progress: weightedProgress(tasks) },
    gateDueDate,
    today,
  );
  return worstState([own === "done" ? "on_track" : own, ...childStates]);
}

export interface GateCountdown {
  daysRemaining: number;
  passed: boolean;
}

/**
 * How a gate stands, the one wording every page uses: a gate whose items are all done is met
 * (on the day its last item was), whatever the calendar says; only an unmet gate counts down or
 * is overdue.
 */
export type GateStanding =
  | { kind: "met"; date: IsoDate | null }
  | { kind: "dueToday" }
  | { kind: "remaining"; days: number }
  | { kind: "overdue"; days: number };

export function gateStanding(gate: { state: ItemState; daysRemaining: number; metDate?: IsoDate | null; dueDate?: IsoDate }): GateStanding {
  // Met once every item is done, on the day the last one was: a completion recorded with a date
  // after "today" (a rehearsal date before it happened) has not met the gate yet.
  const today = gate.dueDate ? addDays(gate.dueDate, -gate.daysRemaining) : null;
  if (gate.state === "done" && !(gate.metDate && today && gate.metDate > today)) return { kind: "met", date: gate.metDate ?? null };
  if (gate.daysRemaining === 0) return { kind: "dueToday" };
  if (gate.daysRemaining < 0) return { kind: "overdue", days: -gate.daysRemaining };
  return { kind: "remaining", days: gate.daysRemaining };
}

/** An item recorded as done (achieved, or at 100%) while an item it depends on is not. */
export interface Inconsistency {
  /** "t<id>" or "m<id>" of the item reported done. */
  key: string;
  /** Keys of its unfinished predecessors. */
  openPredecessors: string[];
}

export function gateCountdown(dueDate: IsoDate, today: IsoDate): GateCountdown {
  const daysRemaining = daysBetween(today, dueDate);
  return { daysRemaining, passed: daysRemaining < 0 };
}

export interface PlanForAssessment {
  gates: readonly { id: number; dueDate: IsoDate }[];
  workPackages: readonly { id: number; gateId: number; startDate: IsoDate; endDate: IsoDate }[];
  tasks: readonly { id: number; workPackageId: number; startDate: IsoDate; endDate: IsoDate; progress: number }[];
  milestones: readonly { id: number; workPackageId: number; gateId: number; dueDate: IsoDate; achievedDate: IsoDate | null }[];
  /** Finish-to-start links between "t<id>" and "m<id>" keys. */
  dependencies: readonly { from: string; to: string }[];
}

export interface PlanAssessment {
  tasks: Map<number, ItemState>;
  milestones: Map<number, ItemState>;
  workPackages: Map<number, { state: ItemState; progress: number }>;
  gates: Map<number, ItemState>;
  /** The day a met gate was met: the latest achievement of its milestones and end of its tasks. */
  gateMetDates: Map<number, IsoDate | null>;
  /** Items reported done ahead of an unfinished predecessor, keyed by the item's key. */
  inconsistencies: Map<string, Inconsistency>;
  overallProgress: number;
}

/**
 * States of every item of a plan on `today`. A task meets its work package's gate; a milestone
 * its own gate, and is at risk when an item it depends on is late or at risk.
 */
export function assessPlan(plan: PlanForAssessment, today: IsoDate): PlanAssessment {
  const gateDue = new Map(plan.gates.map((gate) => [gate.id, gate.dueDate]));
  const wpById = new Map(plan.workPackages.map((wp) => [wp.id, wp]));
  const dueOf = (gateId: number) => gateDue.get(gateId) ?? "9999-12-31";

  const tasks = new Map<number, ItemState>();
  for (const task of plan.tasks) {
    const wp = wpById.get(task.workPackageId);
    tasks.set(task.id, taskState(task, dueOf(wp?.gateId ?? -1), today));
  }

  const predecessors = new Map<string, string[]>();
  for (const { from, to } of plan.dependencies) {
    const list = predecessors.get(to);
    if (list) list.push(from);
    else predecessors.set(to, [from]);
  }
  const milestones = new Map<number, ItemState>();
  const milestoneById = new Map(plan.milestones.map((m) => [m.id, m]));
  // Milestones may depend on milestones: resolve them depth-first, memoised (the graph is acyclic).
  const stateOfKey = (key: string, visiting: Set<string>): ItemState | undefined => {
    const id = Number(key.slice(1));
    if (key[0] === "t") return tasks.get(id);
    if (milestones.has(id)) return milestones.get(id);
    const milestone = milestoneById.get(id);
    if (!milestone || visiting.has(key)) return undefined;
    visiting.add(key);
    const before = (predecessors.get(key) ?? [])
      .map((predecessor) => stateOfKey(predecessor, visiting))
      .filter((state): state is ItemState => state !== undefined);
    const state = milestoneState(milestone, dueOf(milestone.gateId), today, before);
    milestones.set(id, state);
    return state;
  };
  for (const milestone of plan.milestones) stateOfKey(`m${milestone.id}`, new Set());

  const workPackages = new Map<number, { state: ItemState; progress: number }>();
  for (const wp of plan.workPackages) {
    const wpTasks = plan.tasks.filter((task) => task.workPackageId === wp.id);
    const childStates = [
      ...wpTasks.map((task) => tasks.get(task.id)!),
      ...plan.milestones.filter((m) => m.workPackageId === wp.id).map((m) => milestones.get(m.id)!),
    ];
    workPackages.set(wp.id, {
      state: workPackageState(wp, wpTasks, childStates, dueOf(wp.gateId), today),
      progress: weightedProgress(wpTasks),
    });
  }

  const gates = new Map<number, ItemState>();
  for (const gate of plan.gates) {
    const states = [
      ...plan.workPackages.filter((wp) => wp.gateId === gate.id).map((wp) => workPackages.get(wp.id)!.state),
      ...plan.milestones.filter((m) => m.gateId === gate.id).map((m) => milestones.get(m.id)!),
    ];
    gates.set(gate.id, states.length && states.every((s) => s === "done") ? "done" : worstState(states.filter((s) => s !== "done")));
  }

  // A task has no recorded completion day: a finished one counts as finished on its end date.
  const doneOn = new Map<string, IsoDate | null>();
  for (const task of plan.tasks) doneOn.set(`t${task.id}`, task.progress >= 100 ? task.endDate : null);
  for (const milestone of plan.milestones) doneOn.set(`m${milestone.id}`, milestone.achievedDate);

  const gateMetDates = new Map<number, IsoDate | null>();
  for (const gate of plan.gates) {
    if (gates.get(gate.id) !== "done") {
      gateMetDates.set(gate.id, null);
      continue;
    }
    const wpIds = new Set(plan.workPackages.filter((wp) => wp.gateId === gate.id).map((wp) => wp.id));
    const dates = [
      ...plan.tasks.filter((t) => wpIds.has(t.workPackageId)).map((t) => doneOn.get(`t${t.id}`)),
      ...plan.milestones.filter((m) => m.gateId === gate.id || wpIds.has(m.workPackageId)).map((m) => doneOn.get(`m${m.id}`)),
    ].filter((date): date is IsoDate => !!date);
    gateMetDates.set(gate.id, dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null);
  }

  const inconsistencies = new Map<string, Inconsistency>();
  for (const [key, before] of predecessors) {
    if (!doneOn.get(key)) continue;
    const open = before.filter((predecessor) => doneOn.has(predecessor) && !doneOn.get(predecessor));
    if (open.length) inconsistencies.set(key, { key, openPredecessors: open });
  }

  return { tasks, milestones, workPackages, gates, gateMetDates, inconsistencies, overallProgress: weightedProgress(plan.tasks) };
}
