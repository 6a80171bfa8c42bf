import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { documentKinds, documentRoles } from "../../app/domain/procurement/documents";
import { ledgerEntry } from "./finance";
import { milestone, workPackage } from "./plan";
import { procurementProcedure } from "./procurement";
import { programme } from "./programme";
import { indicatorMeasurement } from "./training";

/**
 * A stored file's metadata; the bytes live in the document store, addressed by their SHA-256.
 * Append-only (triggers): a replacement is a new row naming the one it replaces, so the chain of
 * versions is kept. Exactly one of the attached-to columns is set, each a real foreign key.
 * Documents are also read by issue 14's checklists and expense reports (rendiconti) by these keys.
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
    /**
     * Which evidence item of the milestone's EU milestone/target this satisfies ("M6C2-11#2"); the
     * items are derived from the catalogue's verification mechanism (app/domain/procurement/evidence.ts).
     */
    evidenceKey: text(),
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
    index("document_evidence_key_idx").on(table.evidenceKey).where(sql`${table.evidenceKey} is not null`),
    index("document_sha256_idx").on(table.sha256),
    // A version is replaced at most once: the chain is a line, never a fork.
    uniqueIndex("document_replaces_document_id_idx").on(table.replacesDocumentId).where(sql`${table.replacesDocumentId} is not null`),
    check(
      "document_one_target_check",
      sql`(${table.ledgerEntryId} is not null) + (${table.procedureId} is not null) + (${table.milestoneId} is not null) + (${table.workPackageId} is not null) + (${table.indicatorMeasurementId} is not null) = 1`,
    ),
    check("document_evidence_key_check", sql`${table.evidenceKey} is null or ${table.milestoneId} is not null`),
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
