import { and, desc, eq, inArray } from "drizzle-orm";
import { deadlineGate, dependency, ganttChange, milestone, snapshot, task, workPackage } from "#db/schema";
import { addDays, daysBetween, formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import { criticalPath, pushForward, workPackageImpacts, type ScheduleItem, type Shift, type WorkPackageImpact } from "~/domain/gantt/schedule";
import { sha256Hex } from "~/domain/snapshots/snapshot-hash";
import type { ItemState } from "~/domain/plan/status";
import type { TaskStatus } from "~/domain/plan/plan-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { appendAudit } from "~/models/audit/audit.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { ConflictError, NotFoundError, ValidationError } from "~/models/core/errors.server";
import { assessLoadedPlan, getPlan, updateMilestoneIn, updateTaskIn, updateWorkPackage } from "~/models/plan/plan.server";
import { getSnapshot } from "~/models/snapshots/snapshot.server";

// ---------------------------------------------------------------- chart data

/**
 * One row of the chart under a work package. Tasks and milestones come from the plan; other
 * models (training waves, issue 5) add rows of their own kind through a GanttRowSource.
 */
export interface GanttRow {
  /** Unique across the chart: "t12", "m5", or another model's prefix (e.g. "w3"). */
  id: string;
  kind: "task" | "milestone" | "extra";
  /** For extra rows: what they are, for styling and the popup ("training", …). */
  extraKind?: string;
  code: string;
  title: string;
  owner: string;
  start: IsoDate;
  end: IsoDate;
  progress: number;
  state: ItemState;
  gateId: number | null;
  /** Total float in days; null for rows outside the dependency schedule. */
  slack: number | null;
  critical: boolean;
  /** Predecessor row ids (finish-to-start). */
  dependencies: string[];
  /** Whether a manager may drag it here (only plan items are saved by this chart). */
  editable: boolean;
  version: number;
}

export interface GanttWorkPackage {
  id: number;
  code: string;
  title: string;
  owner: string;
  start: IsoDate;
  end: IsoDate;
  progress: number;
  state: ItemState;
  gateId: number;
  rows: GanttRow[];
}

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

// ---------------------------------------------------------------- baseline

/** An item's dates in a baseline snapshot, keyed like the chart's rows: t12, m3, wp4. */
export type BaselineItems = Map<string, { start: IsoDate; end: IsoDate }>;

interface BaselineEntry {
  summary: { id: number; programmeId: number; label: string; asOf: IsoDate };
  /** sha256 of the stored text the items were read from. */
  textHash: string;
  verified: boolean;
  items: BaselineItems;
}

/**
 * Parsed baselines, per database. Snapshots are immutable, but the stored text is hashed again on
 * every use (cheap next to parsing it), so a row altered behind the app's back is read afresh and
 * shows as unverified.
 */
const baselineCache = new WeakMap<object, Map<number, BaselineEntry>>();
const BASELINE_CACHE_SIZE = 4;

function baselineEntry(actor: Actor, snapshotId: number): BaselineEntry {
  const db = getDb();
  let cache = baselineCache.get(db);
  if (!cache) baselineCache.set(db, (cache = new Map()));
  const row = Number.isInteger(snapshotId) ? db.select({ content: snapshot.content, hash: snapshot.hash }).from(snapshot).where(eq(snapshot.id, snapshotId)).get() : undefined;
  if (!row) throw new NotFoundError("snapshot", snapshotId);
  const textHash = sha256Hex(row.content);
  const hit = cache.get(snapshotId);
  if (hit && hit.textHash === textHash) return { ...hit, verified: textHash === row.hash };
  const { summary, content, verified } = getSnapshot(actor, snapshotId);
  const items: BaselineItems = new Map();
  for (const wp of content.plan.workPackages) items.set(`wp${wp.id}`, { start: wp.startDate, end: wp.endDate });
  for (const t of content.plan.tasks) items.set(`t${t.id}`, { start: t.startDate, end: t.endDate });
  for (const m of content.plan.milestones) items.set(`m${m.id}`, { start: m.dueDate, end: m.dueDate });
  const entry = { summary: { id: summary.id, programmeId: summary.programmeId, label: summary.label, asOf: summary.asOf }, textHash, verified, items };
  cache.delete(snapshotId);
  if (cache.size >= BASELINE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(snapshotId, entry);
  return entry;
}

/**
 * A snapshot of this programme as the chart's baseline: its label and date, and the dates it held
 * for the given rows (rows added since have none; items removed since are not asked for).
 */
export function getGanttBaseline(actor: Actor, programmeId: number, snapshotId: number, rowIds: readonly string[]) {
  requirePermission(actor, "read:programme");
  const entry = baselineEntry(actor, snapshotId);
  if (entry.summary.programmeId !== programmeId) throw new NotFoundError("snapshot", snapshotId);
  const items: Record<string, { start: IsoDate; end: IsoDate }> = {};
  for (const id of rowIds) {
    const dates = entry.items.get(id);
    if (dates) items[id] = dates;
  }
  return { id: entry.summary.id, label: entry.summary.label, asOf: entry.summary.asOf, verified: entry.verified, items };
}

// ---------------------------------------------------------------- reschedule

export interface RescheduleInput {
  /** "t<id>" or "m<id>". */
  key: string;
  /** The version the manager saw when dragging. */
  version: number;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Only for tasks: a new progress dragged on the bar. */
  progress?: number;
  /** The manager accepted moving the dependents forward. */
  pushDependents: boolean;
}

interface LoadedSchedule {
  items: (ScheduleItem & { workPackageId: number; code: string; title: string })[];
  links: { from: string; to: string }[];
  workPackages: { id: number; code: string; startDate: IsoDate; endDate: IsoDate; gateDueDate: IsoDate }[];
}

/** Just the columns the scheduling needs: a drag-save must stay fast on a 5,000-task plan. */
function loadSchedule(conn: Conn, programmeId: number): LoadedSchedule {
  const wps = conn
    .select({ id: workPackage.id, code: workPackage.code, startDate: workPackage.startDate, endDate: workPackage.endDate, gateDueDate: deadlineGate.dueDate })
    .from(workPackage)
    .innerJoin(deadlineGate, eq(deadlineGate.id, workPackage.gateId))
    .where(eq(workPackage.programmeId, programmeId))
    .all();
  const wpIds = wps.map((wp) => wp.id);
  const tasks = wpIds.length
    ? conn
        .select({ id: task.id, workPackageId: task.workPackageId, code: task.code, title: task.title, start: task.startDate, end: task.endDate })
        .from(task)
        .where(inArray(task.workPackageId, wpIds))
        .all()
    : [];
  const milestones = wpIds.length
    ? conn
        .select({ id: milestone.id, workPackageId: milestone.workPackageId, code: milestone.code, title: milestone.title, due: milestone.dueDate })
        .from(milestone)
        .where(inArray(milestone.workPackageId, wpIds))
        .all()
    : [];
  const links = conn
    .select({ from: dependency.predecessorKey, to: dependency.successorKey })
    .from(dependency)
    .where(eq(dependency.programmeId, programmeId))
    .all();
  return {
    workPackages: wps,
    links,
    items: [
      ...tasks.map((t) => ({ key: `t${t.id}`, start: t.start, end: t.end, workPackageId: t.workPackageId, code: t.code, title: t.title })),
      ...milestones.map((m) => ({ key: `m${m.id}`, start: m.due, end: m.due, workPackageId: m.workPackageId, code: m.code, title: m.title })),
    ],
  };
}

function programmeOfItem(conn: Conn, key: string) {
  const id = Number(key.slice(1));
  const row =
    key[0] === "t"
      ? conn.select({ programmeId: workPackage.programmeId }).from(task).innerJoin(workPackage, eq(workPackage.id, task.workPackageId)).where(eq(task.id, id)).get()
      : conn
          .select({ programmeId: workPackage.programmeId })
          .from(milestone)
          .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
          .where(eq(milestone.id, id))
          .get();
  if (!row) throw new NotFoundError(key[0] === "t" ? "task" : "milestone", id);
  return row.programmeId;
}

function checkInput(input: RescheduleInput) {
  if (!/^[tm]\d+$/.test(input.key)) throw ValidationError.field("key", "validation.unknownId", { id: input.key });
  if (!isIsoDate(input.startDate)) throw ValidationError.field("startDate", "validation.date");
  if (!isIsoDate(input.endDate)) throw ValidationError.field("endDate", "validation.date");
  if (input.endDate < input.startDate) throw ValidationError.field("endDate", "validation.endBeforeStart", { start: formatDate(input.startDate) });
  if (input.key[0] === "m" && input.endDate !== input.startDate) throw ValidationError.field("endDate", "gantt.validation.milestoneOneDay");
}

export interface ReschedulePreview {
  key: string;
  code: string;
  title: string;
  /** Days the moved item's start moved (negative: earlier). */
  days: number;
  startDate: IsoDate;
  endDate: IsoDate;
  shifts: (Shift & { code: string; title: string })[];
  /** Work packages whose window grows, and whether they then miss their gate. */
  workPackages: WorkPackageImpact[];
}

function computePreview(schedule: LoadedSchedule, input: RescheduleInput): ReschedulePreview {
  const moved = schedule.items.find((item) => item.key === input.key);
  if (!moved) throw ValidationError.field("key", "validation.unknownId", { id: input.key });
  const shifts = pushForward(schedule.items, schedule.links, { key: input.key, start: input.startDate, end: input.endDate });
  const byKey = new Map(schedule.items.map((item) => [item.key, item]));
  const changed = [
    { workPackageId: moved.workPackageId, start: input.startDate, end: input.endDate },
    ...shifts.map((shift) => ({ workPackageId: byKey.get(shift.key)!.workPackageId, start: shift.start, end: shift.end })),
  ];
  return {
    key: input.key,
    code: moved.code,
    title: moved.title,
    days: daysBetween(moved.start, input.startDate),
    startDate: input.startDate,
    endDate: input.endDate,
    shifts: shifts.map((shift) => ({ ...shift, code: byKey.get(shift.key)!.code, title: byKey.get(shift.key)!.title })),
    workPackages: workPackageImpacts(schedule.workPackages, changed).filter((impact) => impact.widened || impact.exceedsGate),
  };
}

/** What a move would do, before anything is saved: the dependents it pushes and the gates then missed. */
export function previewReschedule(actor: Actor, input: RescheduleInput): ReschedulePreview {
  requirePermission(actor, "update:plan");
  checkInput(input);
  const db = getDb();
  return computePreview(loadSchedule(db, programmeOfItem(db, input.key)), input);
}

interface ChangeEntry {
  key: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** The row's version right after this change: undo refuses if it moved on since. */
  version: number;
}

function statusFor(current: TaskStatus, progress: number): TaskStatus {
  if (progress === 100) return "completed";
  if (current === "completed") return "in_progress";
  if (current === "planned" && progress > 0) return "in_progress";
  return current;
}

function writeItem(tx: Conn, actor: Actor, key: string, fields: { startDate: IsoDate; endDate: IsoDate; progress?: number }, version?: number): ChangeEntry | null {
  const id = Number(key.slice(1));
  if (key[0] === "t") {
    const current = tx.select().from(task).where(eq(task.id, id)).get();
    if (!current) throw new NotFoundError("task", id);
    const progress = fields.progress ?? current.progress;
    const status = statusFor(current.status, progress);
    if (current.startDate === fields.startDate && current.endDate === fields.endDate && current.progress === progress && current.version === (version ?? current.version))
      return null;
    const updated = updateTaskIn(tx, actor, { ...current, startDate: fields.startDate, endDate: fields.endDate, progress, status, version: version ?? current.version });
    return {
      key,
      before: { startDate: current.startDate, endDate: current.endDate, progress: current.progress, status: current.status },
      after: { startDate: updated.startDate, endDate: updated.endDate, progress: updated.progress, status: updated.status },
      version: updated.version,
    };
  }
  const current = tx.select().from(milestone).where(eq(milestone.id, id)).get();
  if (!current) throw new NotFoundError("milestone", id);
  if (current.dueDate === fields.startDate && current.version === (version ?? current.version)) return null;
  const updated = updateMilestoneIn(tx, actor, { ...current, dueDate: fields.startDate, version: version ?? current.version });
  return { key, before: { dueDate: current.dueDate }, after: { dueDate: updated.dueDate }, version: updated.version };
}

function writeWorkPackage(tx: Conn, actor: Actor, id: number, dates: { startDate: IsoDate; endDate: IsoDate }, expectedVersion?: number): ChangeEntry {
  const current = tx.select().from(workPackage).where(eq(workPackage.id, id)).get();
  if (!current) throw new NotFoundError("work_package", id);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw new ConflictError("work_package", id, "—", current.updatedAt);
  // updateWorkPackage opens its own transaction; inside ours better-sqlite3 makes it a savepoint.
  const updated = updateWorkPackage(actor, {
    id,
    version: current.version,
    code: current.code,
    title: current.title,
    description: current.description,
    owner: current.owner,
    gateId: current.gateId,
    ...dates,
  });
  return { key: `wp${id}`, before: { startDate: current.startDate, endDate: current.endDate }, after: dates, version: updated.version };
}

export interface RescheduleResult {
  preview: ReschedulePreview;
  changeId: number | null;
}

/**
 * Saves a drag: the moved item at the version the manager saw, the dependents pushed forward if
 * the manager accepted, and any work package widened to hold its items, in one transaction with
 * an audit record per row. Refuses (without writing) a move that would break a link unless
 * pushDependents is set.
 */
export function rescheduleItem(actor: Actor, input: RescheduleInput): RescheduleResult {
  requirePermission(actor, "update:plan");
  checkInput(input);
  if (input.progress !== undefined && (input.key[0] !== "t" || !Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100))
    throw ValidationError.field("progress", "validation.progressRange");
  return getDb().transaction((tx) => {
    const programmeId = programmeOfItem(tx, input.key);
    const preview = computePreview(loadSchedule(tx, programmeId), input);
    if (preview.shifts.length > 0 && !input.pushDependents) throw ValidationError.field(null, "gantt.validation.needsConfirmation", { count: preview.shifts.length });
    const entries: ChangeEntry[] = [];
    // Widen work packages first, so a milestone's new date is inside its work package when checked.
    for (const impact of preview.workPackages.filter((wp) => wp.widened))
      entries.push(writeWorkPackage(tx, actor, impact.id, { startDate: impact.startDate, endDate: impact.endDate }));
    const own = writeItem(tx, actor, input.key, { startDate: input.startDate, endDate: input.endDate, progress: input.progress }, input.version);
    if (own) entries.push(own);
    for (const shift of preview.shifts) {
      const entry = writeItem(tx, actor, shift.key, { startDate: shift.start, endDate: shift.end });
      if (entry) entries.push(entry);
    }
    if (entries.length === 0) return { preview, changeId: null };
    const summary = `${preview.code} ${preview.days >= 0 ? "+" : ""}${preview.days}${preview.shifts.length ? ` (+${preview.shifts.length})` : ""}`;
    const change = tx
      .insert(ganttChange)
      .values({ programmeId, userId: actor.id, createdAt: nowIso(), summary, changesJson: JSON.stringify(entries) })
      .returning({ id: ganttChange.id })
      .get();
    return { preview, changeId: change.id };
  });
}

// ---------------------------------------------------------------- undo

/** The actor's most recent chart change, if it has not been undone yet. */
export function lastUndoableChange(actor: Actor, programmeId: number) {
  if (!actor.id) return null;
  const last = getDb()
    .select({ id: ganttChange.id, summary: ganttChange.summary, createdAt: ganttChange.createdAt, undoneAt: ganttChange.undoneAt })
    .from(ganttChange)
    .where(and(eq(ganttChange.programmeId, programmeId), eq(ganttChange.userId, actor.id)))
    .orderBy(desc(ganttChange.id))
    .limit(1)
    .get();
  return last && !last.undoneAt ? { id: last.id, summary: last.summary, createdAt: last.createdAt } : null;
}

/**
 * Undoes the actor's last chart change by writing the previous dates back (new versions, new
 * audit records); nothing is deleted. Refuses with a conflict if anyone has changed one of
 * those rows since.
 */
export function undoLastChange(actor: Actor, programmeId: number, changeId: number) {
  requirePermission(actor, "update:plan");
  return getDb().transaction((tx) => {
    const last = tx
      .select()
      .from(ganttChange)
      .where(and(eq(ganttChange.programmeId, programmeId), eq(ganttChange.userId, actor.id)))
      .orderBy(desc(ganttChange.id))
      .limit(1)
      .get();
    if (!last || last.id !== changeId || last.undoneAt) throw ValidationError.field(null, "gantt.validation.nothingToUndo");
    const entries = JSON.parse(last.changesJson) as ChangeEntry[];
    // Items before work packages: a work package shrinks back only once its milestones are inside.
    for (const entry of [...entries].reverse()) {
      if (entry.key.startsWith("wp")) continue;
      const before = entry.before as { startDate?: string; endDate?: string; progress?: number; dueDate?: string };
      const dates = entry.key[0] === "m" ? { startDate: before.dueDate!, endDate: before.dueDate! } : { startDate: before.startDate!, endDate: before.endDate!, progress: before.progress };
      writeItem(tx, actor, entry.key, dates, entry.version);
    }
    for (const entry of entries.filter((e) => e.key.startsWith("wp")))
      writeWorkPackage(tx, actor, Number(entry.key.slice(2)), entry.before as { startDate: string; endDate: string }, entry.version);
    tx.update(ganttChange).set({ undoneAt: nowIso() }).where(eq(ganttChange.id, last.id)).run();
    appendAudit(tx, actor, {
      action: "update",
      entityType: "gantt_change",
      entityId: last.id,
      entityLabel: last.summary,
      before: { undone: false },
      after: { undone: true, restored: entries.map((entry) => entry.key) },
    });
    return { restored: entries.length };
  });
}

// ---------------------------------------------------------------- exports

const csvCell = (value: string | number | null) => {
  const text = value == null ? "" : String(value);
  // Leading = + - @ would run as formulas in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The plan as CSV (semicolon-separated, dd/mm/yyyy dates, as Italian spreadsheets expect). */
export function ganttCsv(chart: GanttChart, headers: string[], stateLabel: (state: ItemState) => string, kindLabel: (kind: string) => string) {
  const gateCode = new Map(chart.gates.map((g) => [g.id, g.code]));
  const lines = [headers.map(csvCell).join(";")];
  for (const wp of chart.workPackages) {
    lines.push(
      [wp.code, kindLabel("workPackage"), wp.code, wp.title, wp.owner, formatDate(wp.start), formatDate(wp.end), wp.progress, stateLabel(wp.state), gateCode.get(wp.gateId) ?? "", "", ""]
        .map(csvCell)
        .join(";"),
    );
    for (const row of wp.rows)
      lines.push(
        [
          wp.code,
          kindLabel(row.kind === "extra" ? row.extraKind ?? "extra" : row.kind),
          row.code,
          row.title,
          row.owner,
          formatDate(row.start),
          formatDate(row.end),
          row.progress,
          stateLabel(row.state),
          row.gateId ? gateCode.get(row.gateId) ?? "" : "",
          row.slack,
          row.critical ? "✓" : "",
        ]
          .map(csvCell)
          .join(";"),
      );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Gates and milestones as all-day calendar events (the day after is the exclusive end). */
export function ganttCalendarEvents(actor: Actor, programmeId: number) {
  const plan = getPlan(actor, programmeId);
  const wpCode = new Map(plan.workPackages.map((wp) => [wp.id, wp.code]));
  return [
    ...plan.gates.map((g) => ({ uid: `gate-${g.id}@traguardi`, date: g.dueDate, end: addDays(g.dueDate, 1), title: `${g.code} ${g.name}`, description: g.nameEn })),
    ...plan.milestones.map((m) => ({
      uid: `milestone-${m.id}@traguardi`,
      date: m.dueDate,
      end: addDays(m.dueDate, 1),
      title: `${m.code} ${m.title}`,
      description: [wpCode.get(m.workPackageId), m.euCode].filter(Boolean).join(" · "),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
