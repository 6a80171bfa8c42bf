import { addDays, daysBetween, type IsoDate } from "~/domain/core/dates";
import type { Edge } from "~/domain/plan/graph";

/**
 * Scheduling over finish-to-start links between plan items ("t<id>" tasks, "m<id>" milestones).
 *
 * Day arithmetic: a task occupies the calendar days start…end inclusive; a milestone has no
 * duration and "finishes" on its due date. A task may start the day after its predecessor
 * finishes; a milestone may fall on the day its predecessor finishes (the seed plan follows this:
 * a tender ending 30/11 is awarded 30/11, and the next task starts 01/12 at the earliest).
 */
/** Keys such as t10 after t9 (one collator, not one per comparison). */
const compareKeys = new Intl.Collator("en", { numeric: true }).compare;

export interface ScheduleItem {
  key: string;
  start: IsoDate;
  /** For a milestone, equal to start (its due date). */
  end: IsoDate;
}

export const isMilestoneKey = (key: string) => key.startsWith("m");

/** The first day `successor` may start (or fall due) after a predecessor finishing on `finish`. */
function earliestAfter(finish: number, successorKey: string) {
  return isMilestoneKey(successorKey) ? finish : finish + 1;
}

const EPOCH = "2000-01-01";
// A plan has a few thousand distinct dates and 5,000+ items: memoise the conversions.
const dayNumbers = new Map<IsoDate, number>();
const dates = new Map<number, IsoDate>();
function dayNumber(date: IsoDate) {
  let day = dayNumbers.get(date);
  if (day === undefined) dayNumbers.set(date, (day = daysBetween(EPOCH, date)));
  return day;
}
function dateOf(day: number) {
  let date = dates.get(day);
  if (date === undefined) dates.set(day, (date = addDays(EPOCH, day)));
  return date;
}

/** Kahn's order (a queue with a moving head: linear on large plans); throws on a cycle. */
function topologicalOrder(nodes: readonly string[], edges: readonly Edge[], next: Map<string, string[]>) {
  const indegree = new Map<string, number>(nodes.map((node) => [node, 0]));
  for (const { to } of edges) indegree.set(to, indegree.get(to)! + 1);
  const order: string[] = [];
  for (const [node, count] of indegree) if (count === 0) order.push(node);
  for (let head = 0; head < order.length; head++)
    for (const successor of next.get(order[head]) ?? []) {
      const count = indegree.get(successor)! - 1;
      indegree.set(successor, count);
      if (count === 0) order.push(successor);
    }
  if (order.length !== indegree.size) throw new Error("Dependency graph has a cycle");
  return order;
}

export interface ItemSchedule {
  key: string;
  earlyStart: IsoDate;
  earlyFinish: IsoDate;
  lateStart: IsoDate;
  lateFinish: IsoDate;
  /** Total float in calendar days: how far the item can slip without moving the programme's finish. */
  slack: number;
  critical: boolean;
}

export interface CriticalPathResult {
  items: Map<string, ItemSchedule>;
  /** Critical items in schedule order (earliest start, then key). */
  criticalPath: string[];
  /** Links between critical items where the predecessor drives the successor's start. */
  criticalLinks: Edge[];
  /** The programme's finish: the latest early finish of any item. */
  finish: IsoDate | null;
}

function successorsOf(edges: readonly Edge[]) {
  const next = new Map<string, string[]>();
  const prev = new Map<string, string[]>();
  for (const { from, to } of edges) {
    (next.get(from) ?? next.set(from, []).get(from)!).push(to);
    (prev.get(to) ?? prev.set(to, []).get(to)!).push(from);
  }
  return { next, prev };
}

/**
 * CPM forward/backward pass. Planned starts act as "start no earlier than" constraints, so a gap
 * left on purpose before an item becomes float of whatever precedes it, and a successor planned
 * too early is pushed by the forward pass. Every chain is measured against the one programme
 * finish, so a disconnected part that ends early has slack and only the longest chain(s) are
 * critical; equal-length chains are all critical. Links naming unknown items are ignored.
 */
