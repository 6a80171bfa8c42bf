import { z } from "zod";
import type { Translate } from "~/i18n";
import { roles } from "~/domain/core/permissions";

function baseUserSchema(t: Translate) {
  return z.object({
    version: z.coerce.number().int().positive().optional(),
    email: z.string({ error: t("validation.required") }).trim().toLowerCase().email(t("validation.email")),
    name: z.string({ error: t("validation.required") }).trim().min(1, t("validation.required")).max(120, t("validation.tooLong", { max: 120 })),
    role: z.enum(roles, { error: t("validation.role") }),
    // An unchecked checkbox sends nothing at all.
    active: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  });
}

function password(t: Translate) {
  return z
    .string({ error: t("validation.passwordLength") })
    .min(10, t("validation.passwordLength"))
    .max(200, t("validation.tooLong", { max: 200 }));
}

export const newUserSchema = (t: Translate) => baseUserSchema(t).extend({ password: password(t) });
export const editUserSchema = (t: Translate) => baseUserSchema(t).extend({ password: password(t).optional() });
