import { z } from "zod";
import type { Translate } from "~/i18n";

/** The "take snapshot" form: only a label; the date is the server's today. */
export function takeSnapshotSchema(t: Translate) {
  return z.object({
    label: z
      .string({ error: t("snapshot.validation.label") })
      .trim()
      .min(1, t("snapshot.validation.label"))
      .max(120, t("validation.tooLong", { max: 120 })),
  });
}
