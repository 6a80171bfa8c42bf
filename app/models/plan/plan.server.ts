import { and, asc, count, eq, inArray, ne, or } from "drizzle-orm";
import { dateProblem } from "~/domain/core/bounds";
import { budgetLine, deadlineGate, dependency, milestone, task, trainingWave, workPackage } from "#db/schema";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import { cycleIfAdded } from "~/domain/plan/graph";
import { assessPlan } from "~/domain/plan/status";
import type { TaskStatus } from "~/domain/plan/plan-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, commandIn, deleteAudited, entity, insertAudited, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { compareCodes } from "~/domain/core/intl-cache";

export type WorkPackage = typeof workPackage.$inferSelect;
export type Task = typeof task.$inferSelect;
export type Milestone = typeof milestone.$inferSelect;
export type Dependency = typeof dependency.$inferSelect;

export interface WorkPackageInput {
  code: string;
  title: string;
  description: string;
  owner: string;
  startDate: string;
  endDate: string;
  gateId: number;
}
export interface TaskInput {
  workPackageId: number;
  code: string;
  title: string;
  owner: string;
  startDate: string;
  endDate: string;
  progress: number;
  status: TaskStatus;
}
export interface MilestoneInput {
  workPackageId: number;
  code: string;
  title: string;
  dueDate: string;
  achievedDate?: string | null;
  euCode?: string | null;
  gateId: number;
}
/** An update names the row and the version the editor started from. */
export type Versioned<T> = T & { id: number; version: number };

const label = (row: { code: string; title: string }) => `${row.code} ${row.title}`;

// ---------------------------------------------------------------- reads

export function listWorkPackages(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb()
    .select()
    .from(workPackage)
    .where(eq(workPackage.programmeId, programmeId))
    .orderBy(asc(workPackage.sortOrder), asc(workPackage.code))
    .all();
}

/** Everything the plan screens and the status logic need, in one read. */
/** The tables getPlan reads: what a computation cached on the plan declares (read-cache). */
export const PLAN_TABLES = ["work_package", "task", "milestone", "dependency", "deadline_gate"] as const;

export function getPlan(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const workPackages = listWorkPackages(actor, programmeId);
  const wpIds = workPackages.map((wp) => wp.id);
  const tasks = wpIds.length
    ? db.select().from(task).where(inArray(task.workPackageId, wpIds)).orderBy(asc(task.startDate), asc(task.code)).all()
    : [];
  const milestones = wpIds.length
    ? db.select().from(milestone).where(inArray(milestone.workPackageId, wpIds)).orderBy(asc(milestone.dueDate)).all()
    : [];
  const dependencies = db.select().from(dependency).where(eq(dependency.programmeId, programmeId)).all();
  const gates = db
    .select()
    .from(deadlineGate)
    .where(eq(deadlineGate.programmeId, programmeId))
    .orderBy(asc(deadlineGate.sortOrder), asc(deadlineGate.dueDate))
    .all();
  return { workPackages, tasks, milestones, dependencies, gates };
}

export function getWorkPackage(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const found = getDb().select().from(workPackage).where(eq(workPackage.id, id)).get();
  if (!found) throw new NotFoundError("work_package", id);
  return found;
}

export function getTask(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const found = getDb().select().from(task).where(eq(task.id, id)).get();
  if (!found) throw new NotFoundError("task", id);
  return found;
}

export function getMilestone(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const found = getDb().select().from(milestone).where(eq(milestone.id, id)).get();
  if (!found) throw new NotFoundError("milestone", id);
  return found;
}

// ---------------------------------------------------------------- shared checks

function checkDates(issues: FieldIssue[], start: string, end: string, startField: string, endField: string) {
  if (dateProblem(start)) issues.push({ field: startField, message: { key: dateProblem(start)! } });
  if (dateProblem(end)) issues.push({ field: endField, message: { key: dateProblem(end)! } });
  if (isIsoDate(start) && isIsoDate(end) && end < start)
    issues.push({ field: endField, message: { key: "validation.endBeforeStart", params: { start: formatDate(start) } } });
}

function requireGate(conn: Conn, programmeId: number, gateId: number) {
  const gate = conn
    .select()
    .from(deadlineGate)
    .where(and(eq(deadlineGate.id, gateId), eq(deadlineGate.programmeId, programmeId)))
    .get();
  if (!gate) throw ValidationError.field("gateId", "validation.unknownId", { id: gateId });
  return gate;
}

