import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OverrunConfirmation } from "~/components/finance/overrun-confirmation";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { ledgerKinds } from "~/domain/finance/finance-values";
import { ledgerEntrySchema } from "~/domain/schemas/finance";
import { useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createLedgerEntry, listLinesForEntry } from "~/models/finance/ledger.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova registrazione · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:finance");
    const programme = getCurrentProgramme(actor);
    const line = Number(new URL(request.url).searchParams.get("line")) || "";
    return { lines: listLinesForEntry(actor, programme.id), today: today(), line };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:finance", schema: ledgerEntrySchema }, async (value, { viewer }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const created = createLedgerEntry(
        viewer.actor,
        programme.id,
        { ...value, amountCents: value.amount, cig: value.cig || null, description: value.description ?? "" },
        today(),
      );
      return redirect(`/finance/ledger/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function NewLedgerEntry() {
  const { lines, today, line } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useZodForm({
    id: "ledger-entry-form",
    schema: ledgerEntrySchema(t),
    lastResult: actionData?.result,
    defaultValue: { entryDate: today, kind: "payment", budgetLineId: line },
  });
  return (
    <section className="tg-card mb-4" aria-labelledby="new-entry-title">
      <Link to="/finance/ledger">← {t("finance.ledger.title")}</Link>
      <h2 className="h4 mt-2" id="new-entry-title">
        {t("finance.ledger.new")}
      </h2>
      <p className="small text-secondary">{t("finance.ledger.appendOnly")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="tg-form-grid">
          <Field label={t("finance.field.budgetLine")} meta={fields.budgetLineId} className="tg-span-2">
            <select {...getSelectProps(fields.budgetLineId)} className="form-select">
              <option value="">—</option>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code} — {l.title}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("finance.field.kind")} meta={fields.kind}>
            <select {...getSelectProps(fields.kind)} className="form-select">
              {ledgerKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`finance.kind.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("finance.field.entryDate")} meta={fields.entryDate}>
            <input {...getInputProps(fields.entryDate, { type: "date" })} max={today} className="form-control" />
          </Field>
          <Field label={t("finance.field.amount")} meta={fields.amount} hint={t("finance.ledger.amountHint")}>
            <input {...getInputProps(fields.amount, { type: "text" })} inputMode="decimal" className="form-control text-end" />
          </Field>
          <Field label={t("finance.field.supplier")} meta={fields.supplier} className="tg-span-2">
            <input {...getInputProps(fields.supplier, { type: "text" })} className="form-control" />
          </Field>
          <Field label={t("finance.field.cig")} meta={fields.cig}>
            <input {...getInputProps(fields.cig, { type: "text" })} maxLength={10} className="form-control font-monospace" />
          </Field>
          <Field label={t("finance.field.documentNumber")} meta={fields.documentNumber}>
            <input {...getInputProps(fields.documentNumber, { type: "text" })} className="form-control" />
          </Field>
        </div>
        <Field label={t("finance.field.description")} meta={fields.description}>
          <textarea {...getTextareaProps(fields.description)} className="form-control" rows={2} />
        </Field>
        <OverrunConfirmation confirm={fields.confirmOverCommitment} reason={fields.overrunReason} />
        <button type="submit" className="btn btn-primary">
          {t("finance.ledger.record")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
