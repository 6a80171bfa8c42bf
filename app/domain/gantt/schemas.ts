import { z } from "zod";
import type { Translate } from "~/i18n";
import { formatDate } from "~/domain/core/dates";
import { boundedDate } from "~/domain/core/bounds";

/** A drag saved from the Gantt chart. `confirm` is set once the manager accepted the consequences. */
export function rescheduleSchema(t: Translate) {
  const isoDate = boundedDate(t);
  return z
    .object({
      intent: z.literal("reschedule"),
      key: z.string({ error: t("gantt.validation.key") }).regex(/^[tm]\d{1,12}$/, t("gantt.validation.key")),
      version: z.coerce.number({ error: t("validation.required") }).int().positive(),
      startDate: isoDate,
      endDate: isoDate,
      progress: z.coerce.number().int(t("validation.progressRange")).min(0, t("validation.progressRange")).max(100, t("validation.progressRange")).optional(),
      confirm: z.literal("1").optional(),
      /** The manager confirmed moving items already reported achieved (server-enforced). */
      confirmAchieved: z.literal("1").optional(),
    })
    .superRefine((value, ctx) => {
      if (value.endDate < value.startDate)
        ctx.addIssue({ code: "custom", path: ["endDate"], message: t("validation.endBeforeStart", { start: formatDate(value.startDate) }) });
    });
}

export function undoSchema(t: Translate) {
  return z.object({
    intent: z.literal("undo"),
    changeId: z.coerce.number({ error: t("validation.required") }).int().positive(),
  });
}