function requireWorkPackage(conn: Conn, id: number, field = "workPackageId") {
  const found = conn.select().from(workPackage).where(eq(workPackage.id, id)).get();
  if (!found) throw ValidationError.field(field, "validation.unknownId", { id });
  return found;
}

// ---------------------------------------------------------------- entities

export const workPackageEntity = entity("work_package", workPackage, label);
export const taskEntity = entity("task", task, label);
export const milestoneEntity = entity("milestone", milestone, label);

// ---------------------------------------------------------------- work packages

function checkWorkPackage(conn: Conn, programmeId: number, input: WorkPackageInput, id?: number) {
  const issues: FieldIssue[] = [];
  checkDates(issues, input.startDate, input.endDate, "startDate", "endDate");
  const clash = conn
    .select({ id: workPackage.id })
    .from(workPackage)
    .where(and(eq(workPackage.programmeId, programmeId), eq(workPackage.code, input.code), id ? ne(workPackage.id, id) : undefined))
    .get();
  if (clash) issues.push({ field: "code", message: { key: "validation.duplicateCode", params: { code: input.code } } });
  ValidationError.throwIf(issues);
  requireGate(conn, programmeId, input.gateId);
}

export function createWorkPackage(actor: Actor, programmeId: number, input: WorkPackageInput) {
  return command(actor, "update:plan", (tx) => {
    checkWorkPackage(tx, programmeId, input);
    const last = tx.select({ sortOrder: workPackage.sortOrder }).from(workPackage).where(eq(workPackage.programmeId, programmeId)).all();
    const sortOrder = Math.max(0, ...last.map((row) => row.sortOrder)) + 1;
    return insertAudited(tx, actor, workPackageEntity, { ...input, programmeId, sortOrder });
  });
}

export function updateWorkPackage(actor: Actor, input: Versioned<WorkPackageInput>) {
  return command(actor, "update:plan", (tx) => updateWorkPackageIn(tx, actor, input));
}

/** The work-package update inside an open transaction (the Gantt's reschedule composes it). */
export function updateWorkPackageIn(tx: Conn, actor: Actor, input: Versioned<WorkPackageInput>) {
  return commandIn(tx, actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, workPackageEntity, input.id, input.version);
    checkWorkPackage(tx, current.programmeId, input, current.id);
    const outside = tx
      .select({ code: milestone.code, dueDate: milestone.dueDate })
      .from(milestone)
      .where(eq(milestone.workPackageId, current.id))
      .all()
      .filter((m) => m.dueDate < input.startDate || m.dueDate > input.endDate);
    if (outside.length)
      throw ValidationError.field("endDate", "validation.wpRange", { codes: outside.map((m) => `${m.code} ${formatDate(m.dueDate)}`).join(", ") });
    const { id, version, ...fields } = input;
    return updateVersioned(tx, actor, workPackageEntity, current, fields, { version });
  });
}

export function deleteWorkPackage(actor: Actor, id: number, version: number) {
  command(actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, workPackageEntity, id, version);
    // Budget lines and training waves belong to a work package without cascading (their money and
    // people must not vanish with it): say so instead of failing on the foreign key.
    const lines = tx.select({ n: count() }).from(budgetLine).where(eq(budgetLine.workPackageId, id)).get()?.n ?? 0;
    const waves = tx.select({ n: count() }).from(trainingWave).where(eq(trainingWave.workPackageId, id)).get()?.n ?? 0;
    if (lines > 0 || waves > 0)
      throw new ValidationError([{ field: null, message: { key: "bounds.workPackageInUse", params: { code: current.code, lines, waves } } }]);
    const taskCodes = tx.select({ code: task.code }).from(task).where(eq(task.workPackageId, id)).all();
    const milestoneCodes = tx.select({ code: milestone.code }).from(milestone).where(eq(milestone.workPackageId, id)).all();
    deleteAudited(tx, actor, workPackageEntity, current, {
      deletedTasks: taskCodes.map((t) => t.code),
      deletedMilestones: milestoneCodes.map((m) => m.code),
    });
  });
}

// ---------------------------------------------------------------- tasks

