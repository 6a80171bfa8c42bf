import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { BudgetLineForm } from "~/components/finance/budget-line-form";
import { Euro } from "~/components/finance/money";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { parseItalianAmount } from "~/domain/core/italian-format";
import { formatEuro } from "~/domain/core/money";
import { budgetLineSchema, spreadSchema } from "~/domain/schemas/finance";
import { useLocale, useT } from "~/i18n/use-t";
import { ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { listWorkPackages } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { monthOf, monthsBetween, spreadMethods } from "~/domain/finance/profile";
import { getBudgetLine, saveBudgetLineProfile, spreadBudgetLineProfile, updateBudgetLine } from "~/models/finance/budget-lines.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.line.code ?? "Linea"} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const detail = getBudgetLine(actor, Number(params.lineId));
    const programme = getCurrentProgramme(actor);
    const months = detail.profile.map((p) => p.month);
    const first = [monthOf(detail.workPackage.startDate), ...months].sort()[0];
    const last = [monthOf(detail.workPackage.endDate), ...months].sort().at(-1)!;
    return { ...detail, months: monthsBetween(first, last), workPackages: listWorkPackages(actor, programme.id) };
  });
}

const profileSchema = () => z.looseObject({ intent: z.literal("profile"), version: z.coerce.number().int().positive() });

