/**
 * The completions CSV import: one health authority's file, all rows or none, every problem
 * reported with its row and column in the shape every import shares (ImportRowsError).
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { healthAuthority, trainingCompletion, trainingImportBatch, user } from "#db/schema";
import { formatDate, type IsoDate } from "~/domain/core/dates";
import { completionRowKey, parseCompletionRows, type CsvRowIssue } from "~/domain/training/completions-csv";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { auditView } from "~/models/audit/audit.server";
import { assertMonthOpen } from "~/models/close/lock.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso } from "~/models/core/db.server";
import { ImportRowsError, ValidationError, type ImportRowIssue } from "~/models/core/errors.server";
import { programmeWaves, type TrainingWave } from "./waves.server";

function sha256(text: string) {
  return createHash("sha256").update(text).digest("hex");
}

/** A completions-file problem in the shape every import reports (message keys training.csv.*). */
function importRowIssue(issue: CsvRowIssue): ImportRowIssue {
  return { row: issue.line || null, column: issue.column || null, message: { key: `training.csv.${issue.reason}`, params: issue.params } };
}

/**
 * Imports one health authority's completions file: all rows or none. Problems found anywhere
 * (bad cells, unknown waves, waves of another authority, rows seen before, the same file again)
 * are collected and reported together with their row and column.
 */
export function importCompletions(
  actor: Actor,
  programmeId: number,
  input: { healthAuthorityId: number; fileName: string; text: string },
  today: IsoDate,
) {
  return command(actor, "update:training", (tx, audit) => {
    const authority = tx.select().from(healthAuthority).where(eq(healthAuthority.id, input.healthAuthorityId)).get();
    if (!authority) throw ValidationError.field("healthAuthorityId", "validation.unknownId", { id: input.healthAuthorityId });
    const fileHash = sha256(input.text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n"));
    const earlier = tx
      .select()
      .from(trainingImportBatch)
      .where(and(eq(trainingImportBatch.programmeId, programmeId), eq(trainingImportBatch.fileHash, fileHash)))
      .get();
    if (earlier)
      throw new ImportRowsError([{ row: null, column: null, message: { key: "training.csv.fileAlreadyImported", params: { file: earlier.fileName, when: earlier.importedAt, batch: earlier.id } } }]);

    const { rows, issues } = parseCompletionRows(input.text, today);
    for (const row of rows) assertMonthOpen(tx, programmeId, row.date, "file");
    const waves = new Map(programmeWaves(tx, programmeId).map((w) => [w.code.toUpperCase(), w]));
    const seen = new Map<string, number>();
    const prepared: { row: (typeof rows)[number]; wave: TrainingWave; fingerprint: string }[] = [];
    for (const row of rows) {
      const wave = waves.get(row.waveCode);
      if (!wave) {
        issues.push({ line: row.line, column: "Codice edizione", reason: "unknownWave", params: { value: row.waveCode } });
        continue;
      }
      if (wave.healthAuthorityId !== authority.id) {
        issues.push({ line: row.line, column: "Codice edizione", reason: "otherAuthority", params: { value: row.waveCode, authority: authority.name } });
        continue;
      }
      if (row.date < wave.startDate) {
        issues.push({ line: row.line, column: "Data", reason: "beforeWave", params: { value: formatDate(row.date), start: formatDate(wave.startDate) } });
        continue;
      }
      const fingerprint = sha256(completionRowKey(authority.code, row));
      const twin = seen.get(fingerprint);
      if (twin !== undefined) {
        issues.push({ line: row.line, column: "", reason: "duplicateInFile", params: { other: twin } });
        continue;
      }
      seen.set(fingerprint, row.line);
      prepared.push({ row, wave, fingerprint });
    }
    if (prepared.length) {
      const known = tx
        .select({ fingerprint: trainingCompletion.fingerprint, batch: trainingCompletion.importBatchId, date: trainingCompletion.createdAt })
        .from(trainingCompletion)
        .where(inArray(trainingCompletion.fingerprint, prepared.map((p) => p.fingerprint)))
        .all();
      const knownBy = new Map(known.map((k) => [k.fingerprint, k]));
      for (const p of prepared) {
        const hit = knownBy.get(p.fingerprint);
        if (hit) issues.push({ line: p.row.line, column: "", reason: "alreadyImported", params: { batch: hit.batch ?? 0, when: hit.date } });
      }
    }
    // Corrections in the file: each wave's running total must stay non-negative.
    for (const waveId of new Set(prepared.filter((p) => p.row.count < 0).map((p) => p.wave.id))) {
      const existing = tx.select({ date: trainingCompletion.date, count: trainingCompletion.count }).from(trainingCompletion).where(eq(trainingCompletion.waveId, waveId)).all();
      const all = [...existing.map((e) => ({ ...e, line: 0 })), ...prepared.filter((p) => p.wave.id === waveId).map((p) => ({ date: p.row.date, count: p.row.count, line: p.row.line }))];
      all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.count - a.count));
      let running = 0;
      for (const entry of all) {
        running += entry.count;
        if (running < 0) {
          issues.push({ line: entry.line, column: "Formati", reason: "negativeTotal", params: { date: formatDate(entry.date) } });
          break;
        }
      }
    }
    if (issues.length) throw new ImportRowsError(issues.sort((a, b) => a.line - b.line).map(importRowIssue));

    const total = prepared.reduce((sum, p) => sum + p.row.count, 0);
    const batch = tx
      .insert(trainingImportBatch)
      .values({
        programmeId,
        healthAuthorityId: authority.id,
        fileName: input.fileName,
        fileHash,
        rowCount: prepared.length,
        totalCount: total,
        importedAt: nowIso(),
        importedById: actor.id || null,
      })
      .returning()
      .get();
    const createdAt = nowIso();
    for (const p of prepared) {
      tx.insert(trainingCompletion)
        .values({
          waveId: p.wave.id,
          date: p.row.date,
          count: p.row.count,
          note: p.row.note,
          source: "csv",
          importBatchId: batch.id,
          fingerprint: p.fingerprint,
          createdAt,
          createdById: actor.id || null,
        })
        .run();
    }
    audit({
      action: "create",
      entityType: "training_import_batch",
      entityId: batch.id,
      entityLabel: `${authority.name} · ${input.fileName}`,
      after: { ...auditView(batch), waves: [...new Set(prepared.map((p) => p.wave.code))] },
    });
    return batch;
  });
}

export function listImportBatches(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return getDb()
    .select({
      id: trainingImportBatch.id,
      fileName: trainingImportBatch.fileName,
      rowCount: trainingImportBatch.rowCount,
      totalCount: trainingImportBatch.totalCount,
      importedAt: trainingImportBatch.importedAt,
      authorityName: healthAuthority.name,
      importedBy: user.name,
    })
    .from(trainingImportBatch)
    .innerJoin(healthAuthority, eq(healthAuthority.id, trainingImportBatch.healthAuthorityId))
    .leftJoin(user, eq(user.id, trainingImportBatch.importedById))
    .where(eq(trainingImportBatch.programmeId, programmeId))
    .orderBy(desc(trainingImportBatch.id))
    .all();
}
