import { z } from "zod";
import type { Translate } from "~/i18n";
import { isIsoDate } from "~/domain/core/dates";
import { amountField } from "../schemas/finance";
import { ATECO_FORMAT, checkTaxCode, isValidCig, isValidCup } from "./identifiers";
import { partyKinds, partyRoles, procedureTypes } from "./values";

/** Procurement forms: one zod schema each, run in the browser and again on the server. */
function text(t: Translate, max: number) {
  return z.string({ error: t("procurement.error.required") }).trim().min(1, t("procurement.error.required")).max(max, t("validation.tooLong", { max }));
}

const optionalDate = (t: Translate) =>
  z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isIsoDate(value), t("validation.date"))
    .transform((value) => value || null);

const optionalAmount = (t: Translate) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), amountField(t, { allowZero: true }).optional()).transform((value) => value ?? null);

export function procedureSchema(t: Translate) {
  return z.object({
    version: z.coerce.number().int().positive().optional(),
    cig: z
      .string({ error: t("procurement.error.required") })
      .trim()
      .toUpperCase()
      .refine(isValidCig, t("procurement.error.cig")),
    cup: z
      .string({ error: t("procurement.error.required") })
      .trim()
      .toUpperCase()
      .refine(isValidCup, t("procurement.error.cup")),
    subject: text(t, 300),
    procedureType: z.enum(procedureTypes, { error: t("procurement.error.required") }),
    tendered: amountField(t, { allowZero: true }),
    awarded: optionalAmount(t),
    awardDate: optionalDate(t),
    contractDate: optionalDate(t),
    budgetLineIds: z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(z.coerce.number().int().positive())).default([]),
  });
}

export function taxCodeField(t: Translate) {
  return z
    .string({ error: t("procurement.error.required") })
    .trim()
    .transform((value, ctx) => {
      const checked = checkTaxCode(value);
      if (!checked.ok) {
        ctx.addIssue({ code: "custom", message: t(`procurement.error.taxCode.${checked.problem}`) });
        return z.NEVER;
      }
      return checked.value;
    });
}

export function partySchema(t: Translate) {
  return z.object({
    intent: z.literal("addParty"),
    taxCode: taxCodeField(t),
    name: text(t, 200),
    legalForm: z.string().trim().max(100, t("validation.tooLong", { max: 100 })).optional().default(""),
    atecoCode: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((value) => value === "" || ATECO_FORMAT.test(value), t("procurement.error.ateco")),
    kind: z.enum(partyKinds, { error: t("procurement.error.required") }),
    role: z.enum(partyRoles, { error: t("procurement.error.required") }),
  });
}
