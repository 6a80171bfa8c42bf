import { z } from "zod";
import type { Translate } from "~/i18n";
import { boundedDate, isAmountInBounds, isMonthInBounds } from "~/domain/core/bounds";
import { budgetCategories, fundingSources, ledgerKinds } from "../finance/finance-values";
import { parseItalianAmount } from "../core/italian-format";
import { isMonth, spreadMethods } from "../finance/profile";

/** Finance forms: one zod schema each, run in the browser and again on the server. */
function text(t: Translate, max: number) {
  return z.string({ error: t("finance.error.required") }).trim().min(1, t("finance.error.required")).max(max, t("validation.tooLong", { max }));
}

/** An amount typed the Italian way ("1.234,56") → integer cents. */
export function amountField(t: Translate, { allowZero = false } = {}) {
  return z
    .string({ error: t("finance.error.required") })
    .trim()
    .min(1, t("finance.error.required"))
    .transform((value, ctx) => {
      const parsed = parseItalianAmount(value);
      if ((!parsed.ok && parsed.problem === "range") || (parsed.ok && !isAmountInBounds(parsed.value))) {
        ctx.addIssue({ code: "custom", message: t("bounds.amount") });
        return z.NEVER;
      }
      if (!parsed.ok || parsed.value < 0 || (!allowZero && parsed.value === 0)) {
        ctx.addIssue({ code: "custom", message: t(allowZero ? "finance.error.amountNotNegative" : "finance.error.amountPositive") });
        return z.NEVER;
      }
      return parsed.value;
    });
}

const isoDate = (t: Translate) => boundedDate(t, "finance.error.required");
const month = (t: Translate) =>
  z
    .string({ error: t("finance.error.required") })
    .refine(isMonth, t("finance.error.month"))
    .refine((value) => !isMonth(value) || isMonthInBounds(value), t("bounds.month"));
const id = (t: Translate) => z.coerce.number({ error: t("finance.error.required") }).int().positive(t("finance.error.required"));
const checkbox = z.preprocess((value) => value === "on" || value === "true", z.boolean()).default(false);

export function ledgerEntrySchema(t: Translate) {
  return z.object({
    budgetLineId: id(t),
    kind: z.enum(ledgerKinds, { error: t("finance.error.required") }),
    entryDate: isoDate(t),
    amount: amountField(t),
    supplier: text(t, 200),
    cig: z
      .string()
      .trim()
      .toUpperCase()
      .refine((value) => value === "" || /^[A-Z0-9]{10}$/.test(value), t("finance.error.cig"))
      .optional(),
    documentNumber: text(t, 60),
    description: z.string().trim().max(500, t("validation.tooLong", { max: 500 })).optional(),
    confirmOverCommitment: checkbox,
    overrunReason: z.string().trim().max(500, t("validation.tooLong", { max: 500 })).optional(),
  });
}

export function reversalSchema(t: Translate) {
  return z.object({
    entryDate: isoDate(t),
    reason: text(t, 500),
    documentNumber: z.string().trim().max(60, t("validation.tooLong", { max: 60 })).optional(),
    confirmOverCommitment: checkbox,
    overrunReason: z.string().trim().max(500, t("validation.tooLong", { max: 500 })).optional(),
  });
}

export function budgetLineSchema(t: Translate) {
  return z.object({
    id: z.coerce.number().int().positive().optional(),
    version: z.coerce.number().int().positive().optional(),
    workPackageId: id(t),
    code: text(t, 30),
    title: text(t, 200),
    category: z.enum(budgetCategories, { error: t("finance.error.required") }),
    fundingSource: z.enum(fundingSources, { error: t("finance.error.required") }),
    cup: z.string({ error: t("finance.error.required") }).trim().toUpperCase().regex(/^[A-Z0-9]{15}$/, t("finance.error.cup")),
    amount: amountField(t, { allowZero: true }),
  });
}

export function spreadSchema(t: Translate) {
  return z
    .object({
      intent: z.literal("spread"),
      version: z.coerce.number().int().positive(),
      from: month(t),
      to: month(t),
      method: z.enum(spreadMethods),
    })
    .refine((value) => value.to >= value.from, { message: t("finance.error.monthOrder"), path: ["to"] });
}
