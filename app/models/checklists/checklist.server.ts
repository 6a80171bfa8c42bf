import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { checklist, checklistAnswer, checklistAnswerDocument, checklistEvent, checklistTemplate, checklistTemplateItem, document } from "#db/schema";
import { answersEditable, completionIssues, normaliseSubjectKey, reviewRefusal } from "~/domain/checklists/rules";
import type { ChecklistAnswer, ChecklistState, ChecklistSubjectType } from "~/domain/checklists/values";
import type { Message } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, entity, insertAudited, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { latestTemplate } from "./template.server";

export type Checklist = typeof checklist.$inferSelect;
export type ChecklistEventRow = typeof checklistEvent.$inferSelect;

/**
 * A rule that forbids this user this action whatever their role allows: the reviewer who completed
 * the checklist (four eyes). Routes answer 403 with the message, not a bare "Forbidden".
 */
export class RuleForbiddenError extends Error {
  constructor(public reason: Message) {
    super(`Forbidden: ${reason.key}`);
  }
}

const checklistEntity = entity("checklist", checklist, (row) => `${row.templateCode} ${row.subjectKey}`);
const answerEntity = entity("checklist_answer", checklistAnswer, (row) => `checklist ${row.checklistId} item ${row.itemId}`);

// ---------------------------------------------------------------- reads

export interface ChecklistFilters {
  state?: ChecklistState;
  templateCode?: string;
  subjectKey?: string;
}

export function listChecklists(actor: Actor, programmeId: number, filters: ChecklistFilters = {}) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const rows = db
    .select({
      id: checklist.id,
      templateCode: checklist.templateCode,
      templateVersion: checklistTemplate.version,
      title: checklistTemplate.title,
      titleEn: checklistTemplate.titleEn,
      subjectType: checklist.subjectType,
      subjectKey: checklist.subjectKey,
      subjectLabel: checklist.subjectLabel,
      state: checklist.state,
      round: checklist.round,
      completedByName: checklist.completedByName,
      completedAt: checklist.completedAt,
      reviewedByName: checklist.reviewedByName,
      reviewedAt: checklist.reviewedAt,
      updatedAt: checklist.updatedAt,
      answered: sql<number>`(select count(*) from checklist_answer a where a.checklist_id = "checklist"."id" and a.answer is not null)`,
      items: sql<number>`(select count(*) from checklist_answer a where a.checklist_id = "checklist"."id")`,
    })
    .from(checklist)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklist.templateId))
    .where(
      and(
        eq(checklist.programmeId, programmeId),
        filters.state ? eq(checklist.state, filters.state) : undefined,
        filters.templateCode ? eq(checklist.templateCode, filters.templateCode) : undefined,
        filters.subjectKey ? eq(checklist.subjectKey, filters.subjectKey) : undefined,
      ),
    )
    .orderBy(asc(checklist.subjectType), asc(checklist.subjectKey), asc(checklist.templateCode))
    .all();
  return rows;
}

