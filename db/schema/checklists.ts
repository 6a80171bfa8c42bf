import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { checklistAnswers, checklistEventKinds, checklistStates, checklistSubjectTypes } from "../../app/domain/checklists/values";
import { versioned } from "./columns";
import { document } from "./documents";
import { programme } from "./programme";

/**
 * One version of a self-check template (RGS check-lists). Editing a template adds a new version;
 * rows are never updated, so a checklist always shows the questions it was started on.
 */
export const checklistTemplate = sqliteTable(
  "checklist_template",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    code: text().notNull(),
    version: integer().notNull(),
    subjectType: text({ enum: checklistSubjectTypes }).notNull(),
    title: text().notNull(),
    titleEn: text().notNull(),
    /** The rule it checks against (circular, regulation), shown on every checklist. */
    reference: text().notNull(),
    changeNote: text().notNull().default(""),
    createdAt: text().notNull(),
    createdById: integer(),
    createdByName: text().notNull(),
  },
  (table) => [
    uniqueIndex("checklist_template_code_version_idx").on(table.code, table.version),
    check("checklist_template_subject_type_check", sql`${table.subjectType} in ('procedure','supplier','cup')`),
  ],
);

/** A question of one template version, answered yes / no / not applicable. */
export const checklistTemplateItem = sqliteTable(
  "checklist_template_item",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    templateId: integer()
      .notNull()
      .references(() => checklistTemplate.id),
    position: integer().notNull(),
    section: text().notNull(),
    question: text().notNull(),
    /** What evidence answers it (the documents a controller expects to see). */
    guidance: text().notNull().default(""),
  },
  (table) => [uniqueIndex("checklist_template_item_position_idx").on(table.templateId, table.position)],
);

/**
 * A checklist filled in for one subject. The subject is polymorphic text on purpose, so it works
 * before the procurement register exists: a procedure by its CIG, a supplier by its tax code, a
 * project by its CUP. One checklist per template code and subject.
 */
export const checklist = sqliteTable(
  "checklist",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    templateId: integer()
      .notNull()
      .references(() => checklistTemplate.id),
    templateCode: text().notNull(),
    subjectType: text({ enum: checklistSubjectTypes }).notNull(),
    subjectKey: text().notNull(),
    subjectLabel: text().notNull().default(""),
    state: text({ enum: checklistStates }).notNull().default("draft"),
    /** How many times it has been completed (1 on the first completion, +1 after each rejection). */
    round: integer().notNull().default(0),
    completedById: integer(),
    completedByName: text(),
    completedAt: text(),
    reviewedById: integer(),
    reviewedByName: text(),
    reviewedAt: text(),
    reviewNote: text().notNull().default(""),
    createdById: integer(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("checklist_subject_idx").on(table.programmeId, table.templateCode, table.subjectType, table.subjectKey),
    index("checklist_state_idx").on(table.programmeId, table.state),
    check("checklist_state_check", sql`${table.state} in ('draft','completed','verified','rejected')`),
    check("checklist_subject_type_check", sql`${table.subjectType} in ('procedure','supplier','cup')`),
    // Four eyes, also in the database: who reviewed it is never who completed it.
    check("checklist_four_eyes_check", sql`${table.reviewedById} is null or ${table.completedById} is null or ${table.reviewedById} <> ${table.completedById}`),
  ],
);

/** The current answer to one item. History lives in checklist_event (answers frozen at each completion). */
export const checklistAnswer = sqliteTable(
  "checklist_answer",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    checklistId: integer()
      .notNull()
      .references(() => checklist.id, { onDelete: "cascade" }),
    itemId: integer()
      .notNull()
      .references(() => checklistTemplateItem.id),
    answer: text({ enum: checklistAnswers }),
    note: text().notNull().default(""),
    /** Set by a rejection on the items the reviewer wants fixed; cleared by the next completion. */
    needsFix: integer({ mode: "boolean" }).notNull().default(false),
    ...versioned,
  },
  (table) => [
    uniqueIndex("checklist_answer_item_idx").on(table.checklistId, table.itemId),
    check("checklist_answer_check", sql`${table.answer} is null or ${table.answer} in ('yes','no','na')`),
  ],
);

/**
 * Documents an answer relies on: each a row of the documents table (issue 13), a real foreign key.
 */
export const checklistAnswerDocument = sqliteTable(
  "checklist_answer_document",
  {
    answerId: integer()
      .notNull()
      .references(() => checklistAnswer.id, { onDelete: "cascade" }),
    documentId: integer()
      .notNull()
      .references(() => document.id),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    primaryKey({ name: "checklist_answer_document_pk", columns: [table.answerId, table.documentId] }),
    index("checklist_answer_document_document_id_idx").on(table.documentId),
  ],
);

/**
 * The checklist's history, append-only (trigger): every completion freezes the answers it was
 * completed with, every review its note and the items it flagged.
 */
export const checklistEvent = sqliteTable(
  "checklist_event",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    checklistId: integer()
      .notNull()
      .references(() => checklist.id, { onDelete: "cascade" }),
    kind: text({ enum: checklistEventKinds }).notNull(),
    round: integer().notNull(),
    at: text().notNull(),
    byId: integer(),
    byName: text().notNull(),
    note: text().notNull().default(""),
    /** JSON: answers at completion, or the item ids flagged by a rejection. */
    detail: text().notNull().default("{}"),
  },
  (table) => [
    index("checklist_event_checklist_id_idx").on(table.checklistId, table.id),
    check("checklist_event_kind_check", sql`${table.kind} in ('created','completed','verified','rejected')`),
  ],
);
