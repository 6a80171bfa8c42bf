/**
 * The Gantt chart's data: plan rows with states, slack and critical path (cached per programme
 * until the plan changes), plus rows other models add through a GanttRowSource.
 */
import type { IsoDate } from "~/domain/core/dates";
import { criticalPath } from "~/domain/gantt/schedule";
import type { GanttRow, GanttWorkPackage } from "~/domain/gantt/rows";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { assessLoadedPlan, getPlan } from "~/models/plan/plan.server";
import { lastUndoableChange } from "./undo.server";

export type { GanttRow, GanttWorkPackage } from "~/domain/gantt/rows";

/** Another model's rows, keyed by work package id. */
export type GanttRowSource = (actor: Actor, programmeId: number, today: IsoDate) => Map<number, GanttRow[]>;

const byStart = (a: GanttRow, b: GanttRow) => a.start.localeCompare(b.start) || a.code.localeCompare(b.code, "it", { numeric: true });

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
 * A cheap digest of everything the plan chart is computed from. Every model write bumps a
 * version and updated_at; the date sums also catch edits made outside the models (fixtures).
 */
function planFingerprint(programmeId: number) {
  const row = getDb().$client
    .prepare(
      `select
        (select count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') || '/' || total(julianday(start_date) + 2 * julianday(end_date) + 3 * progress + 5 * work_package_id)
           from task where work_package_id in (select id from work_package where programme_id = @p)) as tasks,
        (select count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') || '/' || total(julianday(due_date) + 2 * coalesce(julianday(achieved_date), 0) + 3 * gate_id + 5 * work_package_id)
           from milestone where work_package_id in (select id from work_package where programme_id = @p)) as milestones,
        (select count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') || '/' || total(julianday(start_date) + 2 * julianday(end_date) + 3 * gate_id + 5 * sort_order)
           from work_package where programme_id = @p) as workPackages,
        (select count(*) || '/' || total(id) || '/' || coalesce(max(id), 0) from dependency where programme_id = @p) as dependencies,
        (select coalesce(group_concat(id || ':' || due_date || ':' || code || ':' || name || ':' || name_en, '|'), '') from deadline_gate where programme_id = @p) as gates`,
    )
    .get({ p: programmeId }) as Record<string, string>;
  return Object.values(row).join("#");
}

// One entry per programme: the chart of the plan as it last was, for the date it was computed on.
const planCharts = new Map<number, { key: string; chart: ReturnType<typeof computePlanChart> }>();

function planChart(actor: Actor, programmeId: number, today: IsoDate) {
  const key = `${today}#${planFingerprint(programmeId)}`;
  const cached = planCharts.get(programmeId);
  if (cached && cached.key === key) return cached.chart;
  const chart = computePlanChart(actor, programmeId, today);
  planCharts.set(programmeId, { key, chart });
  return chart;
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