function checkTask(conn: Conn, input: TaskInput) {
  const issues: FieldIssue[] = [];
  checkDates(issues, input.startDate, input.endDate, "startDate", "endDate");
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
    issues.push({ field: "progress", message: { key: "validation.progressRange" } });
  else if ((input.status === "completed") !== (input.progress === 100))
    issues.push({ field: "progress", message: { key: "validation.progressStatus" } });
  ValidationError.throwIf(issues);
  return requireWorkPackage(conn, input.workPackageId);
}

export function createTask(actor: Actor, input: TaskInput) {
  return command(actor, "update:plan", (tx) => {
    checkTask(tx, input);
    return insertAudited(tx, actor, taskEntity, { ...input });
  });
}

export function updateTask(actor: Actor, input: Versioned<TaskInput>) {
  return command(actor, "update:plan", (tx) => updateTaskIn(tx, actor, input));
}

/** The task update inside an open transaction, for callers that batch several changes. */
export function updateTaskIn(tx: Conn, actor: Actor, input: Versioned<TaskInput>) {
  return commandIn(tx, actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, taskEntity, input.id, input.version);
    checkTask(tx, input);
    const { id, version, ...fields } = input;
    return updateVersioned(tx, actor, taskEntity, current, fields, { version });
  });
}

export function deleteTask(actor: Actor, id: number, version: number) {
  command(actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, taskEntity, id, version);
    const links = linksOf(tx, `t${id}`);
    deleteAudited(tx, actor, taskEntity, current, { deletedDependencies: links });
  });
}

// ---------------------------------------------------------------- milestones

function checkMilestone(conn: Conn, input: MilestoneInput) {
  const issues: FieldIssue[] = [];
  if (dateProblem(input.dueDate)) issues.push({ field: "dueDate", message: { key: dateProblem(input.dueDate)! } });
  if (input.achievedDate && dateProblem(input.achievedDate)) issues.push({ field: "achievedDate", message: { key: dateProblem(input.achievedDate)! } });
  ValidationError.throwIf(issues);
  const wp = requireWorkPackage(conn, input.workPackageId);
  if (input.dueDate < wp.startDate || input.dueDate > wp.endDate)
    throw ValidationError.field("dueDate", "validation.milestoneOutsideWp", { start: formatDate(wp.startDate), end: formatDate(wp.endDate) });
  requireGate(conn, wp.programmeId, input.gateId);
  return wp;
}

export function createMilestone(actor: Actor, input: MilestoneInput) {
  return command(actor, "update:plan", (tx) => {
    checkMilestone(tx, input);
    return insertAudited(tx, actor, milestoneEntity, { ...input, achievedDate: input.achievedDate ?? null, euCode: input.euCode ?? null });
  });
}

export function updateMilestone(actor: Actor, input: Versioned<MilestoneInput>) {
  return command(actor, "update:plan", (tx) => updateMilestoneIn(tx, actor, input));
}

/** The milestone update inside an open transaction (the Gantt's reschedule composes it). */
export function updateMilestoneIn(tx: Conn, actor: Actor, input: Versioned<MilestoneInput>) {
  return commandIn(tx, actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, milestoneEntity, input.id, input.version);
    checkMilestone(tx, input);
    const { id, version, ...fields } = input;
    return updateVersioned(tx, actor, milestoneEntity, current, { ...fields, achievedDate: fields.achievedDate ?? null, euCode: fields.euCode ?? null }, { version });
  });
}

export function deleteMilestone(actor: Actor, id: number, version: number) {
  command(actor, "update:plan", (tx) => {
    const current = loadVersioned(tx, milestoneEntity, id, version);
    const links = linksOf(tx, `m${id}`);
    deleteAudited(tx, actor, milestoneEntity, current, { deletedDependencies: links });
  });
}

// ---------------------------------------------------------------- dependencies

type ItemKey = `t${number}` | `m${number}`;

interface PlanItemRef {
  key: string;
  code: string;
  title: string;
  programmeId: number;
}

