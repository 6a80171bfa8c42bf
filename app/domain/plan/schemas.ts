import { z } from "zod";
import type { Translate } from "~/i18n";
import { taskStatuses } from "./plan-values";
import { formatDate } from "~/domain/core/dates";
import { boundedDate } from "~/domain/core/bounds";

/**
 * One schema per form, built with the reader's translator so the same messages appear in the
 * browser (conform) and in the server's 400 reply.
 */
export const EU_CODE = /^M\dC\d-(?:\d{1,3}|00-ITA-\d{1,3})$/;

function text(t: Translate, max: number) {
  return z
    .string({ error: t("validation.required") })
    .trim()
    .min(1, t("validation.required"))
    .max(max, t("validation.tooLong", { max }));
}

function isoDate(t: Translate) {
  return boundedDate(t);
}

function id(t: Translate) {
  return z.coerce.number({ error: t("validation.required") }).int().positive(t("validation.required"));
}

const version = z.coerce.number().int().positive().optional();

export function workPackageSchema(t: Translate) {
  return z
    .object({
      id: z.coerce.number().int().positive().optional(),
      version,
      code: text(t, 20),
      title: text(t, 200),
      description: z.string().trim().max(4000, t("validation.tooLong", { max: 4000 })).default(""),
      owner: text(t, 120),
      startDate: isoDate(t),
      endDate: isoDate(t),
      gateId: id(t),
    })
    .superRefine((value, ctx) => {
      if (value.endDate < value.startDate)
        ctx.addIssue({ code: "custom", path: ["endDate"], message: t("validation.endBeforeStart", { start: formatDate(value.startDate) }) });
    });
}

export function taskSchema(t: Translate) {
  return z
    .object({
      id: z.coerce.number().int().positive().optional(),
      version,
      workPackageId: id(t),
      code: text(t, 20),
      title: text(t, 200),
      owner: text(t, 120),
      startDate: isoDate(t),
      endDate: isoDate(t),
      progress: z.coerce
        .number({ error: t("validation.progressRange") })
        .int(t("validation.progressRange"))
        .min(0, t("validation.progressRange"))
        .max(100, t("validation.progressRange")),
      status: z.enum(taskStatuses, { error: t("validation.required") }),
    })
    .superRefine((value, ctx) => {
      if (value.endDate < value.startDate)
        ctx.addIssue({ code: "custom", path: ["endDate"], message: t("validation.endBeforeStart", { start: formatDate(value.startDate) }) });
      if ((value.status === "completed") !== (value.progress === 100))
        ctx.addIssue({ code: "custom", path: ["progress"], message: t("validation.progressStatus") });
    });
}

export function milestoneSchema(t: Translate) {
  return z.object({
    id: z.coerce.number().int().positive().optional(),
    version,
    workPackageId: id(t),
    code: text(t, 20),
    title: text(t, 200),
    dueDate: isoDate(t),
    achievedDate: isoDate(t).optional(),
    euCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(EU_CODE, t("validation.euCode"))
      .optional(),
    gateId: id(t),
  });
}

export function dependencySchema(t: Translate) {
  const key = z.string({ error: t("validation.required") }).regex(/^[tm]\d+$/, t("validation.required"));
  return z
    .object({ predecessor: key, successor: key })
    .refine((value) => value.predecessor !== value.successor, {
      path: ["successor"],
      message: t("validation.selfDependency"),
    });
}
