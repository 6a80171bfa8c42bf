import { assertMonthOpen } from "./close/close.server";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { deadlineGate, healthAuthority, trainingCompletion, trainingImportBatch, trainingSession, trainingWave, user, workPackage } from "#db/schema";
import { formatDate, isIsoDate, type IsoDate } from "~/domain/dates";
import { buildRolloutCurve, buildRolloutMatrix, LAG_THRESHOLD, plannedShare, waveProgress, type RolloutWave } from "~/domain/rollout";
import type { ItemState } from "~/domain/status";
import { completionRowKey, parseCompletionRows, type CsvRowIssue } from "~/domain/training-csv";
import { professionalGroups, type DeliveryMode, type ProfessionalGroup } from "~/domain/training-values";
import { requirePermission, type Actor } from "./actor.server";
import { appendAudit, auditView, changedFields } from "./audit.server";
import { getDb, nowIso, type Conn } from "./db.server";
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from "./errors.server";
import type { GanttRow, GanttRowSource } from "./gantt.server";

export type TrainingWave = typeof trainingWave.$inferSelect;
export type TrainingSession = typeof trainingSession.$inferSelect;
export type TrainingCompletion = typeof trainingCompletion.$inferSelect;
export type HealthAuthority = typeof healthAuthority.$inferSelect;

export interface TrainingWaveInput {
  workPackageId: number;
  code: string;
  title: string;
  professionalGroup: ProfessionalGroup;
  healthAuthorityId: number;
  deliveryMode: DeliveryMode;
  startDate: IsoDate;
  endDate: IsoDate;
  targetHeadcount: number;
}
export interface TrainingSessionInput {
  date: IsoDate;
  capacity: number;
  location: string;
}
export interface CompletionInput {
  date: IsoDate;
  count: number;
  note: string;
}

/** An import refused as a whole: every problem found, each with its row and column. */
export class CsvImportError extends Error {
  constructor(public issues: CsvRowIssue[]) {
    super(`Import refused: ${issues.length} problem(s)`);
  }
}

// ---------------------------------------------------------------- helpers shared by the training models

export function stamp(actor: Actor) {
  const now = nowIso();
  return { createdAt: now, updatedAt: now, updatedById: actor.id || null };
}

export function conflictOf(conn: Conn, entityType: string, row: { id: number; updatedById: number | null; updatedAt: string }) {
  const by = row.updatedById ? conn.select({ name: user.name }).from(user).where(eq(user.id, row.updatedById)).get() : null;
  return new ConflictError(entityType, row.id, by?.name ?? "—", row.updatedAt);
}

type VersionedRow = { id: number; version: number; updatedById: number | null; updatedAt: string };
type VersionedTable = SQLiteTable & { id: never; version: never };

/** Optimistic-locked update with its audit record: bumps `version` only when something changed. */
export function versionedUpdate<T extends VersionedRow>(
  tx: Conn,
  actor: Actor,
  entity: { type: string; table: SQLiteTable; label: (row: T) => string },
  current: T,
  fields: Partial<T>,
  version: number,
): T {
  if (current.version !== version) throw conflictOf(tx, entity.type, current);
  const diff = changedFields(current as Record<string, unknown>, fields as Record<string, unknown>);
  if (!diff.changed) return current;
  const table = entity.table as unknown as VersionedTable & { id: typeof trainingWave.id; version: typeof trainingWave.version };
  const updated = tx
    .update(table)
    .set({ ...(fields as object), version: version + 1, updatedAt: nowIso(), updatedById: actor.id || null } as never)
    .where(and(eq(table.id, current.id), eq(table.version, version)))
    .returning()
    .get() as unknown as T | undefined;
  if (!updated) throw conflictOf(tx, entity.type, current);
  appendAudit(tx, actor, { action: "update", entityType: entity.type, entityId: current.id, entityLabel: entity.label(updated), before: diff.before, after: diff.after });
  return updated;
}

const waveLabel = (wave: { code: string; title: string }) => `${wave.code} ${wave.title}`;

function fail(issues: FieldIssue[]) {
  if (issues.length) throw new ValidationError(issues);
}

// ---------------------------------------------------------------- reads

export function listHealthAuthorities(actor: Actor): HealthAuthority[] {
  requirePermission(actor, "read:programme");
  return getDb().select().from(healthAuthority).orderBy(asc(healthAuthority.sortOrder), asc(healthAuthority.id)).all();
}