/** Italian amount without the euro sign, for editable inputs: 1.234,56. */
function plainAmount(cents: number) {
  return formatEuro(cents, "it").replace("€ ", "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.lineId);
    const formData = await request.formData();
    const intent = formData.get("intent");
    const done = async () => redirect(`/finance/budget-lines/${id}`, { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    if (intent === "spread")
      return submitForm(request, { permission: "update:finance", schema: spreadSchema, formData }, async (value, { viewer }) => {
        spreadBudgetLineProfile(viewer.actor, { id, version: value.version, from: value.from, to: value.to, method: value.method });
        return done();
      });
    if (intent === "profile")
      return submitForm(request, { permission: "update:finance", schema: profileSchema, formData }, async (value, { viewer }) => {
        const issues: FieldIssue[] = [];
        const profile: { month: string; cents: number }[] = [];
        for (const [key, raw] of formData.entries()) {
          if (!key.startsWith("m-") || typeof raw !== "string") continue;
          if (raw.trim() === "") continue;
          const parsed = parseItalianAmount(raw);
          if (!parsed.ok || parsed.value < 0) issues.push({ field: key, message: { key: "finance.error.amountNotNegative" } });
          else profile.push({ month: key.slice(2), cents: parsed.value });
        }
        if (issues.length) throw new ValidationError(issues);
        saveBudgetLineProfile(viewer.actor, { id, version: value.version, profile });
        return done();
      });
    return submitForm(request, { permission: "update:finance", schema: budgetLineSchema, formData }, async (value, { viewer }) => {
      const { amount, id: _id, version, ...rest } = value;
      updateBudgetLine(viewer.actor, { ...rest, amountCents: amount, id, version: version ?? 0 });
      return done();
    });
  });
}

function SpreadForm() {
  const { line, months, profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const isSpread = (actionData?.result as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent === "spread";
  const [form, fields] = useZodForm({
    id: "spread-form",
    schema: spreadSchema(t) as never,
    lastResult: isSpread ? actionData?.result : undefined,
    defaultValue: { from: profile[0]?.month ?? months[0], to: profile.at(-1)?.month ?? months.at(-1), method: "even", version: line.version },
  });
  const f = fields as Record<string, Parameters<typeof getInputProps>[0]>;
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="spread-title">
      <h3 className="h6" id="spread-title">
        {t("finance.budget.spread")}
      </h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="spread" />
      <input type="hidden" name="version" value={line.version} />
      <div className="row g-2 align-items-start">
        <div className="col-6 col-md-3">
          <Field label={t("finance.budget.from")} meta={f.from}>
            <input {...getInputProps(f.from, { type: "month" })} className="form-control" />
          </Field>
        </div>
        <div className="col-6 col-md-3">
          <Field label={t("finance.budget.to")} meta={f.to}>
            <input {...getInputProps(f.to, { type: "month" })} className="form-control" />
          </Field>
        </div>
        <div className="col-8 col-md-4">
          <Field label={t("finance.budget.method")} meta={f.method}>
            <select {...getSelectProps(f.method as never)} className="form-select">
              {spreadMethods.map((method) => (
                <option key={method} value={method}>
                  {t(`finance.method.${method}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="col-4 col-md-2 pt-md-4">
          <button type="submit" className="btn btn-outline-primary w-100 mt-md-1">
            {t("finance.budget.spreadSubmit")}
          </button>
        </div>
      </div>
    </Form>
  );
}

function ProfileForm() {
  const { line, months, profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const isProfile = (actionData?.result as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent === "profile";
  const [form] = useForm({ id: `profile-form-${line.version}`, lastResult: isProfile ? actionData?.result : undefined });
  const initial = Object.fromEntries(profile.map((p) => [p.month, plainAmount(p.cents)]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const total = Object.values(values).reduce((sum, raw) => {
    const parsed = parseItalianAmount(raw);
    return parsed.ok ? sum + parsed.value : sum;
  }, 0);
  const fieldErrors = (isProfile ? (actionData?.result as { error?: Record<string, string[]> })?.error : undefined) ?? {};
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4" aria-labelledby="profile-title">
      <h3 className="h6" id="profile-title">
        {t("finance.budget.profile")}
      </h3>
      <p className="small text-secondary">{t("finance.budget.profileHint")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="profile" />
      <input type="hidden" name="version" value={line.version} />
      <div className="tg-fin-profile">
        {months.map((month) => (
          <div key={month}>
            <label htmlFor={`m-${month}`}>{month.slice(5)}/{month.slice(0, 4)}</label>
            <input
              id={`m-${month}`}
              name={`m-${month}`}
              type="text"
              inputMode="decimal"
              className="form-control form-control-sm text-end"
              value={values[month] ?? ""}
              aria-invalid={fieldErrors[`m-${month}`] ? true : undefined}
              onChange={(event) => setValues({ ...values, [month]: event.currentTarget.value })}
            />
            {fieldErrors[`m-${month}`] ? <div className="small text-danger">{fieldErrors[`m-${month}`].join(" ")}</div> : null}
          </div>
        ))}
      </div>
      <p className="mt-3 mb-2" data-testid="profile-total" aria-live="polite">
        {t("finance.budget.profileTotal")}: <strong>{formatEuro(total, locale)}</strong> · {t("finance.budget.profileDiff")}:{" "}
        <strong className={total === line.amountCents ? "text-success" : "text-danger"}>{formatEuro(total - line.amountCents, locale)}</strong>
      </p>
      <button type="submit" className="btn btn-primary">
        {t("finance.budget.saveProfile")}
      </button>
    </Form>
  );
}

function ReadOnlyProfile() {
  const { profile, profileTotal } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mt-4">
      <h3 className="h6">{t("finance.budget.profile")}</h3>
      <div className="tg-fin-profile">
        {profile.map((p) => (
          <div key={p.month}>
            <span className="small fw-semibold d-block">{p.month.slice(5)}/{p.month.slice(0, 4)}</span>
            <Euro cents={p.cents} />
          </div>
        ))}
      </div>
      <p className="mt-2">
        {t("finance.budget.profileTotal")}: <Euro cents={profileTotal} />
      </p>
    </div>
  );
}

export default function BudgetLinePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const canEdit = useCan("update:finance");
  const { line } = data;
  const isLine = !(actionData?.result as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent || (actionData?.result as { initialValue?: { intent?: string } })?.initialValue?.intent === "line";
  return (
    <section className="tg-card mb-4">
      <Link to="/finance/budget-lines">← {t("finance.budget.title")}</Link>
      <h2 className="h4 mt-2">
        {line.code} · {line.title}
      </h2>
      <p>
        {data.workPackage.code} {data.workPackage.title} · <Euro cents={line.amountCents} /> ·{" "}
        <Link to={`/finance/ledger?line=${line.id}`}>{t("finance.tab.ledger")}</Link>
      </p>
      {canEdit ? (
        <>
          <BudgetLineForm
            key={`line-${line.version}`}
            defaultValue={{ ...line, amount: plainAmount(line.amountCents) }}
            workPackages={data.workPackages}
            lastResult={isLine ? actionData?.result : undefined}
            submitLabel={t("finance.budget.save")}
            hint={t("finance.budget.rescaleNote")}
          />
          <hr className="my-4" />
          <SpreadForm key={`spread-${line.version}`} />
          <ProfileForm key={`profile-${line.version}`} />
        </>
      ) : (
        <ReadOnlyProfile />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
