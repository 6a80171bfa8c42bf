import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { indicator, milestone, milestoneCatalogueLink, pnrrCatalogueItem, programme, workPackage } from "#db/schema";
import { CatalogueFormatError, readCatalogue, type CatalogueItem } from "~/domain/indicators/pnrr-catalogue";
import { CsvFormatError } from "~/domain/core/italian-csv";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { auditView } from "~/models/audit/audit.server";
import { command, entity, insertAudited, updateVersioned, type AuditAppender } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { ImportRowsError, NotFoundError, ValidationError } from "~/models/core/errors.server";
import { indicatorEntity } from "./indicator.server";

export type PnrrCatalogueItem = typeof pnrrCatalogueItem.$inferSelect;

const label = (row: { code: string; name: string }) => `${row.code} ${row.name.slice(0, 80)}`;
const catalogueItemEntity = entity("pnrr_catalogue_item", pnrrCatalogueItem, label);

function rowOf(item: CatalogueItem) {
  const { line, ...fields } = item;
  return fields;
}

/**
 * Loads the programme's measure from the national M&T catalogue file. All or nothing: a
 * malformed row of the measure refuses the file. Items are matched by code: new ones are
 * added, changed ones updated (version + 1), each change audited. Programme milestones and
 * indicators carrying the same EU code, and not yet linked, are linked to the item.
 */
export function importCatalogue(actor: Actor, programmeId: number, input: { fileName: string; text: string }) {
  return command(actor, "update:training", (tx, audit) => {
    const prog = tx.select().from(programme).where(eq(programme.id, programmeId)).get();
    if (!prog) throw new NotFoundError("programme", programmeId);
    let parsed: ReturnType<typeof readCatalogue>;
    try {
      parsed = readCatalogue(input.text, prog.measureCode);
    } catch (error) {
      if (error instanceof CatalogueFormatError)
        throw ValidationError.field("file", "training.catalogue.validation.notCatalogue", { columns: error.missingColumns.join(", ") });
      if (error instanceof CsvFormatError) throw new ImportRowsError([{ row: error.line ?? 1, column: null, message: { key: "training.csv.syntax" } }]);
      throw error;
    }
    if (parsed.problems.length)
      throw new ImportRowsError(parsed.problems.map((p) => ({ row: p.line, column: p.column, message: { key: "training.csv.catalogueValue", params: { value: p.value } } })));
    if (parsed.items.length === 0) throw ValidationError.field("file", "training.catalogue.validation.noItems", { measure: prog.measureCode });

    const now = nowIso();
    const report = { measureCode: prog.measureCode, totalRows: parsed.totalRows, created: 0, updated: 0, unchanged: 0, linked: 0 };
    for (const item of parsed.items) {
      const fields = rowOf(item);
      const current = tx.select().from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.code, item.code)).get();
      let saved: PnrrCatalogueItem;
      if (!current) {
        saved = insertAudited(tx, actor, catalogueItemEntity, { ...fields, importedAt: now, createdAt: now, updatedAt: now }, { extraAudit: { file: input.fileName } });
        report.created++;
      } else {
        saved = updateVersioned(tx, actor, catalogueItemEntity, current, fields, { alsoWrite: { importedAt: now }, extraAudit: { file: input.fileName } });
        if (saved === current) report.unchanged++;
        else report.updated++;
      }
      // Link what already names this item by its EU code.
      const milestones = tx
        .select({ id: milestone.id, code: milestone.code })
        .from(milestone)
        .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
        .where(and(eq(workPackage.programmeId, programmeId), eq(milestone.euCode, item.code)))
        .all();
      for (const m of milestones) {
        const exists = tx
          .select({ id: milestoneCatalogueLink.id })
          .from(milestoneCatalogueLink)
          .where(and(eq(milestoneCatalogueLink.milestoneId, m.id), eq(milestoneCatalogueLink.catalogueItemId, saved.id)))
          .get();
        if (exists) continue;
        insertLink(tx, audit, actor, { milestoneId: m.id, milestoneCode: m.code, item: saved });
        report.linked++;
      }
      const indicators = tx
        .select()
        .from(indicator)
        .where(and(eq(indicator.programmeId, programmeId), eq(indicator.euCode, item.code), isNull(indicator.catalogueItemId)))
        .all();
      for (const ind of indicators) {
        updateVersioned(tx, actor, indicatorEntity, ind, { catalogueItemId: saved.id });
        report.linked++;
      }
    }
    return report;
  });
}

