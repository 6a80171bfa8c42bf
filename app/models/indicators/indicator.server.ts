import { and, asc, eq, ne } from "drizzle-orm";
import { dateProblem, MAX_INDICATOR_VALUE } from "~/domain/core/bounds";
import { indicator, indicatorMeasurement, pnrrCatalogueItem, user } from "#db/schema";
import { formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import { assessIndicator, trajectorySeries } from "~/domain/indicators/trajectory";
import type { IndicatorUnit } from "~/domain/training/training-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { auditView } from "~/models/audit/audit.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { command, entity, insertAudited, loadRow, loadVersioned, updateVersioned } from "~/models/core/command.server";
import { assertMonthOpen } from "~/models/close/lock.server";

export type Indicator = typeof indicator.$inferSelect;
export type IndicatorMeasurement = typeof indicatorMeasurement.$inferSelect;

export interface IndicatorInput {
  code: string;
  name: string;
  unit: IndicatorUnit;
  baseline: number;
  baselineDate: IsoDate;
  targetValue: number;
  dueDate: IsoDate;
  euCode: string | null;
  catalogueItemId: number | null;
}
export interface MeasurementInput {
  date: IsoDate;
  value: number;
  source: string;
  evidenceNote: string;
}

const label = (row: { code: string; name: string }) => `${row.code} ${row.name}`;
export const indicatorEntity = entity("indicator", indicator, label);

function measurementsOf(conn: Conn, indicatorId: number) {
  return conn.select().from(indicatorMeasurement).where(eq(indicatorMeasurement.indicatorId, indicatorId)).orderBy(asc(indicatorMeasurement.date), asc(indicatorMeasurement.id)).all();
}

export function listIndicators(actor: Actor, programmeId: number, asOf: IsoDate) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const rows = db
    .select({ indicator, catalogueCode: pnrrCatalogueItem.code })
    .from(indicator)
    .leftJoin(pnrrCatalogueItem, eq(pnrrCatalogueItem.id, indicator.catalogueItemId))
    .where(eq(indicator.programmeId, programmeId))
    .orderBy(asc(indicator.code))
    .all();
  return rows.map(({ indicator: ind, catalogueCode }) => {
    const measurements = measurementsOf(db, ind.id);
    const assessment = assessIndicator(ind, measurements, asOf);
    return {
      ...ind,
      catalogueCode,
      status: assessment.status,
      achieved: assessment.achieved,
      latest: assessment.latest,
      expected: assessment.expected,
      series: trajectorySeries(ind, measurements.filter((m) => m.date <= asOf)),
    };
  });
}

export function getIndicatorDetail(actor: Actor, id: number, asOf: IsoDate) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const found = db.select().from(indicator).where(eq(indicator.id, id)).get();
  if (!found) throw new NotFoundError("indicator", id);
  const measurements = db
    .select({ measurement: indicatorMeasurement, createdBy: user.name })
    .from(indicatorMeasurement)
    .leftJoin(user, eq(user.id, indicatorMeasurement.createdById))
    .where(eq(indicatorMeasurement.indicatorId, id))
    .orderBy(asc(indicatorMeasurement.date), asc(indicatorMeasurement.id))
    .all()
    .map((row) => ({ ...row.measurement, createdBy: row.createdBy }));
  const catalogueItem = found.catalogueItemId ? db.select().from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.id, found.catalogueItemId)).get() ?? null : null;
  const assessment = assessIndicator(found, measurements, asOf);
  // What was measured after `asOf` is not known yet on that date (a pinned reporting date).
  const known = measurements.filter((m) => m.date <= asOf);
  return { indicator: found, measurements: known, catalogueItem, assessment, series: trajectorySeries(found, known) };
}