function programmeWaves(conn: Conn, programmeId: number) {
  return conn.select().from(trainingWave).where(eq(trainingWave.programmeId, programmeId)).orderBy(asc(trainingWave.startDate), asc(trainingWave.code)).all();
}

/** Completions summed per wave and day in SQL: the maths needs no finer grain than that. */
function completionsOf(conn: Conn, waveIds: number[]) {
  if (waveIds.length === 0) return [];
  return conn
    .select({ waveId: trainingCompletion.waveId, date: trainingCompletion.date, count: sql<number>`sum(${trainingCompletion.count})`.mapWith(Number) })
    .from(trainingCompletion)
    .where(inArray(trainingCompletion.waveId, waveIds))
    .groupBy(trainingCompletion.waveId, trainingCompletion.date)
    .all();
}

const toRolloutWave = (wave: TrainingWave): RolloutWave => ({
  id: wave.id,
  group: wave.professionalGroup,
  authorityId: wave.healthAuthorityId,
  startDate: wave.startDate,
  endDate: wave.endDate,
  targetHeadcount: wave.targetHeadcount,
});

/** The gate the training must meet: the first one (31/12/2025, "digital skills completed"). */
function trainingGate(conn: Conn, programmeId: number) {
  return conn.select().from(deadlineGate).where(eq(deadlineGate.programmeId, programmeId)).orderBy(asc(deadlineGate.sortOrder), asc(deadlineGate.dueDate)).limit(1).get() ?? null;
}

/** Heatmap, lagging groups and authorities, and the cumulative curve, as they stand on `asOf`. */
export function getRolloutOverview(actor: Actor, programmeId: number, asOf: IsoDate) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const authorities = listHealthAuthorities(actor);
  const waves = programmeWaves(db, programmeId);
  const completions = completionsOf(db, waves.map((w) => w.id));
  const rolloutWaves = waves.map(toRolloutWave);
  const matrix = buildRolloutMatrix(rolloutWaves, completions, asOf, { groups: professionalGroups, authorityIds: authorities.map((a) => a.id) });
  const gate = trainingGate(db, programmeId);
  const gateDate = gate?.dueDate ?? "2025-12-31";
  const curve = buildRolloutCurve(rolloutWaves, completions, asOf, gateDate);
  return {
    asOf,
    authorities: authorities.map((a) => ({ id: a.id, code: a.code, name: a.name })),
    groups: matrix.groups as ProfessionalGroup[],
    matrix,
    curve,
    gate: gate ? { code: gate.code, name: gate.name, nameEn: gate.nameEn, dueDate: gate.dueDate } : null,
    laggingGroups: matrix.groups.filter((g) => matrix.byGroup[g].lagging) as ProfessionalGroup[],
    laggingAuthorities: authorities.filter((a) => matrix.byAuthority[a.id]?.lagging).map((a) => ({ id: a.id, code: a.code, name: a.name })),
  };
}

export interface WaveFilters {
  group?: ProfessionalGroup;
  authorityId?: number;
}

export function listWaves(actor: Actor, programmeId: number, asOf: IsoDate, filters: WaveFilters = {}) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const waves = programmeWaves(db, programmeId).filter(
    (w) => (!filters.group || w.professionalGroup === filters.group) && (!filters.authorityId || w.healthAuthorityId === filters.authorityId),
  );
  const completions = completionsOf(db, waves.map((w) => w.id));
  const authorities = new Map(listHealthAuthorities(actor).map((a) => [a.id, a]));
  const wps = new Map(db.select().from(workPackage).where(eq(workPackage.programmeId, programmeId)).all().map((wp) => [wp.id, wp]));
  return waves.map((wave) => {
    const progress = waveProgress(wave.targetHeadcount, completions.filter((c) => c.waveId === wave.id), asOf);
    return {
      ...wave,
      authorityName: authorities.get(wave.healthAuthorityId)?.name ?? "",
      workPackageCode: wps.get(wave.workPackageId)?.code ?? "",
      trained: progress.trained,
      progress: Math.round(progress.share * 100),
    };
  });
}

export function getWave(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const found = getDb().select().from(trainingWave).where(eq(trainingWave.id, id)).get();
  if (!found) throw new NotFoundError("training_wave", id);
  return found;
}

