/**
 * The Gantt drag: what a move would do (preview), and saving it, with the dependents pushed
 * forward and work packages widened, in one command composed of the plan's own updates.
 */
import { eq, inArray } from "drizzle-orm";
import { dateProblem } from "~/domain/core/bounds";
import { deadlineGate, dependency, ganttChange, milestone, task, workPackage } from "#db/schema";
import { daysBetween, formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import { pushForward, workPackageImpacts, type ScheduleItem, type Shift, type WorkPackageImpact } from "~/domain/gantt/schedule";
import type { TaskStatus } from "~/domain/plan/plan-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, loadRow } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { milestoneEntity, taskEntity, updateMilestoneIn, updateTaskIn, updateWorkPackageIn, workPackageEntity } from "~/models/plan/plan.server";

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
  /**
   * The manager confirmed moving items already reported achieved or complete (issue 10): without
   * it a move that would shift one is refused, naming them.
   */
  confirmAchieved?: boolean;
}

/** An item the move would shift although it is reported achieved (milestone) or complete (task). */
export interface AchievedMove {
  key: string;
  code: string;
  title: string;
  euCode: string | null;
  /** The achievement date of a milestone; null for a task at 100%. */
  achievedDate: IsoDate | null;
  fromStart: IsoDate;
  toStart: IsoDate;
}

interface LoadedSchedule {
  items: (ScheduleItem & { workPackageId: number; code: string; title: string; euCode: string | null; done: boolean; achievedDate: IsoDate | null })[];
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
        .select({ id: task.id, workPackageId: task.workPackageId, code: task.code, title: task.title, start: task.startDate, end: task.endDate, progress: task.progress })
        .from(task)
        .where(inArray(task.workPackageId, wpIds))
        .all()
    : [];
  const milestones = wpIds.length
    ? conn
        .select({ id: milestone.id, workPackageId: milestone.workPackageId, code: milestone.code, title: milestone.title, due: milestone.dueDate, euCode: milestone.euCode, achievedDate: milestone.achievedDate })
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
      ...tasks.map((t) => ({ key: `t${t.id}`, start: t.start, end: t.end, workPackageId: t.workPackageId, code: t.code, title: t.title, euCode: null, done: t.progress >= 100, achievedDate: null })),
      ...milestones.map((m) => ({ key: `m${m.id}`, start: m.due, end: m.due, workPackageId: m.workPackageId, code: m.code, title: m.title, euCode: m.euCode, done: !!m.achievedDate, achievedDate: m.achievedDate })),
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
  if (dateProblem(input.startDate)) throw ValidationError.field("startDate", dateProblem(input.startDate)!);
  if (dateProblem(input.endDate)) throw ValidationError.field("endDate", dateProblem(input.endDate)!);
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
  /** Every pushed item, named, with its dates before and after. */
  shifts: (Shift & { code: string; title: string; euCode: string | null; fromStart: IsoDate; fromEnd: IsoDate; done: boolean })[];
  /** Work packages whose window grows, and whether they then miss their gate. */
  workPackages: WorkPackageImpact[];
  /** Items reported achieved or complete that the move would shift: need confirmAchieved. */
  achieved: AchievedMove[];
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
  const named = shifts.map((shift) => {
    const item = byKey.get(shift.key)!;
    return { ...shift, code: item.code, title: item.title, euCode: item.euCode, fromStart: item.start, fromEnd: item.end, done: item.done };
  });
  // Pushed items are the ones that could move unseen; the dragged item counts when it is an
  // achieved milestone (its due date is what the EU was told), not a finished task the manager
  // deliberately drags.
  const movedDates = moved.start !== input.startDate || moved.end !== input.endDate;
  const achieved: AchievedMove[] = [
    ...(moved.done && moved.achievedDate && movedDates ? [{ item: moved, toStart: input.startDate }] : []),
    ...shifts.filter((shift) => byKey.get(shift.key)!.done).map((shift) => ({ item: byKey.get(shift.key)!, toStart: shift.start })),
  ].map(({ item, toStart }) => ({ key: item.key, code: item.code, title: item.title, euCode: item.euCode, achievedDate: item.achievedDate, fromStart: item.start, toStart }));
  return {
    key: input.key,
    code: moved.code,
    title: moved.title,
    days: daysBetween(moved.start, input.startDate),
    startDate: input.startDate,
    endDate: input.endDate,
    shifts: named,
    workPackages: workPackageImpacts(schedule.workPackages, changed).filter((impact) => impact.widened || impact.exceedsGate),
    achieved,
  };
}

/** What a move would do, before anything is saved: the dependents it pushes and the gates then missed. */
export function previewReschedule(actor: Actor, input: RescheduleInput): ReschedulePreview {
  requirePermission(actor, "update:plan");
  checkInput(input);
  const db = getDb();
  return computePreview(loadSchedule(db, programmeOfItem(db, input.key)), input);
}

export interface ChangeEntry {
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

/** Writes one item's new dates through the plan's own update (its checks, version and audit). */
export function writeItem(tx: Conn, actor: Actor, key: string, fields: { startDate: IsoDate; endDate: IsoDate; progress?: number }, version?: number): ChangeEntry | null {
  const id = Number(key.slice(1));
  if (key[0] === "t") {
    const current = loadRow(tx, taskEntity, id);
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
  const current = loadRow(tx, milestoneEntity, id);
  if (current.dueDate === fields.startDate && current.version === (version ?? current.version)) return null;
  const updated = updateMilestoneIn(tx, actor, { ...current, dueDate: fields.startDate, version: version ?? current.version });
  return { key, before: { dueDate: current.dueDate }, after: { dueDate: updated.dueDate }, version: updated.version };
}

/**
 * Widens (or, on undo, shrinks back) a work package through the plan's own update, inside the
 * open transaction. `expectedVersion` (undo) refuses with a conflict naming who changed it since.
 */
export function writeWorkPackage(tx: Conn, actor: Actor, id: number, dates: { startDate: IsoDate; endDate: IsoDate }, expectedVersion?: number): ChangeEntry {
  const current = loadRow(tx, workPackageEntity, id);
  const updated = updateWorkPackageIn(tx, actor, {
    id,
    version: expectedVersion ?? current.version,
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
  return command(actor, "update:plan", (tx) => {
    checkInput(input);
    if (input.progress !== undefined && (input.key[0] !== "t" || !Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100))
      throw ValidationError.field("progress", "validation.progressRange");
    const programmeId = programmeOfItem(tx, input.key);
    const preview = computePreview(loadSchedule(tx, programmeId), input);
    if (preview.shifts.length > 0 && !input.pushDependents) throw ValidationError.field(null, "gantt.validation.needsConfirmation", { count: preview.shifts.length });
    // Reported achievements are never moved silently: the manager must have confirmed these ones.
    if (preview.achieved.length > 0 && !input.confirmAchieved)
      throw ValidationError.field(null, "gantt.validation.movesAchieved", {
        count: preview.achieved.length,
        list: preview.achieved.map((item) => `${item.euCode ? `${item.euCode} (${item.code})` : item.code} ${item.title}`).join("; "),
      });
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
