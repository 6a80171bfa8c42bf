import { z } from "zod";
import type { Translate } from "~/i18n";
import { formatDate } from "~/domain/core/dates";
import { boundedDate, MAX_COUNT, MAX_INDICATOR_VALUE } from "~/domain/core/bounds";
import { deliveryModes, indicatorUnits, professionalGroups } from "./training-values";
import { EU_CODE } from "~/domain/plan/schemas";

/** Form schemas of training, indicators and the catalogue: same zod in the browser and the server. */

function text(t: Translate, max: number) {
  return z
    .string({ error: t("validation.required") })
    .trim()
    .min(1, t("validation.required"))
    .max(max, t("validation.tooLong", { max }));
}

function optionalText(t: Translate, max: number) {
  return z.string().trim().max(max, t("validation.tooLong", { max })).default("");
}

function isoDate(t: Translate) {
  return boundedDate(t);
}

function id(t: Translate) {
  return z.coerce.number({ error: t("validation.required") }).int().positive(t("validation.required"));
}

function integer(t: Translate, message: Parameters<Translate>[0]) {
  return z
    .string({ error: t("validation.required") })
    .trim()
    .regex(/^-?(\d{1,3}(\.\d{3})+|\d+)$/, t(message))
    .transform((value) => Number(value.replace(/\./g, "")))
    .refine((n) => Math.abs(n) <= MAX_COUNT, t("bounds.count"));
}

/** Accepts "85", "85,5", "4.310.000" and "0.5" (a lone dot with 1–2 decimals). */
export function parseDecimalInput(value: string): number | null {
  const trimmed = value.trim().replace(/\s/g, "");
  if (/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+\.\d{1,2}$/.test(trimmed)) return Number(trimmed);
  return null;
}

function decimal(t: Translate) {
  return z
    .string({ error: t("validation.required") })
    .trim()
    .refine((value) => parseDecimalInput(value) !== null, t("training.indicator.validation.number"))
    .transform((value) => parseDecimalInput(value)!)
    .refine((n) => Math.abs(n) <= MAX_INDICATOR_VALUE, t("bounds.indicatorValue"));
}

const version = z.coerce.number().int().positive().optional();

export function waveSchema(t: Translate) {
  return z
    .object({
      id: z.coerce.number().int().positive().optional(),
      version,
      workPackageId: id(t),
      code: text(t, 30).transform((value) => value.toUpperCase()),
      title: text(t, 200),
      professionalGroup: z.enum(professionalGroups, { error: t("validation.required") }),
      healthAuthorityId: id(t),
      deliveryMode: z.enum(deliveryModes, { error: t("validation.required") }),
      startDate: isoDate(t),
      endDate: isoDate(t),
      targetHeadcount: integer(t, "training.validation.positiveInteger").refine((n) => n > 0, t("training.validation.positiveInteger")),
    })
    .superRefine((value, ctx) => {
      if (value.endDate < value.startDate)
        ctx.addIssue({ code: "custom", path: ["endDate"], message: t("validation.endBeforeStart", { start: formatDate(value.startDate) }) });
    });
}

export function sessionSchema(t: Translate) {
  return z.object({
    intent: z.literal("add-session"),
    date: isoDate(t),
    capacity: integer(t, "training.validation.positiveInteger").refine((n) => n > 0, t("training.validation.positiveInteger")),
    location: optionalText(t, 200),
  });
}

export function deleteSessionSchema() {
  return z.object({ intent: z.literal("delete-session"), sessionId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });
}

export function completionSchema(t: Translate) {
  return z.object({
    intent: z.literal("record-completion"),
    date: isoDate(t),
    count: integer(t, "training.validation.nonZeroInteger").refine((n) => n !== 0, t("training.validation.nonZeroInteger")),
    note: optionalText(t, 500),
  });
}

const fileField = (t: Translate) =>
  z.instanceof(File, { message: t("training.validation.file") }).refine((file) => file.size > 0, t("training.validation.file"));

export function completionImportSchema(t: Translate) {
  return z.object({ healthAuthorityId: id(t), file: fileField(t) });
}

export function catalogueImportSchema(t: Translate) {
  return z.object({ intent: z.literal("import"), file: fileField(t) });
}

export function catalogueLinkSchema(t: Translate) {
  return z.object({ intent: z.literal("link"), catalogueItemId: id(t), milestoneId: id(t) });
}

export function catalogueUnlinkSchema() {
  return z.object({ intent: z.literal("unlink"), linkId: z.coerce.number().int().positive() });
}

export function indicatorSchema(t: Translate) {
  return z
    .object({
      id: z.coerce.number().int().positive().optional(),
      version,
      code: text(t, 20).transform((value) => value.toUpperCase()),
      name: text(t, 200),
      unit: z.enum(indicatorUnits, { error: t("validation.required") }),
      baseline: decimal(t),
      baselineDate: isoDate(t),
      targetValue: decimal(t),
      dueDate: isoDate(t),
      euCode: z.string().trim().toUpperCase().regex(EU_CODE, t("validation.euCode")).optional(),
      catalogueItemId: z.coerce.number().int().positive().optional(),
    })
    .superRefine((value, ctx) => {
      if (value.dueDate <= value.baselineDate)
        ctx.addIssue({ code: "custom", path: ["dueDate"], message: t("training.indicator.validation.dueAfterBaseline", { date: formatDate(value.baselineDate) }) });
      if (value.unit === "percent")
        for (const key of ["baseline", "targetValue"] as const)
          if (value[key] < 0 || value[key] > 100) ctx.addIssue({ code: "custom", path: [key], message: t("training.indicator.validation.percent") });
    });
}

export function measurementSchema(t: Translate) {
  return z.object({
    date: isoDate(t),
    value: decimal(t),
    source: text(t, 300),
    evidenceNote: optionalText(t, 2000),
  });
}
