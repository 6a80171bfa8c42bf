import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documentKinds, documentRoles } from "../../app/domain/procurement/documents";
import { versioned } from "./columns";
import { ledgerEntry } from "./finance";
import { milestone, workPackage } from "./plan";
import { procurementProcedure } from "./procurement";
import { programme } from "./programme";
import { indicatorMeasurement, pnrrCatalogueItem } from "./training";

/**
 * One evidence item an EU milestone or target needs, read from its verification mechanism
 * (e.g. M6C2-11: "relazione sulla formazione dei MMG"). Satisfied by documents attached to it.
 */
export const evidenceItem = sqliteTable(
  "evidence_item",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    catalogueItemId: integer()
      .notNull()
      .references(() => pnrrCatalogueItem.id),
    code: text().notNull(),
    title: text().notNull(),
    sortOrder: integer().notNull().default(0),
    ...versioned,
  },
  (table) => [
    uniqueIndex("evidence_item_programme_code_idx").on(table.programmeId, table.code),
    index("evidence_item_catalogue_item_id_idx").on(table.catalogueItemId),
  ],
);

/**
 * A stored file's metadata; the bytes live in the document store, addressed by their SHA-256.
 * Append-only (triggers): a replacement is a new row naming the one it replaces, so the chain of
 * versions is kept. Exactly one of the attached-to columns is set, each a real foreign key.
 */
export const document = sqliteTable(
  "document",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    name: text().notNull(),
    kind: text({ enum: documentKinds }).notNull(),
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    role: text({ enum: documentRoles }).notNull(),
    ledgerEntryId: integer().references(() => ledgerEntry.id),
    procedureId: integer().references(() => procurementProcedure.id),
    milestoneId: integer().references(() => milestone.id),
    workPackageId: integer().references(() => workPackage.id),
    indicatorMeasurementId: integer().references(() => indicatorMeasurement.id),
    evidenceItemId: integer().references(() => evidenceItem.id),
    replacesDocumentId: integer().references((): any => document.id),
    note: text().notNull().default(""),
    uploadedById: integer(),
    uploadedByName: text().notNull(),
    uploadedAt: text().notNull(),
  },
  (table) => [
    index("document_ledger_entry_id_idx").on(table.ledgerEntryId).where(sql`${table.ledgerEntryId} is not null`),
    index("document_procedure_id_idx").on(table.procedureId).where(sql`${table.procedureId} is not null`),
    index("document_milestone_id_idx").on(table.milestoneId).where(sql`${table.milestoneId} is not null`),
    index("document_work_package_id_idx").on(table.workPackageId).where(sql`${table.workPackageId} is not null`),
    index("document_evidence_item_id_idx").on(table.evidenceItemId).where(sql`${table.evidenceItemId} is not null`),
    index("document_sha256_idx").on(table.sha256),
    // A version is replaced at most once: the chain is a line, never a fork.
    uniqueIndex("document_replaces_document_id_idx").on(table.replacesDocumentId).where(sql`${table.replacesDocumentId} is not null`),
    check(
      "document_one_target_check",
      sql`(${table.ledgerEntryId} is not null) + (${table.procedureId} is not null) + (${table.milestoneId} is not null) + (${table.workPackageId} is not null) + (${table.indicatorMeasurementId} is not null) + (${table.evidenceItemId} is not null) = 1`,
    ),
    check("document_sha256_check", sql`length(${table.sha256}) = 64`),
    check("document_size_check", sql`${table.sizeBytes} > 0`),
  ],
);

/** A second person's check of an evidence document (four eyes: never its uploader). Append-only. */
export const documentVerification = sqliteTable(
  "document_verification",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    documentId: integer()
      .notNull()
      .references(() => document.id),
    verifiedById: integer().notNull(),
    verifiedByName: text().notNull(),
    verifiedAt: text().notNull(),
    note: text().notNull().default(""),
  },
  (table) => [uniqueIndex("document_verification_document_id_idx").on(table.documentId)],
);
