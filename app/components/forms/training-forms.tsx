import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { indicatorSchema, waveSchema } from "~/domain/training/schemas";
import { deliveryModes, indicatorUnits, professionalGroups } from "~/domain/training/training-values";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { Field } from "./field";
import { FormErrors } from "./form-errors";
import { SubmitButton } from "./submit-button";
import { useZodForm } from "./use-zod-form";

type Defaults = Record<string, string | number | null | undefined>;

export function WaveForm({
  defaultValue,
  authorities,
  workPackages,
  lastResult,
  submitLabel,
}: {
  defaultValue: Defaults;
  authorities: { id: number; name: string }[];
  workPackages: { id: number; code: string; title: string }[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "wave-form", schema: waveSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("training.field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("training.field.title")} meta={fields.title} className="tg-span-2">
          <input {...getInputProps(fields.title, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("training.field.group")} meta={fields.professionalGroup}>
          <select {...getSelectProps(fields.professionalGroup)} className="form-select">
            <option value="">—</option>
            {professionalGroups.map((group) => (
              <option key={group} value={group}>
                {t(`training.group.${group}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("training.field.authority")} meta={fields.healthAuthorityId}>
          <select {...getSelectProps(fields.healthAuthorityId)} className="form-select">
            <option value="">—</option>
            {authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("training.field.mode")} meta={fields.deliveryMode}>
          <select {...getSelectProps(fields.deliveryMode)} className="form-select">
            <option value="">—</option>
            {deliveryModes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`training.mode.${mode}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("training.field.workPackage")} meta={fields.workPackageId}>
          <select {...getSelectProps(fields.workPackageId)} className="form-select">
            {workPackages.map((wp) => (
              <option key={wp.id} value={wp.id}>
                {wp.code} · {wp.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("training.field.start")} meta={fields.startDate}>
          <input {...getInputProps(fields.startDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("training.field.end")} meta={fields.endDate}>
          <input {...getInputProps(fields.endDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("training.field.target")} meta={fields.targetHeadcount}>
          <input {...getInputProps(fields.targetHeadcount, { type: "text" })} inputMode="numeric" className="form-control" />
        </Field>
      </div>
      <SubmitButton label={submitLabel} />
    </Form>
  );
}

export function IndicatorForm({
  defaultValue,
  catalogueOptions,
  lastResult,
  submitLabel,
}: {
  defaultValue: Defaults;
  catalogueOptions: { id: number; code: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "indicator-form", schema: indicatorSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("training.indicator.field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.name")} meta={fields.name} className="tg-span-2">
          <input {...getInputProps(fields.name, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.unit")} meta={fields.unit}>
          <select {...getSelectProps(fields.unit)} className="form-select">
            {indicatorUnits.map((unit) => (
              <option key={unit} value={unit}>
                {t(`training.indicator.unitName.${unit}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("training.indicator.field.baseline")} meta={fields.baseline}>
          <input {...getInputProps(fields.baseline, { type: "text" })} inputMode="decimal" className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.baselineDate")} meta={fields.baselineDate}>
          <input {...getInputProps(fields.baselineDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.target")} meta={fields.targetValue}>
          <input {...getInputProps(fields.targetValue, { type: "text" })} inputMode="decimal" className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.due")} meta={fields.dueDate}>
          <input {...getInputProps(fields.dueDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.euCode")} meta={fields.euCode}>
          <input {...getInputProps(fields.euCode, { type: "text" })} className="form-control" placeholder="M6C2-11" />
        </Field>
        <Field label={t("training.indicator.field.catalogueItem")} meta={fields.catalogueItemId} className="tg-span-2">
          <select {...getSelectProps(fields.catalogueItemId)} className="form-select">
            <option value="">—</option>
            {catalogueOptions.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} · {item.name.slice(0, 90)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <SubmitButton label={submitLabel} />
    </Form>
  );
}
