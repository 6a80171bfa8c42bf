import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { versioned } from "./columns";
import { programme } from "./programme";

/**
 * One ledger import, from "start" to done, failed or interrupted. Lives in SQLite (not in a
 * process's memory), so any worker answers a progress poll and a restart shows what was cut short.
 */
export const importJob = sqliteTable(
  "import_job",
  {
    id: text().primaryKey(),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    actorId: integer().notNull(),
    actorName: text().notNull(),
    fileName: text().notNull(),
    /** sha256 of the file: also the name of the staged copy on disk. */
    fileHash: text().notNull(),
    /** Column and value mapping, budget confirmation: what "start again" needs. JSON. */
    options: text().notNull(),
    phase: text({ enum: ["validating", "staging", "publishing", "done", "failed", "interrupted"] }).notNull(),
    processed: integer().notNull().default(0),
    total: integer().notNull().default(0),
    result: text(),
    error: text(),
    startedAt: text().notNull(),
    /** Touched at every chunk; a running job whose heartbeat stopped was interrupted. */
    heartbeatAt: text().notNull(),
    finishedAt: text(),
  },
  (table) => [index("import_job_programme_idx").on(table.programmeId, table.startedAt)],
);

/**
 * Side table the import stages its checked rows into, in short transactions, before one INSERT …
 * SELECT publishes them to the ledger. `reversesSeq` points at an earlier staged row of the same job.
 */
export const importStaging = sqliteTable(
  "import_staging",
  {
    jobId: text()
      .notNull()
      .references(() => importJob.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    row: integer().notNull(),
    budgetLineId: integer().notNull(),
    kind: text().notNull(),
    entryDate: text().notNull(),
    amountCents: integer().notNull(),
    supplier: text().notNull(),
    cig: text(),
    documentNumber: text().notNull(),
    description: text().notNull(),
    fingerprint: text().notNull(),
    reversesEntryId: integer(),
    reversesSeq: integer(),
  },
  (table) => [primaryKey({ name: "import_staging_pk", columns: [table.jobId, table.seq] })],
);

/**
 * How files from one source map to the ledger: recognised by their header set, so the next export
 * from the same accounting system is offered the same columns and values.
 */
export const importProfile = sqliteTable(
  "import_profile",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    headerKey: text().notNull(),
    header: text().notNull(),
    columns: text().notNull(),
    lineValues: text().notNull(),
    kindValues: text().notNull(),
    ...versioned,
  },
  (table) => [uniqueIndex("import_profile_programme_header_idx").on(table.programmeId, table.headerKey)],
);