export function getWaveDetail(actor: Actor, id: number, asOf: IsoDate) {
  const wave = getWave(actor, id);
  const db = getDb();
  const authority = db.select().from(healthAuthority).where(eq(healthAuthority.id, wave.healthAuthorityId)).get()!;
  const wp = db.select().from(workPackage).where(eq(workPackage.id, wave.workPackageId)).get()!;
  const sessions = db.select().from(trainingSession).where(eq(trainingSession.waveId, id)).orderBy(asc(trainingSession.date)).all();
  const completions = db
    .select({
      id: trainingCompletion.id,
      date: trainingCompletion.date,
      count: trainingCompletion.count,
      source: trainingCompletion.source,
      note: trainingCompletion.note,
      createdAt: trainingCompletion.createdAt,
      createdBy: user.name,
      batchFile: trainingImportBatch.fileName,
    })
    .from(trainingCompletion)
    .leftJoin(user, eq(user.id, trainingCompletion.createdById))
    .leftJoin(trainingImportBatch, eq(trainingImportBatch.id, trainingCompletion.importBatchId))
    .where(eq(trainingCompletion.waveId, id))
    .orderBy(desc(trainingCompletion.date), desc(trainingCompletion.id))
    .all();
  const progress = waveProgress(wave.targetHeadcount, completions.map((c) => ({ waveId: id, date: c.date, count: c.count })), asOf);
  const capacity = sessions.reduce((sum, s) => sum + s.capacity, 0);
  return {
    wave,
    authority,
    workPackage: { id: wp.id, code: wp.code, title: wp.title },
    sessions,
    completions,
    trained: progress.trained,
    progress: Math.round(progress.share * 100),
    capacity,
  };
}

/** Options for the wave form. */
export function getWaveFormOptions(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  return {
    authorities: listHealthAuthorities(actor).map((a) => ({ id: a.id, name: a.name })),
    workPackages: db
      .select({ id: workPackage.id, code: workPackage.code, title: workPackage.title })
      .from(workPackage)
      .where(eq(workPackage.programmeId, programmeId))
      .orderBy(asc(workPackage.sortOrder), asc(workPackage.code))
      .all(),
  };
}

/**
 * For the Gantt (issue 3): waves grouped under their work package, with dates and how far each
 * has got (people trained up to `asOf`, default: everything recorded).
 */
export function listTrainingWavesForGantt(actor: Actor, programmeId: number, asOf: IsoDate = "9999-12-31") {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const waves = programmeWaves(db, programmeId);
  const completions = completionsOf(db, waves.map((w) => w.id));
  const authorities = new Map(listHealthAuthorities(actor).map((a) => [a.id, a.name]));
  const wps = db.select().from(workPackage).where(eq(workPackage.programmeId, programmeId)).orderBy(asc(workPackage.sortOrder), asc(workPackage.code)).all();
  return wps
    .map((wp) => ({
      workPackageId: wp.id,
      workPackageCode: wp.code,
      workPackageTitle: wp.title,
      waves: waves
        .filter((w) => w.workPackageId === wp.id)
        .map((w) => {
          const progress = waveProgress(w.targetHeadcount, completions.filter((c) => c.waveId === w.id), asOf);
          return {
            id: w.id,
            code: w.code,
            title: w.title,
            professionalGroup: w.professionalGroup,
            healthAuthorityName: authorities.get(w.healthAuthorityId) ?? "",
            deliveryMode: w.deliveryMode,
            startDate: w.startDate,
            endDate: w.endDate,
            targetHeadcount: w.targetHeadcount,
            trained: progress.trained,
            /** 0–100, capped: for a bar's fill. */
            progress: Math.round(progress.share * 100),
          };
        }),
    }))
    .filter((group) => group.waves.length > 0);
}

/**
 * A wave's state on the plan's scale: done once its target is trained; late when it has ended
 * short of it; at risk when behind the calendar (the heatmap's lag rule); else on track.
 */
export function waveState(wave: { startDate: IsoDate; endDate: IsoDate; targetHeadcount: number }, trained: number, asOf: IsoDate): ItemState {
  if (trained >= wave.targetHeadcount) return "done";
  if (asOf > wave.endDate) return "late";
  const expected = wave.targetHeadcount * plannedShare(wave, asOf);
  return expected > 0 && trained < LAG_THRESHOLD * expected ? "at_risk" : "on_track";
}

/** Training waves as rows of the Gantt (issue 3's extension point), under their work package. */
export const trainingGanttRows: GanttRowSource = (actor, programmeId, asOf) => {
  const rows = new Map<number, GanttRow[]>();
  for (const group of listTrainingWavesForGantt(actor, programmeId, asOf))
    rows.set(
      group.workPackageId,
      group.waves.map((w) => ({
        id: `w${w.id}`,
        kind: "extra" as const,
        extraKind: "training",
        code: w.code,
        title: w.title,
        owner: w.healthAuthorityName,
        start: w.startDate,
        end: w.endDate,
        progress: w.progress,
        state: waveState(w, w.trained, asOf),
        gateId: null,
        slack: null,
        critical: false,
        dependencies: [],
        editable: false,
        version: 1,
      })),
    );
  return rows;
};