/** Counts per state, for the list header and the monthly pre-check. */
export function countChecklistsByState(conn: Conn, programmeId: number) {
  const rows = conn
    .select({ state: checklist.state, n: sql<number>`count(*)` })
    .from(checklist)
    .where(eq(checklist.programmeId, programmeId))
    .groupBy(checklist.state)
    .all();
  const counts: Record<ChecklistState, number> = { draft: 0, completed: 0, verified: 0, rejected: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

export function getChecklist(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const row = db.select().from(checklist).where(eq(checklist.id, id)).get();
  if (!row) throw new NotFoundError("checklist", id);
  const template = db.select().from(checklistTemplate).where(eq(checklistTemplate.id, row.templateId)).get()!;
  const items = db.select().from(checklistTemplateItem).where(eq(checklistTemplateItem.templateId, template.id)).orderBy(asc(checklistTemplateItem.position)).all();
  const answers = db.select().from(checklistAnswer).where(eq(checklistAnswer.checklistId, id)).all();
  const documents = answers.length
    ? db
        .select({ answerId: checklistAnswerDocument.answerId, documentId: checklistAnswerDocument.documentId })
        .from(checklistAnswerDocument)
        .where(inArray(checklistAnswerDocument.answerId, answers.map((a) => a.id)))
        .orderBy(asc(checklistAnswerDocument.documentId))
        .all()
    : [];
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const events = db.select().from(checklistEvent).where(eq(checklistEvent.checklistId, id)).orderBy(desc(checklistEvent.id)).all();
  const latest = latestTemplate(db, template.code);
  return {
    checklist: row,
    template,
    newerTemplateVersion: latest && latest.version > template.version ? latest.version : null,
    items: items.map((item) => {
      const answer = byItem.get(item.id)!;
      return {
        ...item,
        answerId: answer.id,
        answer: answer.answer,
        note: answer.note,
        needsFix: answer.needsFix,
        documentIds: documents.filter((d) => d.answerId === answer.id).map((d) => d.documentId),
      };
    }),
    events: events.map((event) => ({ ...event, detail: JSON.parse(event.detail) as EventDetail })),
  };
}

export type EventDetail = {
  answers?: { position: number; answer: ChecklistAnswer | null; note: string; documentIds: number[] }[];
  flaggedPositions?: number[];
};

// ---------------------------------------------------------------- writes

function addEvent(tx: Conn, actor: Actor, row: Checklist, kind: ChecklistEventRow["kind"], round: number, note: string, detail: EventDetail = {}) {
  tx.insert(checklistEvent)
    .values({ checklistId: row.id, kind, round, at: nowIso(), byId: actor.id || null, byName: actor.name, note, detail: JSON.stringify(detail) })
    .run();
}

export interface CreateChecklistInput {
  templateCode: string;
  subjectKey: string;
  subjectLabel?: string;
}

/** Starts a checklist on the template's latest version, with every item unanswered. */
export function createChecklist(actor: Actor, programmeId: number, input: CreateChecklistInput) {
  return command(actor, "update:checklist", (tx) => {
    const template = latestTemplate(tx, input.templateCode);
    if (!template) throw ValidationError.field("templateCode", "checklist.error.template");
    const subjectKey = normaliseSubjectKey(template.subjectType, input.subjectKey);
    if (!subjectKey) throw ValidationError.field("subjectKey", `checklist.error.subjectKey.${template.subjectType}`);
    const clash = tx
      .select({ id: checklist.id })
      .from(checklist)
      .where(and(eq(checklist.programmeId, programmeId), eq(checklist.templateCode, template.code), eq(checklist.subjectType, template.subjectType), eq(checklist.subjectKey, subjectKey)))
      .get();
    if (clash) throw ValidationError.field("subjectKey", "checklist.error.duplicate", { id: clash.id });
    const created = insertAudited(tx, actor, checklistEntity, {
      programmeId,
      templateId: template.id,
      templateCode: template.code,
      subjectType: template.subjectType,
      subjectKey,
      subjectLabel: (input.subjectLabel ?? "").trim().slice(0, 200),
      state: "draft",
      createdById: actor.id || null,
    }, { extraAudit: { templateVersion: template.version } });
    const items = tx.select({ id: checklistTemplateItem.id }).from(checklistTemplateItem).where(eq(checklistTemplateItem.templateId, template.id)).all();
    const now = nowIso();
    if (items.length)
      tx.insert(checklistAnswer)
        .values(items.map((item) => ({ checklistId: created.id, itemId: item.id, answer: null, note: "", createdAt: now, updatedAt: now, updatedById: actor.id || null })))
        .run();
    addEvent(tx, actor, created, "created", 0, "", {});
    return created;
  });
}

export interface AnswerInput {
  itemId: number;
  answer: ChecklistAnswer | null;
  note: string;
  documentIds: number[];
}

function bumpChecklist(tx: Conn, actor: Actor, row: Checklist, fields: Partial<Checklist>, extraAudit?: Record<string, unknown>) {
  return updateVersioned(tx, actor, checklistEntity, row, fields, { force: true, extraAudit });
}

/** Saves answers (draft or rejected only). Each changed answer gets its own audit record. */
export function saveAnswers(actor: Actor, input: { id: number; version: number; answers: AnswerInput[] }) {
  return command(actor, "update:checklist", (tx) => saveAnswersIn(tx, actor, input));
}

function saveAnswersIn(tx: Conn, actor: Actor, input: { id: number; version: number; answers: AnswerInput[] }) {
  const row = loadVersioned(tx, checklistEntity, input.id, input.version);
  if (!answersEditable(row.state)) throw ValidationError.field(null, "checklist.error.notEditable");
  const answers = tx.select().from(checklistAnswer).where(eq(checklistAnswer.checklistId, row.id)).all();
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const issues: FieldIssue[] = [];
  let changed = 0;
  for (const given of input.answers) {
    const current = byItem.get(given.itemId);
    if (!current) {
      issues.push({ field: `answer-${given.itemId}`, message: { key: "checklist.error.unknownItem" } });
      continue;
    }
    const note = given.note.trim();
    if (note.length > 2000) issues.push({ field: `note-${given.itemId}`, message: { key: "validation.tooLong", params: { max: 2000 } } });
    const documentIds = [...new Set(given.documentIds)].sort((a, b) => a - b);
    if (documentIds.some((d) => !Number.isInteger(d) || d <= 0)) issues.push({ field: `documents-${given.itemId}`, message: { key: "checklist.error.documentIds" } });
    // A real foreign key since the documents table exists: an id not among the programme's documents is the client's mistake (400).
    else if (documentIds.length && tx.select({ id: document.id }).from(document).where(and(inArray(document.id, documentIds), eq(document.programmeId, row.programmeId))).all().length !== documentIds.length)
      issues.push({ field: `documents-${given.itemId}`, message: { key: "checklist.error.documentUnknown" } });
    if (issues.length) continue;
    const before = tx.select({ documentId: checklistAnswerDocument.documentId }).from(checklistAnswerDocument).where(eq(checklistAnswerDocument.answerId, current.id)).orderBy(asc(checklistAnswerDocument.documentId)).all().map((d) => d.documentId);
    const docsChanged = before.join(",") !== documentIds.join(",");
    if (docsChanged) {
      tx.delete(checklistAnswerDocument).where(eq(checklistAnswerDocument.answerId, current.id)).run();
      if (documentIds.length)
        tx.insert(checklistAnswerDocument).values(documentIds.map((documentId) => ({ answerId: current.id, documentId, createdAt: nowIso(), createdById: actor.id || null }))).run();
    }
    const updated = updateVersioned(tx, actor, answerEntity, current, { answer: given.answer, note }, {
      force: docsChanged,
      extraAudit: docsChanged ? { documentIdsBefore: before, documentIds } : undefined,
    });
    if (updated !== current) changed++;
  }
  if (issues.length) throw new ValidationError(issues);
  const fresh = changed ? bumpChecklist(tx, actor, row, {}, { answersChanged: changed }) : row;
  return { checklist: fresh, changed };
}

/**
 * Completes it: every item answered, every "no" explained. Freezes the answers in the history
 * (a new completion after a rejection keeps the earlier one) and clears the reviewer's flags.
 */
export function completeChecklist(actor: Actor, input: { id: number; version: number; answers?: AnswerInput[] }) {
  return command(actor, "update:checklist", (tx) => {
    let row = loadVersioned(tx, checklistEntity, input.id, input.version);
    if (input.answers?.length) row = saveAnswersIn(tx, actor, input as { id: number; version: number; answers: AnswerInput[] }).checklist;
    if (!answersEditable(row.state)) throw ValidationError.field(null, "checklist.error.notEditable");
    const answers = tx
      .select({ id: checklistAnswer.id, itemId: checklistAnswer.itemId, answer: checklistAnswer.answer, note: checklistAnswer.note, position: checklistTemplateItem.position })
      .from(checklistAnswer)
      .innerJoin(checklistTemplateItem, eq(checklistTemplateItem.id, checklistAnswer.itemId))
      .where(eq(checklistAnswer.checklistId, row.id))
      .all();
    const issues = completionIssues(answers);
    if (issues.length)
      throw new ValidationError(
        issues.map((issue) => ({
          field: `${issue.reason === "unanswered" ? "answer" : "note"}-${issue.itemId}`,
          message: { key: issue.reason === "unanswered" ? "checklist.error.unanswered" : "checklist.error.noteForNo", params: { n: issue.position } },
        })),
      );
    const documents = tx
      .select({ answerId: checklistAnswerDocument.answerId, documentId: checklistAnswerDocument.documentId })
      .from(checklistAnswerDocument)
      .innerJoin(checklistAnswer, eq(checklistAnswer.id, checklistAnswerDocument.answerId))
      .where(eq(checklistAnswer.checklistId, row.id))
      .all();
    tx.update(checklistAnswer).set({ needsFix: false }).where(eq(checklistAnswer.checklistId, row.id)).run();
    const round = row.round + 1;
    const now = nowIso();
    const updated = bumpChecklist(tx, actor, row, {
      state: "completed",
      round,
      completedById: actor.id || null,
      completedByName: actor.name,
      completedAt: now,
      reviewedById: null,
      reviewedByName: null,
      reviewedAt: null,
      reviewNote: "",
    });
    addEvent(tx, actor, updated, "completed", round, "", {
      answers: answers
        .sort((a, b) => a.position - b.position)
        .map((a) => ({ position: a.position, answer: a.answer, note: a.note, documentIds: documents.filter((d) => d.answerId === a.id).map((d) => d.documentId) })),
    });
    return updated;
  });
}

export interface ReviewInput {
  id: number;
  version: number;
  outcome: "verified" | "rejected";
  note: string;
  /** Items the reviewer wants fixed (rejections). */
  flaggedItemIds: number[];
}

/**
 * The second pair of eyes: verifies or rejects a completed checklist. Whoever completed it may
 * not review it, whatever their role (403 with a message); a rejection says why and which items.
 */
export function reviewChecklist(actor: Actor, input: ReviewInput) {
  return command(actor, "verify:checklist", (tx) => {
    const row = loadVersioned(tx, checklistEntity, input.id, input.version);
    const refusal = reviewRefusal(row, actor.id);
    if (refusal === "fourEyes") throw new RuleForbiddenError({ key: "checklist.error.fourEyes", params: { name: row.completedByName ?? "—" } });
    if (refusal === "notCompleted") throw ValidationError.field(null, "checklist.error.notCompleted");
    const note = input.note.trim();
    if (input.outcome === "rejected" && !note) throw ValidationError.field("note", "checklist.error.rejectNote");
    if (note.length > 2000) throw ValidationError.field("note", "validation.tooLong", { max: 2000 });
    const answers = tx
      .select({ id: checklistAnswer.id, itemId: checklistAnswer.itemId, position: checklistTemplateItem.position })
      .from(checklistAnswer)
      .innerJoin(checklistTemplateItem, eq(checklistTemplateItem.id, checklistAnswer.itemId))
      .where(eq(checklistAnswer.checklistId, row.id))
      .all();
    const flagged = input.outcome === "rejected" ? answers.filter((a) => input.flaggedItemIds.includes(a.itemId)) : [];
    if (flagged.length) tx.update(checklistAnswer).set({ needsFix: true }).where(inArray(checklistAnswer.id, flagged.map((a) => a.id))).run();
    const updated = bumpChecklist(
      tx,
      actor,
      row,
      { state: input.outcome, reviewedById: actor.id || null, reviewedByName: actor.name, reviewedAt: nowIso(), reviewNote: note },
      flagged.length ? { flaggedPositions: flagged.map((a) => a.position) } : undefined,
    );
    addEvent(tx, actor, updated, input.outcome, row.round, note, { flaggedPositions: flagged.map((a) => a.position).sort((a, b) => a - b) });
    return updated;
  });
}

/** For the monthly close: every checklist not (yet) verified, whatever month it was started in. */
export function listUnverifiedChecklists(conn: Conn, programmeId: number) {
  return conn
    .select({ id: checklist.id, templateCode: checklist.templateCode, subjectKey: checklist.subjectKey, subjectLabel: checklist.subjectLabel, state: checklist.state, title: checklistTemplate.title })
    .from(checklist)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklist.templateId))
    .where(and(eq(checklist.programmeId, programmeId), sql`${checklist.state} <> 'verified'`))
    .orderBy(asc(checklist.id))
    .all();
}
