import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms/form-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { ExpensePicker } from "~/components/reports/report-parts";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { addMonths, monthEnd, monthStart, periodOf } from "~/domain/close/period";
import { translator } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { getDb } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createReport, getExpenseCandidates, pickerRowsOf, reportCups } from "~/models/reports/report.server";
import { requireViewerWith } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { answer } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Nuovo rendiconto · Traguardi" }];

/** The last whole bimester before today: what a two-monthly report normally covers. */
function defaultPeriod(day: string) {
  const month = periodOf(day);
  const [, m] = month.split("-").map(Number);
  const bimesterStart = addMonths(month, -((m - 1) % 2));
  const from = addMonths(bimesterStart, -2);
  return { periodFrom: monthStart(from), periodTo: monthEnd(addMonths(from, 1)) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:report");
    const programme = getCurrentProgramme(actor);
    const locale = await getLocale(request);
    const t = translator(locale);
    const url = new URL(request.url);
    const cups = reportCups(getDb(), programme.id);
    const fallback = defaultPeriod(today(request));
    const query = {
      cup: url.searchParams.get("cup") ?? cups[0] ?? "",
      periodFrom: url.searchParams.get("periodFrom") ?? fallback.periodFrom,
      periodTo: url.searchParams.get("periodTo") ?? fallback.periodTo,
    };
    try {
      const rows = pickerRowsOf(getExpenseCandidates(actor, programme.id, query), locale);
      return { cups, query, rows, queryErrors: {} as Record<string, string> };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { cups, query, rows: null, queryErrors: Object.fromEntries(error.issues.map((i) => [i.field ?? "form", t(i.message.key, i.message.params)])) };
    }
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return plainWrite(request, "update:report", async ({ viewer, formData }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const report = createReport(
        viewer.actor,
        programme.id,
        {
          cup: formString(formData, "cup"),
          periodFrom: formString(formData, "periodFrom"),
          periodTo: formString(formData, "periodTo"),
          note: formString(formData, "note"),
          ledgerEntryIds: formData.getAll("ledgerEntryIds").map((value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : -1)),
        },
        today(request),
      );
      return redirect(`/reports/${report.id}`, { headers: await toastHeaders({ kind: "success", message: "report.created" }) });
    });
  });
}

export default function NewReportPage() {
  const { cups, query, rows, queryErrors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const t = useT();
  const errors = [...(failure?.formErrors ?? []), ...Object.values(failure?.fieldErrors ?? {}).flat()];
  return (
    <>
      <Link to="/reports">← {t("report.title")}</Link>
      <h1 className="h2 mt-2">{t("report.new")}</h1>
      <section className="tg-card mb-4" aria-labelledby="report-period">
        <h2 className="h5" id="report-period">
          {t("report.field.period")}
        </h2>
        <Form method="get" className="d-flex flex-wrap gap-3 align-items-end">
          <div className="tg-field">
            <label htmlFor="cup">{t("report.field.cup")}</label>
            <select id="cup" name="cup" className="form-select font-monospace" defaultValue={query.cup} aria-invalid={queryErrors.cup ? true : undefined} aria-describedby={queryErrors.cup ? "cup-error" : undefined}>
              {cups.map((cup) => (
                <option key={cup} value={cup}>
                  {cup}
                </option>
              ))}
            </select>
            {queryErrors.cup ? <div className="invalid-feedback d-block" id="cup-error">{queryErrors.cup}</div> : null}
          </div>
          <div className="tg-field">
            <label htmlFor="periodFrom">{t("report.field.periodFrom")}</label>
            <input type="date" id="periodFrom" name="periodFrom" className="form-control" defaultValue={query.periodFrom} aria-invalid={queryErrors.periodFrom ? true : undefined} aria-describedby={queryErrors.periodFrom ? "periodFrom-error" : undefined} />
            {queryErrors.periodFrom ? <div className="invalid-feedback d-block" id="periodFrom-error">{queryErrors.periodFrom}</div> : null}
          </div>
          <div className="tg-field">
            <label htmlFor="periodTo">{t("report.field.periodTo")}</label>
            <input type="date" id="periodTo" name="periodTo" className="form-control" defaultValue={query.periodTo} aria-invalid={queryErrors.periodTo ? true : undefined} aria-describedby={queryErrors.periodTo ? "periodTo-error" : undefined} />
            {queryErrors.periodTo ? <div className="invalid-feedback d-block" id="periodTo-error">{queryErrors.periodTo}</div> : null}
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t("report.showCandidates")}
          </button>
        </Form>
      </section>
      {rows ? (
        <section className="tg-card" aria-labelledby="report-candidates">
          <h2 className="h5" id="report-candidates">
            {t("report.candidates")}
          </h2>
          <p className="small text-secondary">{t("report.candidatesHint")}</p>
          <Form method="post" noValidate>
            <FormErrors id="report-errors" errors={errors} />
            <input type="hidden" name="cup" value={query.cup} />
            <input type="hidden" name="periodFrom" value={query.periodFrom} />
            <input type="hidden" name="periodTo" value={query.periodTo} />
            <ExpensePicker rows={rows} captionId="report-candidates" />
            <div className="tg-field mt-3">
              <label htmlFor="note">{t("report.field.note")}</label>
              <textarea id="note" name="note" className="form-control" rows={2} maxLength={2000} />
            </div>
            <div className="mt-3">
              <SubmitButton label={t("report.create")} />
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