function resolveItem(conn: Conn, key: string, field: string): PlanItemRef {
  const id = Number(key.slice(1));
  const row =
    key[0] === "t"
      ? conn
          .select({ code: task.code, title: task.title, programmeId: workPackage.programmeId })
          .from(task)
          .innerJoin(workPackage, eq(workPackage.id, task.workPackageId))
          .where(eq(task.id, id))
          .get()
      : key[0] === "m"
        ? conn
            .select({ code: milestone.code, title: milestone.title, programmeId: workPackage.programmeId })
            .from(milestone)
            .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
            .where(eq(milestone.id, id))
            .get()
        : undefined;
  if (!row || !Number.isInteger(id)) throw ValidationError.field(field, "validation.unknownId", { id: key });
  return { key, ...row };
}

/** Human labels ("WP1.2 → WP2.1") of the links touching an item, for the audit trail. */
function linksOf(conn: Conn, key: string) {
  const rows = conn
    .select()
    .from(dependency)
    .where(or(eq(dependency.predecessorKey, key), eq(dependency.successorKey, key)))
    .all();
  return rows.map((row) => `${codeOf(conn, row.predecessorKey)} → ${codeOf(conn, row.successorKey)}`);
}

function codeOf(conn: Conn, key: string) {
  try {
    return resolveItem(conn, key, "key").code;
  } catch {
    return key;
  }
}

export function createDependency(actor: Actor, input: { predecessor: string; successor: string }) {
  return command(actor, "update:plan", (tx, audit) => {
    if (input.predecessor === input.successor) throw ValidationError.field("successor", "validation.selfDependency");
    const from = resolveItem(tx, input.predecessor, "predecessor");
    const to = resolveItem(tx, input.successor, "successor");
    if (from.programmeId !== to.programmeId) throw ValidationError.field("successor", "validation.unknownId", { id: input.successor });
    const edges = tx
      .select({ from: dependency.predecessorKey, to: dependency.successorKey })
      .from(dependency)
      .where(eq(dependency.programmeId, from.programmeId))
      .all();
    if (edges.some((edge) => edge.from === from.key && edge.to === to.key))
      throw ValidationError.field("successor", "validation.duplicateDependency");
    const cycle = cycleIfAdded(edges, from.key, to.key);
    if (cycle) {
      const path = [...cycle, cycle[0]].map((key) => codeOf(tx, key)).join(" → ");
      throw ValidationError.field("successor", "validation.cycle", { path });
    }
    // A link is never edited, so it has no version: a plain insert with its own audit record.
    const created = tx
      .insert(dependency)
      .values({
        programmeId: from.programmeId,
        predecessorTaskId: from.key[0] === "t" ? Number(from.key.slice(1)) : null,
        predecessorMilestoneId: from.key[0] === "m" ? Number(from.key.slice(1)) : null,
        successorTaskId: to.key[0] === "t" ? Number(to.key.slice(1)) : null,
        successorMilestoneId: to.key[0] === "m" ? Number(to.key.slice(1)) : null,
        predecessorKey: from.key as ItemKey,
        successorKey: to.key as ItemKey,
        createdAt: nowIso(),
        createdById: actor.id || null,
      })
      .returning()
      .get();
    audit({
      action: "create",
      entityType: "dependency",
      entityId: created.id,
      entityLabel: `${from.code} → ${to.code}`,
      after: { predecessor: `${from.code} ${from.title}`, successor: `${to.code} ${to.title}` },
    });
    return created;
  });
}

export function deleteDependency(actor: Actor, id: number) {
  command(actor, "update:plan", (tx, audit) => {
    const current = tx.select().from(dependency).where(eq(dependency.id, id)).get();
    if (!current) throw new NotFoundError("dependency", id);
    const fromCode = codeOf(tx, current.predecessorKey);
    const toCode = codeOf(tx, current.successorKey);
    tx.delete(dependency).where(eq(dependency.id, id)).run();
    audit({
      action: "delete",
      entityType: "dependency",
      entityId: id,
      entityLabel: `${fromCode} → ${toCode}`,
      before: { predecessor: fromCode, successor: toCode },
    });
  });
}

// ---------------------------------------------------------------- screens

