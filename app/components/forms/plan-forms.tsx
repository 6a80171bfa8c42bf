import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { formatDate } from "~/domain/core/dates";
import { taskStatuses } from "~/domain/plan/plan-values";
import { milestoneSchema, taskSchema, workPackageSchema } from "~/domain/plan/schemas";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "./field";
import { FormErrors } from "./form-errors";
import { SubmitButton } from "./submit-button";
import { useZodForm } from "./use-zod-form";

interface GateOption {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  dueDate: string;
}

/** The deadline gate a work package or milestone must meet: "G1 · Infrastruttura … (31/12/2025)". */
function GateField({ meta, gates }: { meta: FieldMetadata<unknown>; gates: GateOption[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Field label={t("field.gate")} meta={meta} className="tg-span-2">
      <select {...getSelectProps(meta)} className="form-select">
        {gates.map((gate) => (
          <option key={gate.id} value={gate.id}>
            {gate.code} · {locale === "it" ? gate.name : gate.nameEn} ({formatDate(gate.dueDate)})
          </option>
        ))}
      </select>
    </Field>
  );
}

type Defaults = Record<string, string | number | null | undefined>;

export function WorkPackageForm({
  defaultValue,
  gates,
  lastResult,
  submitLabel,
}: {
  defaultValue: Defaults;
  gates: GateOption[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "work-package-form", schema: workPackageSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.title")} meta={fields.title} className="tg-span-2">
          <input {...getInputProps(fields.title, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.owner")} meta={fields.owner}>
          <input {...getInputProps(fields.owner, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.startDate")} meta={fields.startDate}>
          <input {...getInputProps(fields.startDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("field.endDate")} meta={fields.endDate}>
          <input {...getInputProps(fields.endDate, { type: "date" })} className="form-control" />
        </Field>
        <GateField meta={fields.gateId} gates={gates} />
      </div>
      <Field label={t("field.description")} meta={fields.description}>
        <textarea {...getTextareaProps(fields.description)} className="form-control" rows={3} />
      </Field>
      <SubmitButton label={submitLabel} />
    </Form>
  );
}

export function TaskForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue: Defaults;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "task-form", schema: taskSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <input {...getInputProps(fields.workPackageId, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.title")} meta={fields.title} className="tg-span-2">
          <input {...getInputProps(fields.title, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.owner")} meta={fields.owner}>
          <input {...getInputProps(fields.owner, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.startDate")} meta={fields.startDate}>
          <input {...getInputProps(fields.startDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("field.endDate")} meta={fields.endDate}>
          <input {...getInputProps(fields.endDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("field.progress")} meta={fields.progress}>
          <input {...getInputProps(fields.progress, { type: "number" })} className="form-control" step={1} />
        </Field>
        <Field label={t("field.status")} meta={fields.status}>
          <select {...getSelectProps(fields.status)} className="form-select">
            {taskStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <SubmitButton label={submitLabel} />
    </Form>
  );
}

export function MilestoneForm({
  defaultValue,
  gates,
  lastResult,
  submitLabel,
}: {
  defaultValue: Defaults;
  gates: GateOption[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useZodForm({ id: "milestone-form", schema: milestoneSchema(t), lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <input {...getInputProps(fields.workPackageId, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("field.code")} meta={fields.code}>
          <input {...getInputProps(fields.code, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.title")} meta={fields.title} className="tg-span-2">
          <input {...getInputProps(fields.title, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("field.dueDate")} meta={fields.dueDate}>
          <input {...getInputProps(fields.dueDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("field.achievedDate")} meta={fields.achievedDate}>
          <input {...getInputProps(fields.achievedDate, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("field.euCode")} meta={fields.euCode}>
          <input {...getInputProps(fields.euCode, { type: "text" })} className="form-control" placeholder="M6C2-11" />
        </Field>
        <GateField meta={fields.gateId} gates={gates} />
      </div>
      <SubmitButton label={submitLabel} />
    </Form>
  );
}
