import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { catalogueKinds, catalogueScopes, deliveryModes, indicatorUnits, professionalGroups } from "../../app/domain/training/training-values";
import { versioned } from "./columns";
import { milestone, workPackage } from "./plan";
import { programme } from "./programme";

/** The 14 aziende sanitarie of Emilia-Romagna (DOMAIN.md); reference data, seeded. */
export const healthAuthority = sqliteTable("health_authority", {
  id: integer().primaryKey({ autoIncrement: true }),
  code: text().notNull().unique(),
  name: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const trainingWave = sqliteTable(
  "training_wave",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    workPackageId: integer()
      .notNull()
      .references(() => workPackage.id),
    code: text().notNull(),
    title: text().notNull(),
    professionalGroup: text({ enum: professionalGroups }).notNull(),
    healthAuthorityId: integer()
      .notNull()
      .references(() => healthAuthority.id),
    deliveryMode: text({ enum: deliveryModes }).notNull(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    targetHeadcount: integer().notNull(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("training_wave_programme_code_idx").on(table.programmeId, table.code),
    index("training_wave_work_package_id_idx").on(table.workPackageId),
    index("training_wave_health_authority_id_idx").on(table.healthAuthorityId),
    check("training_wave_dates_check", sql`${table.endDate} >= ${table.startDate}`),
    check("training_wave_target_check", sql`${table.targetHeadcount} > 0`),
  ],
);

export const trainingSession = sqliteTable(
  "training_session",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    waveId: integer()
      .notNull()
      .references(() => trainingWave.id, { onDelete: "cascade" }),
    date: text().notNull(),
    capacity: integer().notNull(),
    location: text().notNull().default(""),
    ...versioned,
  },
  (table) => [
    index("training_session_wave_id_idx").on(table.waveId),
    check("training_session_capacity_check", sql`${table.capacity} > 0`),
  ],
);

/** One uploaded completions file; its hash makes a second upload of the same bytes detectable. */
export const trainingImportBatch = sqliteTable(
  "training_import_batch",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    healthAuthorityId: integer()
      .notNull()
      .references(() => healthAuthority.id),
    fileName: text().notNull(),
    fileHash: text().notNull(),
    rowCount: integer().notNull(),
    totalCount: integer().notNull(),
    importedAt: text().notNull(),
    importedById: integer(),
  },
  (table) => [
    uniqueIndex("training_import_batch_file_hash_idx").on(table.programmeId, table.fileHash),
    index("training_import_batch_health_authority_id_idx").on(table.healthAuthorityId),
  ],
);

/**
 * People trained, recorded like a ledger: rows are only ever added (triggers forbid UPDATE and
 * DELETE); a mistake is corrected with a negative row.
 */
export const trainingCompletion = sqliteTable(
  "training_completion",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    waveId: integer()
      .notNull()
      .references(() => trainingWave.id),
    date: text().notNull(),
    count: integer().notNull(),
    source: text({ enum: ["manual", "csv", "seed"] }).notNull(),
    note: text().notNull().default(""),
    importBatchId: integer().references(() => trainingImportBatch.id),
    /** sha256 of the imported row's normalised content; null for manual entries. */
    fingerprint: text(),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    index("training_completion_wave_id_idx").on(table.waveId, table.date),
    index("training_completion_import_batch_id_idx").on(table.importBatchId),
    uniqueIndex("training_completion_fingerprint_idx").on(table.fingerprint),
    check("training_completion_count_check", sql`${table.count} <> 0`),
  ],
);

/** One row of the national PNRR milestones and targets catalogue (Italia Domani). */
export const pnrrCatalogueItem = sqliteTable(
  "pnrr_catalogue_item",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    code: text().notNull().unique(),
    kind: text({ enum: catalogueKinds }).notNull(),
    scope: text({ enum: catalogueScopes }).notNull(),
    measureCode: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    qualitativeIndicator: text(),
    unit: text(),
    baseline: text(),
    targetValue: text(),
    quarter: integer().notNull(),
    year: integer().notNull(),
    verificationMechanism: text(),
    furtherInfo: text(),
    importedAt: text().notNull(),
    ...versioned,
  },
  (table) => [index("pnrr_catalogue_item_measure_code_idx").on(table.measureCode)],
);

export const indicator = sqliteTable(
  "indicator",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    unit: text({ enum: indicatorUnits }).notNull(),
    baseline: real().notNull(),
    baselineDate: text().notNull(),
    targetValue: real().notNull(),
    dueDate: text().notNull(),
    euCode: text(),
    catalogueItemId: integer().references(() => pnrrCatalogueItem.id, { onDelete: "set null" }),
    ...versioned,
  },
  (table) => [
    uniqueIndex("indicator_programme_code_idx").on(table.programmeId, table.code),
    index("indicator_catalogue_item_id_idx").on(table.catalogueItemId),
    check("indicator_dates_check", sql`${table.dueDate} > ${table.baselineDate}`),
  ],
);

export const indicatorMeasurement = sqliteTable(
  "indicator_measurement",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    indicatorId: integer()
      .notNull()
      .references(() => indicator.id, { onDelete: "cascade" }),
    date: text().notNull(),
    value: real().notNull(),
    source: text().notNull(),
    evidenceNote: text().notNull().default(""),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [index("indicator_measurement_indicator_id_idx").on(table.indicatorId, table.date)],
);

/** A programme milestone linked to the EU/national catalogue item it evidences. */
export const milestoneCatalogueLink = sqliteTable(
  "milestone_catalogue_link",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    milestoneId: integer()
      .notNull()
      .references(() => milestone.id, { onDelete: "cascade" }),
    catalogueItemId: integer()
      .notNull()
      .references(() => pnrrCatalogueItem.id, { onDelete: "cascade" }),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    uniqueIndex("milestone_catalogue_link_pair_idx").on(table.milestoneId, table.catalogueItemId),
    index("milestone_catalogue_link_catalogue_item_id_idx").on(table.catalogueItemId),
  ],
);