/** A link is created or deleted, never edited: no version, a plain insert with its audit record. */
function insertLink(tx: Conn, audit: AuditAppender, actor: Actor, input: { milestoneId: number; milestoneCode: string; item: { id: number; code: string } }) {
  const link = tx
    .insert(milestoneCatalogueLink)
    .values({ milestoneId: input.milestoneId, catalogueItemId: input.item.id, createdAt: nowIso(), createdById: actor.id || null })
    .returning()
    .get();
  audit({ action: "create", entityType: "milestone_catalogue_link", entityId: link.id, entityLabel: `${input.milestoneCode} → ${input.item.code}`, after: auditView(link) });
  return link;
}

/** The programme measure's catalogue items, with the milestones and indicators linked to each. */
export function listCatalogueItems(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const prog = db.select().from(programme).where(eq(programme.id, programmeId)).get();
  if (!prog) throw new NotFoundError("programme", programmeId);
  const items = db.select().from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.measureCode, prog.measureCode)).orderBy(asc(pnrrCatalogueItem.year), asc(pnrrCatalogueItem.quarter), asc(pnrrCatalogueItem.code)).all();
  const ids = items.map((i) => i.id);
  const milestoneLinks = ids.length
    ? db
        .select({ linkId: milestoneCatalogueLink.id, catalogueItemId: milestoneCatalogueLink.catalogueItemId, milestoneId: milestone.id, code: milestone.code, title: milestone.title, dueDate: milestone.dueDate, workPackageId: milestone.workPackageId })
        .from(milestoneCatalogueLink)
        .innerJoin(milestone, eq(milestone.id, milestoneCatalogueLink.milestoneId))
        .where(inArray(milestoneCatalogueLink.catalogueItemId, ids))
        .all()
    : [];
  const indicators = ids.length
    ? db.select({ id: indicator.id, code: indicator.code, name: indicator.name, catalogueItemId: indicator.catalogueItemId }).from(indicator).where(inArray(indicator.catalogueItemId, ids)).all()
    : [];
  const programmeMilestones = db
    .select({ id: milestone.id, code: milestone.code, title: milestone.title })
    .from(milestone)
    .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
    .where(eq(workPackage.programmeId, programmeId))
    .orderBy(asc(milestone.dueDate))
    .all();
  return {
    measureCode: prog.measureCode,
    items: items.map((item) => ({
      ...item,
      milestones: milestoneLinks.filter((l) => l.catalogueItemId === item.id),
      indicators: indicators.filter((i) => i.catalogueItemId === item.id),
    })),
    programmeMilestones,
  };
}

export function linkMilestoneToCatalogue(actor: Actor, programmeId: number, catalogueItemId: number, milestoneId: number) {
  return command(actor, "update:training", (tx, audit) => {
    const item = tx.select().from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.id, catalogueItemId)).get();
    if (!item) throw ValidationError.field("catalogueItemId", "validation.unknownId", { id: catalogueItemId });
    const m = tx
      .select({ id: milestone.id, code: milestone.code })
      .from(milestone)
      .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
      .where(and(eq(milestone.id, milestoneId), eq(workPackage.programmeId, programmeId)))
      .get();
    if (!m) throw ValidationError.field("milestoneId", "validation.unknownId", { id: milestoneId });
    const exists = tx
      .select({ id: milestoneCatalogueLink.id })
      .from(milestoneCatalogueLink)
      .where(and(eq(milestoneCatalogueLink.milestoneId, milestoneId), eq(milestoneCatalogueLink.catalogueItemId, catalogueItemId)))
      .get();
    if (exists) throw ValidationError.field("milestoneId", "training.catalogue.validation.alreadyLinked", { code: m.code });
    return insertLink(tx, audit, actor, { milestoneId, milestoneCode: m.code, item });
  });
}

export function unlinkMilestoneFromCatalogue(actor: Actor, linkId: number) {
  command(actor, "update:training", (tx, audit) => {
    const link = tx.select().from(milestoneCatalogueLink).where(eq(milestoneCatalogueLink.id, linkId)).get();
    if (!link) throw new NotFoundError("milestone_catalogue_link", linkId);
    tx.delete(milestoneCatalogueLink).where(eq(milestoneCatalogueLink.id, linkId)).run();
    audit({ action: "delete", entityType: "milestone_catalogue_link", entityId: linkId, before: auditView(link) });
  });
}

/** One catalogue item by its code (e.g. M6C2-11), or null when the catalogue is not imported yet. */
export function findCatalogueItem(actor: Actor, code: string) {
  requirePermission(actor, "read:programme");
  return getDb().select().from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.code, code)).get() ?? null;
}

/** Catalogue items to choose from in the indicator form. */
export function listCatalogueOptions(actor: Actor, programmeId: number) {
  return listCatalogueItems(actor, programmeId).items.map((i) => ({ id: i.id, code: i.code, name: i.name, scope: i.scope }));
}
