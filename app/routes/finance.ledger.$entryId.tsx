import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OverrunConfirmation } from "~/components/finance/overrun-confirmation";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { Euro } from "~/components/finance/money";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { reversalSchema } from "~/domain/schemas/finance";
import { useLocale, useT } from "~/i18n/use-t";
import { getLedgerEntry, reverseLedgerEntry } from "~/models/finance/ledger.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Registrazione n. ${data?.entry.id ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { ...getLedgerEntry(actor, Number(params.entryId)), today: today() };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:finance", schema: reversalSchema }, async (value, { viewer }) => {
      const reversal = reverseLedgerEntry(viewer.actor, { entryId: Number(params.entryId), ...value }, today());
      return redirect(`/finance/ledger/${reversal.id}`, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

function ReversalForm() {
  const { entry, today, remainingCents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useZodForm({ id: "reversal-form", schema: reversalSchema(t), lastResult: actionData?.result, defaultValue: { entryDate: today } });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3" aria-labelledby="reverse-title">
      <h3 className="h5" id="reverse-title">
        {t("finance.ledger.reverse")}
      </h3>
      <p className="small">{t("finance.ledger.reverseHint", { amount: formatEuro(-remainingCents, locale) })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="tg-form-grid">
        <Field label={t("finance.field.entryDate")} meta={fields.entryDate}>
          <input {...getInputProps(fields.entryDate, { type: "date" })} min={entry.entryDate} max={today} className="form-control" />
        </Field>
        <Field label={t("finance.field.reversalDocument")} meta={fields.documentNumber}>
          <input {...getInputProps(fields.documentNumber, { type: "text" })} placeholder={entry.documentNumber} className="form-control" />
        </Field>
        <Field label={t("finance.field.reason")} meta={fields.reason} className="tg-span-2">
          <input {...getInputProps(fields.reason, { type: "text" })} className="form-control" />
        </Field>
      </div>
      <OverrunConfirmation confirm={fields.confirmOverCommitment} reason={fields.overrunReason} />
      <button type="submit" className="btn btn-outline-danger">
        {t("finance.ledger.reverseSubmit")}
      </button>
    </Form>
  );
}

export default function LedgerEntryPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:finance");
  const { entry, line } = data;
  return (
    <section className="tg-card mb-4" aria-labelledby="entry-title">
      <Link to={`/finance/ledger?line=${line.id}`}>← {t("finance.ledger.title")}</Link>
      <h2 className="h4 mt-2" id="entry-title">
        {t("finance.ledger.entry", { id: entry.id })} · {t(`finance.kind.${entry.kind}`)}
      </h2>
      <dl className="row tg-kv" data-testid="entry-detail">
        <div className="col-6 col-md-3">
          <dt>{t("finance.field.entryDate")}</dt>
          <dd><DateText value={entry.entryDate} /></dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("finance.field.amount")}</dt>
          <dd data-testid="entry-amount"><Euro cents={entry.amountCents} /></dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("finance.field.budgetLine")}</dt>
          <dd>
            {data.workPackage.code} · {line.code} {line.title}
          </dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("finance.field.supplier")}</dt>
          <dd>{entry.supplier}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("finance.field.cig")}</dt>
          <dd className="font-monospace">{entry.cig ?? "—"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("finance.field.documentNumber")}</dt>
          <dd>{entry.documentNumber}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("finance.ledger.source")}</dt>
          <dd>{entry.importBatchId ? t("finance.ledger.imported", { id: entry.importBatchId }) : t("finance.ledger.manual")}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("finance.field.description")}</dt>
          <dd>{entry.description || "—"}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("finance.ledger.createdBy")}</dt>
          <dd>
            {data.createdBy ?? "—"} · {formatTimestamp(entry.createdAt, locale)}
          </dd>
        </div>
      </dl>
      <p className="fw-semibold" data-testid="line-totals">
        {t("finance.ledger.lineTotals", { committed: formatEuro(data.totals.committed, locale), paid: formatEuro(data.totals.paid, locale) })}
      </p>
      {data.original ? (
        <p>
          <Link to={`/finance/ledger/${data.original.id}`}>{t("finance.ledger.reverses", { id: data.original.id })}</Link>
        </p>
      ) : null}
      {data.reversal ? (
        <p className="alert alert-warning py-2" data-testid="reversed-by">
          <Link to={`/finance/ledger/${data.reversal.id}`}>{t("finance.ledger.reversedBy", { id: data.reversal.id })}</Link>
        </p>
      ) : null}
      {canEdit && data.remainingCents > 0 && !entry.reversesEntryId ? <ReversalForm /> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
