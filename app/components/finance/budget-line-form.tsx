import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { budgetCategories, fundingSources } from "~/domain/finance/finance-values";
import { budgetLineSchema } from "~/domain/schemas/finance";
import { useT } from "~/i18n/use-t";

export function BudgetLineForm({
  defaultValue,
  workPackages,
  lastResult,
  submitLabel,
  hint,
}: {
  defaultValue: Record<string, string | number | null | undefined>;
  workPackages: { id: number; code: string; title: string }[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  hint?: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "budget-line-form", schema: budgetLineSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="line" />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("finance.field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("finance.field.title")} meta={fields.title} className="tg-span-2">
          <input {...getInputProps(fields.title, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("finance.field.workPackage")} meta={fields.workPackageId} className="tg-span-2">
          <select {...getSelectProps(fields.workPackageId)} className="form-select">
            <option value="">—</option>
            {workPackages.map((wp) => (
              <option key={wp.id} value={wp.id}>
                {wp.code} — {wp.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("finance.field.category")} meta={fields.category}>
          <select {...getSelectProps(fields.category)} className="form-select">
            {budgetCategories.map((c) => (
              <option key={c} value={c}>
                {t(`finance.category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("finance.field.fundingSource")} meta={fields.fundingSource}>
          <select {...getSelectProps(fields.fundingSource)} className="form-select">
            {fundingSources.map((f) => (
              <option key={f} value={f}>
                {t(`finance.funding.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("finance.field.cup")} meta={fields.cup}>
          <input {...getInputProps(fields.cup, { type: "text" })} maxLength={15} className="form-control font-monospace" />
        </Field>
        <Field label={t("finance.field.amount")} meta={fields.amount} hint={hint ?? t("finance.ledger.amountHint")}>
          <input {...getInputProps(fields.amount, { type: "text" })} inputMode="decimal" className="form-control text-end" />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
