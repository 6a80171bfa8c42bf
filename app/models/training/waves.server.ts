/** Training waves: their reads (list, detail, form options) and their writes, on the kernel. */
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { dateProblem, isCountInBounds } from "~/domain/core/bounds";
import { healthAuthority, trainingCompletion, trainingImportBatch, trainingSession, trainingWave, user, workPackage } from "#db/schema";
import { formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import { waveProgress } from "~/domain/training/rollout";
import type { DeliveryMode, ProfessionalGroup } from "~/domain/training/training-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, entity, insertAudited, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";

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

const waveLabel = (wave: { code: string; title: string }) => `${wave.code} ${wave.title}`;
export const waveEntity = entity("training_wave", trainingWave, waveLabel);

// ---------------------------------------------------------------- reads

export function listHealthAuthorities(actor: Actor): HealthAuthority[] {
  requirePermission(actor, "read:programme");
  return getDb().select().from(healthAuthority).orderBy(asc(healthAuthority.sortOrder), asc(healthAuthority.id)).all();
}

/** The programme's waves, by start date. */
export function programmeWaves(conn: Conn, programmeId: number) {
  return conn.select().from(trainingWave).where(eq(trainingWave.programmeId, programmeId)).orderBy(asc(trainingWave.startDate), asc(trainingWave.code)).all();
}

/** Completions summed per wave and day in SQL: the maths needs no finer grain than that. */
export function completionsOf(conn: Conn, waveIds: number[]) {
  if (waveIds.length === 0) return [];
  return conn
    .select({ waveId: trainingCompletion.waveId, date: trainingCompletion.date, count: sql<number>`sum(${trainingCompletion.count})`.mapWith(Number) })
    .from(trainingCompletion)
    .where(inArray(trainingCompletion.waveId, waveIds))
    .groupBy(trainingCompletion.waveId, trainingCompletion.date)
    .all();
}

export function trainedTotal(conn: Conn, waveId: number, upTo?: IsoDate) {
  const row = conn
    .select({ total: sql<number>`coalesce(sum(${trainingCompletion.count}), 0)` })
    .from(trainingCompletion)
    .where(and(eq(trainingCompletion.waveId, waveId), upTo ? sql`${trainingCompletion.date} <= ${upTo}` : undefined))
    .get();
  return Number(row?.total ?? 0);
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

// ---------------------------------------------------------------- writes

function checkWave(conn: Conn, programmeId: number, input: TrainingWaveInput, id?: number) {
  const issues: FieldIssue[] = [];
  if (dateProblem(input.startDate)) issues.push({ field: "startDate", message: { key: dateProblem(input.startDate)! } });
  if (dateProblem(input.endDate)) issues.push({ field: "endDate", message: { key: dateProblem(input.endDate)! } });
  if (isIsoDate(input.startDate) && isIsoDate(input.endDate) && input.endDate < input.startDate)
    issues.push({ field: "endDate", message: { key: "validation.endBeforeStart", params: { start: formatDate(input.startDate) } } });
  if (!Number.isInteger(input.targetHeadcount) || input.targetHeadcount <= 0)
    issues.push({ field: "targetHeadcount", message: { key: "training.validation.positiveInteger" } });
  else if (!isCountInBounds(input.targetHeadcount)) issues.push({ field: "targetHeadcount", message: { key: "bounds.count" } });
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
  ValidationError.throwIf(issues);
}

export function createWave(actor: Actor, programmeId: number, input: TrainingWaveInput) {
  return command(actor, "update:training", (tx) => {
    checkWave(tx, programmeId, input);
    return insertAudited(tx, actor, waveEntity, { ...input, programmeId });
  });
}

export function updateWave(actor: Actor, input: TrainingWaveInput & { id: number; version: number }) {
  return command(actor, "update:training", (tx) => {
    const current = loadVersioned(tx, waveEntity, input.id, input.version);
    checkWave(tx, current.programmeId, input, current.id);
    // The authority is part of what completions were recorded against: it cannot move once any exist.
    if (input.healthAuthorityId !== current.healthAuthorityId && trainedTotal(tx, current.id) !== 0)
      throw ValidationError.field("healthAuthorityId", "training.validation.authorityLocked");
    const { id, version, ...fields } = input;
    return updateVersioned(tx, actor, waveEntity, current, fields, { version });
  });
}