// ---------------------------------------------------------------- waves

function checkWave(conn: Conn, programmeId: number, input: TrainingWaveInput, id?: number) {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(input.startDate)) issues.push({ field: "startDate", message: { key: "validation.date" } });
  if (!isIsoDate(input.endDate)) issues.push({ field: "endDate", message: { key: "validation.date" } });
  if (isIsoDate(input.startDate) && isIsoDate(input.endDate) && input.endDate < input.startDate)
    issues.push({ field: "endDate", message: { key: "validation.endBeforeStart", params: { start: formatDate(input.startDate) } } });
  if (!Number.isInteger(input.targetHeadcount) || input.targetHeadcount <= 0)
    issues.push({ field: "targetHeadcount", message: { key: "training.validation.positiveInteger" } });
  const clash = conn
    .select({ id: trainingWave.id })
    .from(trainingWave)
    .where(and(eq(trainingWave.programmeId, programmeId), eq(trainingWave.code, input.code), id ? ne(trainingWave.id, id) : undefined))
    .get();
  if (clash) issues.push({ field: "code", message: { key: "validation.duplicateCode", params: { code: input.code } } });
  const wp = conn.select().from(workPackage).where(and(eq(workPackage.id, input.workPackageId), eq(workPackage.programmeId, programmeId))).get();
  if (!wp) issues.push({ field: "workPackageId", message: { key: "validation.unknownId", params: { id: input.workPackageId } } });
  if (!conn.select({ id: healthAuthority.id }).from(healthAuthority).where(eq(healthAuthority.id, input.healthAuthorityId)).get())
    issues.push({ field: "healthAuthorityId", message: { key: "validation.unknownId", params: { id: input.healthAuthorityId } } });
  fail(issues);
}

export function createWave(actor: Actor, programmeId: number, input: TrainingWaveInput) {
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    checkWave(tx, programmeId, input);
    const created = tx.insert(trainingWave).values({ ...input, programmeId, ...stamp(actor) }).returning().get();
    appendAudit(tx, actor, { action: "create", entityType: "training_wave", entityId: created.id, entityLabel: waveLabel(created), after: auditView(created) });
    return created;
  });
}

export function updateWave(actor: Actor, input: TrainingWaveInput & { id: number; version: number }) {
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    const current = tx.select().from(trainingWave).where(eq(trainingWave.id, input.id)).get();
    if (!current) throw new NotFoundError("training_wave", input.id);
    if (current.version !== input.version) throw conflictOf(tx, "training_wave", current);
    checkWave(tx, current.programmeId, input, current.id);
    // The authority is part of what completions were recorded against: it cannot move once any exist.
    if (input.healthAuthorityId !== current.healthAuthorityId && trainedTotal(tx, current.id) !== 0)
      throw ValidationError.field("healthAuthorityId", "training.validation.authorityLocked");
    const { id, version, ...fields } = input;
    return versionedUpdate(tx, actor, { type: "training_wave", table: trainingWave, label: waveLabel }, current, fields, version);
  });
}

// ---------------------------------------------------------------- sessions

function checkSession(input: TrainingSessionInput, wave: TrainingWave) {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(input.date)) issues.push({ field: "date", message: { key: "validation.date" } });
  else if (input.date < wave.startDate || input.date > wave.endDate)
    issues.push({ field: "date", message: { key: "training.validation.outsideWave", params: { start: formatDate(wave.startDate), end: formatDate(wave.endDate) } } });
  if (!Number.isInteger(input.capacity) || input.capacity <= 0) issues.push({ field: "capacity", message: { key: "training.validation.positiveInteger" } });
  fail(issues);
}

export function createSession(actor: Actor, waveId: number, input: TrainingSessionInput) {
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    const wave = tx.select().from(trainingWave).where(eq(trainingWave.id, waveId)).get();
    if (!wave) throw new NotFoundError("training_wave", waveId);
    checkSession(input, wave);
    const created = tx.insert(trainingSession).values({ ...input, waveId, ...stamp(actor) }).returning().get();
    appendAudit(tx, actor, {
      action: "create",
      entityType: "training_session",
      entityId: created.id,
      entityLabel: `${wave.code} ${formatDate(created.date)}`,
      after: auditView(created),
    });
    return created;
  });
}

