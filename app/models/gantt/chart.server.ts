/**
 * The Gantt chart's data: plan rows with states, slack and critical path (cached per programme
 * until the plan changes), plus rows other models add through a GanttRowSource.
 */
import type { IsoDate } from "~/domain/core/dates";
import { criticalPath } from "~/domain/gantt/schedule";
import type { GanttRow, GanttWorkPackage } from "~/domain/gantt/rows";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { assessLoadedPlan, getPlan, PLAN_TABLES } from "~/models/plan/plan.server";
import { lastUndoableChange } from "./undo.server";
import { compareCodes } from "~/domain/core/intl-cache";

export type { GanttRow, GanttWorkPackage } from "~/domain/gantt/rows";

/** Another model's rows, keyed by work package id. */
export type GanttRowSource = (actor: Actor, programmeId: number, today: IsoDate) => Map<number, GanttRow[]>;

const byStart = (a: GanttRow, b: GanttRow) => (a.start < b.start ? -1 : a.start > b.start ? 1 : compareCodes(a.code, b.code));

export function getGanttChart(actor: Actor, programmeId: number, today: IsoDate, extraSources: readonly GanttRowSource[] = []) {
  requirePermission(actor, "read:programme");
  const base = planChart(actor, programmeId, today);
  const extras = new Map<number, GanttRow[]>();
  for (const source of extraSources)
    for (const [wpId, rows] of source(actor, programmeId, today)) (extras.get(wpId) ?? extras.set(wpId, []).get(wpId)!).push(...rows);
  // Fresh arrays and package objects: callers may rearrange them without touching the cache.
  const workPackages: GanttWorkPackage[] = base.workPackages.map((wp) => {
    const more = extras.get(wp.id);
    return { ...wp, rows: more?.length ? [...wp.rows, ...more].sort(byStart) : [...wp.rows] };
  });
  return {
    today,
    gates: base.gates,
    workPackages,
    criticalLinks: base.criticalLinks,
    finish: base.finish,
    lastChange: lastUndoableChange(actor, programmeId),
  };
}

export type GanttChart = ReturnType<typeof getGanttChart>;

/**
 * The plan chart for `today`, computed once per worker until the plan's tables are written by
 * anyone (read-cache's write counters; they also see edits made outside the models, such as
 * fixtures). It replaced a digest query that scanned every task on every request.
 */
function planChart(actor: Actor, programmeId: number, today: IsoDate) {
  return cachedRead("gantt.planChart", [programmeId, today], PLAN_TABLES, () => computePlanChart(actor, programmeId, today));
}

/** Rows, states, slack and critical path of the plan itself (no extra sources, no per-user data). */
function computePlanChart(actor: Actor, programmeId: number, today: IsoDate) {
  const plan = getPlan(actor, programmeId);
  const assessment = assessLoadedPlan(plan, today);
  const links = plan.dependencies.map((dep) => ({ from: dep.predecessorKey, to: dep.successorKey }));
  const schedule = criticalPath(
    [
      ...plan.tasks.map((t) => ({ key: `t${t.id}`, start: t.startDate, end: t.endDate })),
      ...plan.milestones.map((m) => ({ key: `m${m.id}`, start: m.dueDate, end: m.dueDate })),
    ],
    links,
  );
  const predecessors = new Map<string, string[]>();
  for (const { from, to } of links) (predecessors.get(to) ?? predecessors.set(to, []).get(to)!).push(from);
  const rowsByWp = new Map<number, GanttRow[]>(plan.workPackages.map((wp) => [wp.id, []]));
  const gateOfWp = new Map(plan.workPackages.map((wp) => [wp.id, wp.gateId]));
  for (const t of plan.tasks) {
    const key = `t${t.id}`;
    const item = schedule.items.get(key);
    rowsByWp.get(t.workPackageId)?.push({
      id: key,
      kind: "task",
      code: t.code,
      title: t.title,
      owner: t.owner,
      start: t.startDate,
      end: t.endDate,
      progress: t.progress,
      state: assessment.tasks.get(t.id)!,
      gateId: gateOfWp.get(t.workPackageId) ?? null,
      slack: item?.slack ?? null,
      critical: item?.critical ?? false,
      dependencies: predecessors.get(key) ?? [],
      editable: true,
      version: t.version,
    });
  }
  const wpOwner = new Map(plan.workPackages.map((wp) => [wp.id, wp.owner]));
  for (const m of plan.milestones) {
    const key = `m${m.id}`;
    const item = schedule.items.get(key);
    rowsByWp.get(m.workPackageId)?.push({
      id: key,
      kind: "milestone",
      code: m.code,
      title: m.euCode ? `${m.title} (${m.euCode})` : m.title,
      owner: wpOwner.get(m.workPackageId) ?? "",
      start: m.dueDate,
      end: m.dueDate,
      progress: m.achievedDate ? 100 : 0,
      state: assessment.milestones.get(m.id)!,
      gateId: m.gateId,
      slack: item?.slack ?? null,
      critical: item?.critical ?? false,
      dependencies: predecessors.get(key) ?? [],
      editable: true,
      version: m.version,
    });
  }
  const workPackages: GanttWorkPackage[] = plan.workPackages.map((wp) => {
    const rows = rowsByWp.get(wp.id)!.sort(byStart);
    const { state, progress } = assessment.workPackages.get(wp.id)!;
    return { id: wp.id, code: wp.code, title: wp.title, owner: wp.owner, start: wp.startDate, end: wp.endDate, progress, state, gateId: wp.gateId, rows };
  });
  return {
    gates: plan.gates.map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.nameEn, dueDate: g.dueDate })),
    workPackages,
    criticalLinks: schedule.criticalLinks,
    finish: schedule.finish,
  };
}