/** A work package with its items, their states on `today`, and the links touching them. */
export function getWorkPackageDetail(actor: Actor, id: number, today: string) {
  const wp = getWorkPackage(actor, id);
  const plan = getPlan(actor, wp.programmeId);
  const assessment = assessLoadedPlan(plan, today);
  const labels = new Map<string, { code: string; title: string; workPackageId: number }>();
  for (const t of plan.tasks) labels.set(`t${t.id}`, { code: t.code, title: t.title, workPackageId: t.workPackageId });
  for (const m of plan.milestones) labels.set(`m${m.id}`, { code: m.code, title: m.title, workPackageId: m.workPackageId });
  const own = new Set<string>([
    ...plan.tasks.filter((t) => t.workPackageId === id).map((t) => `t${t.id}`),
    ...plan.milestones.filter((m) => m.workPackageId === id).map((m) => `m${m.id}`),
  ]);
  /** Codes and titles of the unfinished predecessors of an item reported done ahead of them. */
  const openBefore = (key: string) =>
    (assessment.inconsistencies.get(key)?.openPredecessors ?? []).map((p) => ({ code: labels.get(p)!.code, title: labels.get(p)!.title, workPackageId: labels.get(p)!.workPackageId }));
  return {
    workPackage: wp,
    gate: plan.gates.find((g) => g.id === wp.gateId)!,
    gates: plan.gates,
    state: assessment.workPackages.get(id)!,
    tasks: plan.tasks.filter((t) => t.workPackageId === id).map((t) => ({ ...t, state: assessment.tasks.get(t.id)!, inconsistentWith: openBefore(`t${t.id}`) })),
    milestones: plan.milestones
      .filter((m) => m.workPackageId === id)
      .map((m) => ({ ...m, state: assessment.milestones.get(m.id)!, inconsistentWith: openBefore(`m${m.id}`) })),
    dependencies: plan.dependencies
      .filter((dep) => own.has(dep.predecessorKey) || own.has(dep.successorKey))
      .map((dep) => ({
        id: dep.id,
        predecessor: { key: dep.predecessorKey, ...labels.get(dep.predecessorKey)! },
        successor: { key: dep.successorKey, ...labels.get(dep.successorKey)! },
      })),
    /** Every item of the programme, for choosing the other end of a new link. */
    itemOptions: [...labels.entries()]
      .map(([key, item]) => ({ key, code: item.code, title: item.title }))
      .sort((a, b) => compareCodes(a.code, b.code)),
  };
}

/** The list screen: each work package with its state, progress and item counts on `today`. */
export function getWorkPackageSummaries(actor: Actor, programmeId: number, today: string) {
  const plan = getPlan(actor, programmeId);
  const assessment = assessLoadedPlan(plan, today);
  return {
    gates: plan.gates,
    workPackages: plan.workPackages.map((wp) => ({
      ...wp,
      ...assessment.workPackages.get(wp.id)!,
      gate: plan.gates.find((g) => g.id === wp.gateId)!,
      taskCount: plan.tasks.filter((t) => t.workPackageId === wp.id).length,
      milestoneCount: plan.milestones.filter((m) => m.workPackageId === wp.id).length,
    })),
  };
}

/**
 * The items reported done ahead of an unfinished predecessor, with codes and titles to name them
 * (every page shows the same list: the rule is assessPlan's).
 */
export function describeInconsistencies(plan: ReturnType<typeof getPlan>, assessment: ReturnType<typeof assessLoadedPlan>) {
  const labels = new Map<string, { code: string; title: string; workPackageId: number; progress: number | null }>();
  for (const t of plan.tasks) labels.set(`t${t.id}`, { code: t.code, title: t.title, workPackageId: t.workPackageId, progress: t.progress });
  for (const m of plan.milestones) labels.set(`m${m.id}`, { code: m.euCode ?? m.code, title: m.title, workPackageId: m.workPackageId, progress: null });
  return [...assessment.inconsistencies.values()]
    .map(({ key, openPredecessors }) => ({
      key,
      ...labels.get(key)!,
      predecessors: openPredecessors.map((p) => ({ key: p, ...labels.get(p)! })),
    }))
    .sort((a, b) => compareCodes(a.code, b.code));
}

/** The status of every item of a loaded plan on `today`. */
export function assessLoadedPlan(plan: ReturnType<typeof getPlan>, today: string) {
  return assessPlan(
    {
      gates: plan.gates,
      workPackages: plan.workPackages,
      tasks: plan.tasks,
      milestones: plan.milestones,
      dependencies: plan.dependencies.map((dep) => ({ from: dep.predecessorKey, to: dep.successorKey })),
    },
    today,
  );
}
