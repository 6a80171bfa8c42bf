import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { roles } from "~/domain/core/permissions";
import { editUserSchema, newUserSchema } from "~/domain/users/schemas";
import { useT } from "~/i18n/use-t";
import { Field } from "./field";
import { FormErrors } from "./form-errors";
import { useZodForm } from "./use-zod-form";

export function UserForm({
  mode,
  defaultValue,
  lastResult,
}: {
  mode: "create" | "edit";
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const schema = mode === "create" ? newUserSchema(t) : editUserSchema(t);
  const [form, fields] = useZodForm({ id: `user-form-${mode}`, schema, lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <div className="tg-form-grid">
        <Field label={t("field.name")} meta={fields.name}>
          <input {...getInputProps(fields.name, { type: "text" })} className="form-control" autoComplete="off" />
        </Field>
        <Field label={t("field.email")} meta={fields.email}>
          <input {...getInputProps(fields.email, { type: "email" })} className="form-control" autoComplete="off" />
        </Field>
        <Field label={t("field.role")} meta={fields.role}>
          <select {...getSelectProps(fields.role)} className="form-select">
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("field.password")} meta={fields.password} hint={mode === "edit" ? t("users.passwordHint") : undefined}>
          <input {...getInputProps(fields.password, { type: "password" })} className="form-control" autoComplete="new-password" />
        </Field>
      </div>
      <div className="form-check mb-3">
        <input {...getInputProps(fields.active, { type: "checkbox" })} className="form-check-input" />
        <label className="form-check-label" htmlFor={fields.active.id}>
          {t("field.active")}
        </label>
      </div>
      <button type="submit" className="btn btn-primary">
        {mode === "create" ? t("action.create") : t("action.save")}
      </button>
    </Form>
  );
}