export function criticalPath(items: readonly ScheduleItem[], links: readonly Edge[]): CriticalPathResult {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const edges = links.filter((link) => byKey.has(link.from) && byKey.has(link.to));
  const { next, prev } = successorsOf(edges);
  const order = topologicalOrder([...byKey.keys()], edges, next);
  const duration = new Map<string, number>();
  const es = new Map<string, number>();
  const ef = new Map<string, number>();
  for (const key of order) {
    const item = byKey.get(key)!;
    const length = isMilestoneKey(key) ? 0 : Math.max(1, daysBetween(item.start, item.end) + 1);
    duration.set(key, length);
    let start = dayNumber(item.start);
    for (const from of prev.get(key) ?? []) start = Math.max(start, earliestAfter(ef.get(from)!, key));
    es.set(key, start);
    ef.set(key, isMilestoneKey(key) ? start : start + length - 1);
  }
  if (order.length === 0) return { items: new Map(), criticalPath: [], criticalLinks: [], finish: null };
  const finish = Math.max(...ef.values());
  const lf = new Map<string, number>();
  const ls = new Map<string, number>();
  for (let index = order.length - 1; index >= 0; index--) {
    const key = order[index];
    let latest = finish;
    // The latest finish that still lets every successor start on its own late start.
    for (const to of next.get(key) ?? []) latest = Math.min(latest, isMilestoneKey(to) ? ls.get(to)! : ls.get(to)! - 1);
    lf.set(key, latest);
    ls.set(key, isMilestoneKey(key) ? latest : latest - duration.get(key)! + 1);
  }
  const result = new Map<string, ItemSchedule>();
  for (const key of order) {
    const slack = lf.get(key)! - ef.get(key)!;
    result.set(key, {
      key,
      earlyStart: dateOf(es.get(key)!),
      earlyFinish: dateOf(ef.get(key)!),
      lateStart: dateOf(ls.get(key)!),
      lateFinish: dateOf(lf.get(key)!),
      slack,
      critical: slack === 0,
    });
  }
  const criticalPath = order
    .filter((key) => result.get(key)!.critical)
    .sort((a, b) => es.get(a)! - es.get(b)! || compareKeys(a, b));
  const criticalLinks = edges.filter(
    (edge) => result.get(edge.from)!.critical && result.get(edge.to)!.critical && earliestAfter(ef.get(edge.from)!, edge.to) === es.get(edge.to)!,
  );
  return { items: result, criticalPath, criticalLinks, finish: dateOf(finish) };
}

export interface Shift {
  key: string;
  days: number;
  start: IsoDate;
  end: IsoDate;
}

/**
 * Moving `moved` to new dates: which items that (transitively) follow it must move forward, and by
 * how many days, so that no finish-to-start link is broken. Items only ever move forward, keep
 * their length, and are pushed no further than needed; items not downstream never move.
 */
export function pushForward(items: readonly ScheduleItem[], links: readonly Edge[], moved: ScheduleItem): Shift[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  if (!byKey.has(moved.key)) throw new RangeError(`Unknown item ${moved.key}`);
  const edges = links.filter((link) => byKey.has(link.from) && byKey.has(link.to));
  const { next, prev } = successorsOf(edges);
  // Only what lies downstream of the moved item can be affected.
  const downstream = new Set<string>([moved.key]);
  const stack = [moved.key];
  while (stack.length) for (const to of next.get(stack.pop()!) ?? []) if (!downstream.has(to)) downstream.add(to), stack.push(to);
  const inside = edges.filter((edge) => downstream.has(edge.from) && downstream.has(edge.to));
  const order = topologicalOrder([...downstream], inside, successorsOf(inside).next);
  const finishOf = new Map<string, number>();
  const shifts: Shift[] = [];
  for (const key of order) {
    const item = key === moved.key ? moved : byKey.get(key)!;
    let start = dayNumber(item.start);
    const end = dayNumber(item.end);
    if (key === moved.key) {
      finishOf.set(key, end);
      continue;
    }
    {
      let needed = start;
      // Only predecessors that moved count: a link already broken before this move is not this
      // move's consequence and is left for the manager to resolve.
      for (const from of prev.get(key) ?? []) {
        const finish = finishOf.get(from);
        if (finish !== undefined) needed = Math.max(needed, earliestAfter(finish, key));
      }
      const days = needed - start;
      if (days > 0) {
        start += days;
        shifts.push({ key, days, start: dateOf(start), end: dateOf(end + days) });
        finishOf.set(key, end + days);
      }
    }
  }
  return shifts;
}

export interface WorkPackageWindow {
  id: number;
  code: string;
  startDate: IsoDate;
  endDate: IsoDate;
  gateDueDate: IsoDate;
}

export interface WorkPackageImpact {
  id: number;
  code: string;
  startDate: IsoDate;
  endDate: IsoDate;
  /** The window had to grow to hold its items' new dates. */
  widened: boolean;
  /** Its new end falls after its gate's due date (and did not before). */
  exceedsGate: boolean;
  gateDueDate: IsoDate;
}

/**
 * The work packages touched by a set of new item dates: the window each must grow to, and
 * whether it then ends after its gate.
 */
export function workPackageImpacts(
  workPackages: readonly WorkPackageWindow[],
  changed: readonly { workPackageId: number; start: IsoDate; end: IsoDate }[],
): WorkPackageImpact[] {
  const impacts: WorkPackageImpact[] = [];
  for (const wp of workPackages) {
    const own = changed.filter((item) => item.workPackageId === wp.id);
    if (own.length === 0) continue;
    const startDate = own.reduce((min, item) => (item.start < min ? item.start : min), wp.startDate);
    const endDate = own.reduce((max, item) => (item.end > max ? item.end : max), wp.endDate);
    impacts.push({
      id: wp.id,
      code: wp.code,
      startDate,
      endDate,
      widened: startDate !== wp.startDate || endDate !== wp.endDate,
      exceedsGate: endDate > wp.gateDueDate && wp.endDate <= wp.gateDueDate,
      gateDueDate: wp.gateDueDate,
    });
  }
  return impacts;
}

/** Whole days a bar moved, from its pixel offset; px per day depends on the view's scale. */
export function daysFromPixels(deltaPx: number, pxPerDay: number): number {
  const days = Math.round(deltaPx / pxPerDay);
  return Object.is(days, -0) ? 0 : days;
}