function checkIndicator(conn: Conn, programmeId: number, input: IndicatorInput, id?: number) {
  const issues: FieldIssue[] = [];
  if (dateProblem(input.baselineDate)) issues.push({ field: "baselineDate", message: { key: dateProblem(input.baselineDate)! } });
  if (dateProblem(input.dueDate)) issues.push({ field: "dueDate", message: { key: dateProblem(input.dueDate)! } });
  if (isIsoDate(input.baselineDate) && isIsoDate(input.dueDate) && input.dueDate <= input.baselineDate)
    issues.push({ field: "dueDate", message: { key: "training.indicator.validation.dueAfterBaseline", params: { date: formatDate(input.baselineDate) } } });
  if (!Number.isFinite(input.baseline)) issues.push({ field: "baseline", message: { key: "training.indicator.validation.number" } });
  else if (Math.abs(input.baseline) > MAX_INDICATOR_VALUE) issues.push({ field: "baseline", message: { key: "bounds.indicatorValue" } });
  if (!Number.isFinite(input.targetValue)) issues.push({ field: "targetValue", message: { key: "training.indicator.validation.number" } });
  else if (Math.abs(input.targetValue) > MAX_INDICATOR_VALUE) issues.push({ field: "targetValue", message: { key: "bounds.indicatorValue" } });
  if (input.unit === "percent") {
    if (input.baseline < 0 || input.baseline > 100) issues.push({ field: "baseline", message: { key: "training.indicator.validation.percent" } });
    if (input.targetValue < 0 || input.targetValue > 100) issues.push({ field: "targetValue", message: { key: "training.indicator.validation.percent" } });
  }
  const clash = conn
    .select({ id: indicator.id })
    .from(indicator)
    .where(and(eq(indicator.programmeId, programmeId), eq(indicator.code, input.code), id ? ne(indicator.id, id) : undefined))
    .get();
  if (clash) issues.push({ field: "code", message: { key: "validation.duplicateCode", params: { code: input.code } } });
  if (input.catalogueItemId && !conn.select({ id: pnrrCatalogueItem.id }).from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.id, input.catalogueItemId)).get())
    issues.push({ field: "catalogueItemId", message: { key: "validation.unknownId", params: { id: input.catalogueItemId } } });
  ValidationError.throwIf(issues);
}

export function createIndicator(actor: Actor, programmeId: number, input: IndicatorInput) {
  return command(actor, "update:training", (tx) => {
    checkIndicator(tx, programmeId, input);
    return insertAudited(tx, actor, indicatorEntity, { ...input, programmeId });
  });
}

export function updateIndicator(actor: Actor, input: IndicatorInput & { id: number; version: number }) {
  return command(actor, "update:training", (tx) => {
    const current = loadVersioned(tx, indicatorEntity, input.id, input.version);
    checkIndicator(tx, current.programmeId, input, current.id);
    const { id, version, ...fields } = input;
    return updateVersioned(tx, actor, indicatorEntity, current, fields, { version });
  });
}

/** Measurements are evidence: added, never edited (a trigger refuses UPDATE), so they have no version. */
export function recordMeasurement(actor: Actor, indicatorId: number, input: MeasurementInput, today: IsoDate) {
  return command(actor, "update:training", (tx, audit) => {
    const current = loadRow(tx, indicatorEntity, indicatorId);
    const issues: FieldIssue[] = [];
    if (dateProblem(input.date)) issues.push({ field: "date", message: { key: dateProblem(input.date)! } });
    else if (input.date > today) issues.push({ field: "date", message: { key: "training.validation.future" } });
    if (!Number.isFinite(input.value)) issues.push({ field: "value", message: { key: "training.indicator.validation.number" } });
    else if (Math.abs(input.value) > MAX_INDICATOR_VALUE) issues.push({ field: "value", message: { key: "bounds.indicatorValue" } });
    else if (current.unit === "percent" && (input.value < 0 || input.value > 100)) issues.push({ field: "value", message: { key: "training.indicator.validation.percent" } });
    else if (current.unit === "count" && (!Number.isInteger(input.value) || input.value < 0)) issues.push({ field: "value", message: { key: "training.validation.positiveInteger" } });
    if (!input.source.trim()) issues.push({ field: "source", message: { key: "validation.required" } });
    ValidationError.throwIf(issues);
    assertMonthOpen(tx, current.programmeId, input.date, "date");
    const created = tx
      .insert(indicatorMeasurement)
      .values({ indicatorId, date: input.date, value: input.value, source: input.source.trim(), evidenceNote: input.evidenceNote.trim(), createdAt: nowIso(), createdById: actor.id || null })
      .returning()
      .get();
    audit({ action: "create", entityType: "indicator_measurement", entityId: created.id, entityLabel: `${current.code} ${formatDate(created.date)}`, after: auditView(created) });
    return created;
  });
}
