import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { formatEuro } from "~/domain/core/money";
import { procedureSchema } from "~/domain/procurement/schemas";
import { procedureTypes } from "~/domain/procurement/values";
import { useT } from "~/i18n/use-t";
import { useHydrated } from "./use-hydrated";

const plain = (cents: number | null | undefined) => (cents == null ? "" : formatEuro(cents, "it").replace("€ ", "").replace(/\u00a0/g, ""));

export interface ProcedureFormValues {
  version?: number;
  cig: string;
  cup: string;
  subject: string;
  procedureType: string;
  tenderedCents: number | null;
  awardedCents: number | null;
  awardDate: string | null;
  contractDate: string | null;
  budgetLineIds: number[];
}

/** Create and edit form of a procedure: the same zod schema in the browser and on the server. */
export function ProcedureForm({
  lines,
  values,
  lastResult,
  submitLabel,
}: {
  lines: { id: number; code: string; title: string }[];
  values?: ProcedureFormValues;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({
    id: "procedure-form",
    schema: procedureSchema(t),
    lastResult,
    defaultValue: values
      ? {
          version: values.version,
          cig: values.cig,
          cup: values.cup,
          subject: values.subject,
          procedureType: values.procedureType,
          tendered: plain(values.tenderedCents),
          awarded: plain(values.awardedCents),
          awardDate: values.awardDate,
          contractDate: values.contractDate,
        }
      : { procedureType: "open" },
  });
  const selected = new Set(values?.budgetLineIds ?? []);
  const hydrated = useHydrated();
  return (
    <Form method="post" {...getFormProps(form)} data-hydrated={hydrated}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {values?.version ? <input type="hidden" name="version" value={values.version} /> : null}
      <div className="tg-form-grid">
        <Field label={t("procurement.field.cig")} meta={fields.cig} hint={t("procurement.hint.cig")}>
          <input {...getInputProps(fields.cig, { type: "text" })} maxLength={10} className="form-control font-monospace" />
        </Field>
        <Field label={t("procurement.field.cup")} meta={fields.cup}>
          <input {...getInputProps(fields.cup, { type: "text" })} maxLength={15} className="form-control font-monospace" />
        </Field>
        <Field label={t("procurement.field.subject")} meta={fields.subject} className="tg-span-2">
          <input {...getInputProps(fields.subject, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("procurement.field.procedureType")} meta={fields.procedureType} className="tg-span-2">
          <select {...getSelectProps(fields.procedureType)} className="form-select">
            {procedureTypes.map((type) => (
              <option key={type} value={type}>
                {t(`procurement.type.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("procurement.field.tendered")} meta={fields.tendered} hint={t("procurement.hint.amount")}>
          <input {...getInputProps(fields.tendered, { type: "text" })} inputMode="decimal" className="form-control text-end" />
        </Field>
        <Field label={t("procurement.field.awarded")} meta={fields.awarded}>
          <input {...getInputProps(fields.awarded, { type: "text" })} inputMode="decimal" className="form-control text-end" />
        </Field>
        <Field label={t("procurement.field.awardDate")} meta={fields.awardDate}>
          <input {...getInputProps(fields.awardDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("procurement.field.contractDate")} meta={fields.contractDate}>
          <input {...getInputProps(fields.contractDate, { type: "date" })} className="form-control" />
        </Field>
      </div>
      <fieldset className="mb-3">
        <legend className="h6">{t("procurement.field.budgetLines")}</legend>
        <div className="row">
          {lines.map((line) => (
            <div className="col-md-6" key={line.id}>
              <div className="form-check">
                <input className="form-check-input" type="checkbox" name="budgetLineIds" value={line.id} id={`line-${line.id}`} defaultChecked={selected.has(line.id)} />
                <label className="form-check-label" htmlFor={`line-${line.id}`}>
                  {line.code} — {line.title}
                </label>
              </div>
            </div>
          ))}
        </div>
        {fields.budgetLineIds.errors?.length ? (
          <div className="invalid-feedback d-block" role="alert" data-field-error="budgetLineIds">
            {fields.budgetLineIds.errors.join(" ")}
          </div>
        ) : null}
      </fieldset>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
