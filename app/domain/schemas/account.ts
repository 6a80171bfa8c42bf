import { z } from "zod";
import type { Translate } from "~/i18n";

export function changePasswordSchema(t: Translate) {
  return z.object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: t("validation.required") }).min(1, t("validation.required")).max(200, t("validation.tooLong", { max: 200 })),
    newPassword: z
      .string({ error: t("validation.passwordLength") })
      .min(10, t("validation.passwordLength"))
      .max(200, t("validation.tooLong", { max: 200 })),
  });
}