export function deleteSession(actor: Actor, id: number, version: number) {
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    const current = tx.select().from(trainingSession).where(eq(trainingSession.id, id)).get();
    if (!current) throw new NotFoundError("training_session", id);
    if (current.version !== version) throw conflictOf(tx, "training_session", current);
    const wave = tx.select().from(trainingWave).where(eq(trainingWave.id, current.waveId)).get()!;
    tx.delete(trainingSession).where(eq(trainingSession.id, id)).run();
    appendAudit(tx, actor, { action: "delete", entityType: "training_session", entityId: id, entityLabel: `${wave.code} ${formatDate(current.date)}`, before: auditView(current) });
  });
}

// ---------------------------------------------------------------- completions

function trainedTotal(conn: Conn, waveId: number, upTo?: IsoDate) {
  const row = conn
    .select({ total: sql<number>`coalesce(sum(${trainingCompletion.count}), 0)` })
    .from(trainingCompletion)
    .where(and(eq(trainingCompletion.waveId, waveId), upTo ? sql`${trainingCompletion.date} <= ${upTo}` : undefined))
    .get();
  return Number(row?.total ?? 0);
}

/**
 * Adds people trained on a day. A negative count corrects an earlier entry; the wave's running
 * total may never go below zero on any date.
 */
export function recordCompletion(actor: Actor, waveId: number, input: CompletionInput, today: IsoDate) {
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    const wave = tx.select().from(trainingWave).where(eq(trainingWave.id, waveId)).get();
    if (!wave) throw new NotFoundError("training_wave", waveId);
    const issues: FieldIssue[] = [];
    if (!isIsoDate(input.date)) issues.push({ field: "date", message: { key: "validation.date" } });
    else if (input.date > today) issues.push({ field: "date", message: { key: "training.validation.future" } });
    else if (input.date < wave.startDate) issues.push({ field: "date", message: { key: "training.validation.beforeWave", params: { start: formatDate(wave.startDate) } } });
    if (!Number.isInteger(input.count) || input.count === 0) issues.push({ field: "count", message: { key: "training.validation.nonZeroInteger" } });
    fail(issues);
    assertMonthOpen(tx, wave.programmeId, input.date, "date");
    if (input.count < 0) checkNeverNegative(tx, wave.id, input.date, input.count, "count");
    const created = tx
      .insert(trainingCompletion)
      .values({ waveId, date: input.date, count: input.count, note: input.note.trim(), source: "manual", createdAt: nowIso(), createdById: actor.id || null })
      .returning()
      .get();
    appendAudit(tx, actor, { action: "create", entityType: "training_completion", entityId: created.id, entityLabel: `${wave.code} ${formatDate(created.date)}`, after: auditView(created) });
    return created;
  });
}

/** A correction on `date` must not make the running total negative on that date or any later one. */
function checkNeverNegative(conn: Conn, waveId: number, date: IsoDate, delta: number, field: string) {
  const rows = conn.select({ date: trainingCompletion.date, count: trainingCompletion.count }).from(trainingCompletion).where(eq(trainingCompletion.waveId, waveId)).all();
  rows.push({ date, count: delta });
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.count - a.count));
  let running = 0;
  for (const row of rows) {
    running += row.count;
    if (running < 0) throw ValidationError.field(field, "training.validation.negativeTotal", { date: formatDate(row.date) });
  }
}

function sha256(text: string) {
  return createHash("sha256").update(text).digest("hex");
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
  requirePermission(actor, "update:training");
  return getDb().transaction((tx) => {
    const authority = tx.select().from(healthAuthority).where(eq(healthAuthority.id, input.healthAuthorityId)).get();
    if (!authority) throw ValidationError.field("healthAuthorityId", "validation.unknownId", { id: input.healthAuthorityId });
    const fileHash = sha256(input.text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n"));
    const earlier = tx
      .select()
      .from(trainingImportBatch)
      .where(and(eq(trainingImportBatch.programmeId, programmeId), eq(trainingImportBatch.fileHash, fileHash)))
      .get();
    if (earlier)
      throw new CsvImportError([
        { line: 0, column: "", reason: "alreadyImported", params: { file: earlier.fileName, when: earlier.importedAt, batch: earlier.id } },
      ]);

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
    if (issues.length) throw new CsvImportError(issues.sort((a, b) => a.line - b.line));

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
    appendAudit(tx, actor, {
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
