import { and, asc, desc, eq, sql } from "drizzle-orm";
import { checklist, checklistTemplate, checklistTemplateItem } from "#db/schema";
import type { ChecklistSubjectType } from "~/domain/checklists/values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";

export type ChecklistTemplate = typeof checklistTemplate.$inferSelect;

/**
 * Checklist templates are data, versioned: an admin's edit adds version n + 1 (triggers refuse any
 * UPDATE of a version), new checklists start on the latest, started ones keep theirs.
 */
export function latestTemplate(conn: Conn, code: string): ChecklistTemplate | undefined {
  return conn.select().from(checklistTemplate).where(eq(checklistTemplate.code, code)).orderBy(desc(checklistTemplate.version)).limit(1).get();
}

/** The latest version of every template, with its item count and how many checklists use it. */
export function listTemplates(actor: Actor) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const rows = db
    .select({
      id: checklistTemplate.id,
      code: checklistTemplate.code,
      version: checklistTemplate.version,
      subjectType: checklistTemplate.subjectType,
      title: checklistTemplate.title,
      titleEn: checklistTemplate.titleEn,
      reference: checklistTemplate.reference,
      createdAt: checklistTemplate.createdAt,
      createdByName: checklistTemplate.createdByName,
      itemCount: sql<number>`(select count(*) from checklist_template_item i where i.template_id = "checklist_template"."id")`,
      checklistCount: sql<number>`(select count(*) from checklist c where c.template_code = "checklist_template"."code")`,
    })
    .from(checklistTemplate)
    .where(sql`"checklist_template"."version" = (select max(t.version) from checklist_template t where t.code = "checklist_template"."code")`)
    .orderBy(asc(checklistTemplate.id))
    .all();
  return rows;
}

export function getTemplate(actor: Actor, code: string, version?: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const template = version
    ? db.select().from(checklistTemplate).where(and(eq(checklistTemplate.code, code), eq(checklistTemplate.version, version))).get()
    : latestTemplate(db, code);
  if (!template) throw new NotFoundError("checklist_template", code);
  const items = db.select().from(checklistTemplateItem).where(eq(checklistTemplateItem.templateId, template.id)).orderBy(asc(checklistTemplateItem.position)).all();
  const versions = db
    .select({
      version: checklistTemplate.version,
      createdAt: checklistTemplate.createdAt,
      createdByName: checklistTemplate.createdByName,
      changeNote: checklistTemplate.changeNote,
      checklistCount: sql<number>`(select count(*) from checklist c where c.template_id = "checklist_template"."id")`,
    })
    .from(checklistTemplate)
    .where(eq(checklistTemplate.code, code))
    .orderBy(desc(checklistTemplate.version))
    .all();
  return { template, items, versions };
}

export interface TemplateInput {
  code: string;
  subjectType: ChecklistSubjectType;
  title: string;
  titleEn: string;
  reference: string;
  changeNote: string;
  items: { section: string; question: string; guidance: string }[];
}

/** Writes one template version and its items (used by the admin's edit and the seed). */
export function insertTemplateVersion(tx: Conn, actor: Actor, input: TemplateInput, version: number) {
  const created = tx
    .insert(checklistTemplate)
    .values({
      code: input.code,
      version,
      subjectType: input.subjectType,
      title: input.title,
      titleEn: input.titleEn,
      reference: input.reference,
      changeNote: input.changeNote,
      createdAt: nowIso(),
      createdById: actor.id || null,
      createdByName: actor.name,
    })
    .returning()
    .get();
  tx.insert(checklistTemplateItem)
    .values(input.items.map((item, index) => ({ templateId: created.id, position: index + 1, section: item.section, question: item.question, guidance: item.guidance })))
    .run();
  return created;
}

function checkTemplate(input: TemplateInput) {
  const issues: FieldIssue[] = [];
  if (!input.title.trim()) issues.push({ field: "title", message: { key: "validation.required" } });
  if (!input.titleEn.trim()) issues.push({ field: "titleEn", message: { key: "validation.required" } });
  if (!input.reference.trim()) issues.push({ field: "reference", message: { key: "validation.required" } });
  if (input.items.length === 0) issues.push({ field: "items", message: { key: "checklist.error.noItems" } });
  if (input.items.length > 100) issues.push({ field: "items", message: { key: "checklist.error.tooManyItems", params: { max: 100 } } });
  if (issues.length) throw new ValidationError(issues);
}

/**
 * The admin's edit: a new version of the template, based on the version the form was opened on
 * (a stale one gets a conflict naming who added the newer version). Existing checklists keep theirs.
 */
export function reviseTemplate(actor: Actor, input: Omit<TemplateInput, "subjectType"> & { basedOnVersion: number }) {
  return command(actor, "manage:checklist-templates", (tx, audit) => {
    const current = latestTemplate(tx, input.code);
    if (!current) throw new NotFoundError("checklist_template", input.code);
    if (current.version !== input.basedOnVersion) throw new ConflictError("checklist_template", current.id, current.createdByName, current.createdAt);
    checkTemplate({ ...input, subjectType: current.subjectType });
    const created = insertTemplateVersion(tx, actor, { ...input, subjectType: current.subjectType, title: input.title.trim(), titleEn: input.titleEn.trim(), reference: input.reference.trim(), changeNote: input.changeNote.trim() }, current.version + 1);
    audit({
      action: "create",
      entityType: "checklist_template",
      entityId: created.id,
      entityLabel: `${created.code} v${created.version}`,
      after: { code: created.code, version: created.version, title: created.title, itemCount: input.items.length, changeNote: created.changeNote, previousVersion: current.version },
    });
    const inUse = tx.select({ n: sql<number>`count(*)` }).from(checklist).where(eq(checklist.templateId, current.id)).get();
    return { template: created, previousInUse: Number(inUse?.n ?? 0) };
  });
}
