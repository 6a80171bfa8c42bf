import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { taskStatuses } from "../../app/domain/plan/plan-values";
import { versioned } from "./columns";
import { deadlineGate, programme } from "./programme";


export const workPackage = sqliteTable(
  "work_package",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    code: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    owner: text().notNull(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    gateId: integer()
      .notNull()
      .references(() => deadlineGate.id),
    sortOrder: integer().notNull().default(0),
    ...versioned,
  },
  (table) => [
    uniqueIndex("work_package_programme_code_idx").on(table.programmeId, table.code),
    index("work_package_gate_id_idx").on(table.gateId),
    check("work_package_dates_check", sql`${table.endDate} >= ${table.startDate}`),
  ],
);

export const task = sqliteTable(
  "task",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    workPackageId: integer()
      .notNull()
      .references(() => workPackage.id, { onDelete: "cascade" }),
    code: text().notNull(),
    title: text().notNull(),
    owner: text().notNull(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    progress: integer().notNull().default(0),
    status: text({ enum: taskStatuses }).notNull().default("planned"),
    ...versioned,
  },
  (table) => [
    index("task_work_package_id_idx").on(table.workPackageId),
    check("task_dates_check", sql`${table.endDate} >= ${table.startDate}`),
    check("task_progress_check", sql`${table.progress} between 0 and 100`),
  ],
);

export const milestone = sqliteTable(
  "milestone",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    workPackageId: integer()
      .notNull()
      .references(() => workPackage.id, { onDelete: "cascade" }),
    code: text().notNull(),
    title: text().notNull(),
    dueDate: text().notNull(),
    achievedDate: text(),
    /** EU or national milestone/target code from the PNRR catalogue, e.g. M6C2-11. */
    euCode: text(),
    gateId: integer()
      .notNull()
      .references(() => deadlineGate.id),
    ...versioned,
  },
  (table) => [
    index("milestone_work_package_id_idx").on(table.workPackageId),
    index("milestone_gate_id_idx").on(table.gateId),
  ],
);

/**
 * Finish-to-start link. Each end is either a task or a milestone: exactly one of each pair is set,
 * so both ends keep real foreign keys.
 */
export const dependency = sqliteTable(
  "dependency",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    predecessorTaskId: integer().references(() => task.id, { onDelete: "cascade" }),
    predecessorMilestoneId: integer().references(() => milestone.id, { onDelete: "cascade" }),
    successorTaskId: integer().references(() => task.id, { onDelete: "cascade" }),
    successorMilestoneId: integer().references(() => milestone.id, { onDelete: "cascade" }),
    /** "t12" or "m5": one comparable key per end, so the pair can be unique. */
    predecessorKey: text().notNull(),
    successorKey: text().notNull(),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    index("dependency_programme_id_idx").on(table.programmeId),
    index("dependency_predecessor_task_id_idx").on(table.predecessorTaskId),
    index("dependency_predecessor_milestone_id_idx").on(table.predecessorMilestoneId),
    index("dependency_successor_task_id_idx").on(table.successorTaskId),
    index("dependency_successor_milestone_id_idx").on(table.successorMilestoneId),
    uniqueIndex("dependency_pair_idx").on(table.predecessorKey, table.successorKey),
    check(
      "dependency_keys_check",
      sql`${table.predecessorKey} = coalesce('t' || ${table.predecessorTaskId}, 'm' || ${table.predecessorMilestoneId}) and ${table.successorKey} = coalesce('t' || ${table.successorTaskId}, 'm' || ${table.successorMilestoneId})`,
    ),
    check(
      "dependency_one_predecessor_check",
      sql`(${table.predecessorTaskId} is null) <> (${table.predecessorMilestoneId} is null)`,
    ),
    check(
      "dependency_one_successor_check",
      sql`(${table.successorTaskId} is null) <> (${table.successorMilestoneId} is null)`,
    ),
  ],
);
