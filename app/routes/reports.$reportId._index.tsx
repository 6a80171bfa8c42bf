import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms/form-errors";
import { Euro } from "~/components/finance/money";
import { ExpensePicker, ReportStateBadge } from "~/components/reports/report-parts";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import { isReportMove, reportEditable, reportMoves, type ReportMove } from "~/domain/reports/states";
import { useLocale, useT } from "~/i18n/use-t";
import { getExpenseCandidates, getReport, moveReport, pickerRowsOf, setReportExpenses } from "~/models/reports/report.server";
import { requireViewer } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { answer, idParam } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Rendiconto di progetto · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const locale = await getLocale(request);
    const detail = getReport(actor, idParam(params.reportId));
    const { report } = detail;
    const candidates = reportEditable(report.state)
      ? pickerRowsOf(getExpenseCandidates(actor, report.programmeId, { cup: report.cup, periodFrom: report.periodFrom, periodTo: report.periodTo }, report.id), locale, (c) => c.inThisReport)
      : null;
    return { ...detail, candidates, today: today(request) };
  });
}

const moveOrder: ReportMove[] = ["submit", "accept", "return", "reject"];

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const intent = new URL(request.url).searchParams.get("intent") ?? "";
    const permission = isReportMove(intent) ? reportMoves[intent].permission : "update:report";
    return plainWrite(request, permission, async ({ viewer, formData }) => {
      const id = idParam(params.reportId);
      const version = Number(formString(formData, "version"));
      const back = async (message: "report.saved" | "report.moved") => redirect(`/reports/${id}`, { headers: await toastHeaders({ kind: "success", message }) });
      if (isReportMove(intent)) {
        moveReport(viewer.actor, { id, version, move: intent, date: formString(formData, "date"), note: formString(formData, "note") }, today(request));
        return back("report.moved");
      }
      setReportExpenses(viewer.actor, {
        id,
        version,
        ledgerEntryIds: formData.getAll("ledgerEntryIds").map((value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : -1)),
        note: formString(formData, "note"),
      });
      return back("report.saved");
    });
  });
}

export default function ReportPage() {
  const { report, expenses, request, attestation, attestationFrozenOn, events, candidates, today: day } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const errors = [...(failure?.formErrors ?? []), ...Object.values(failure?.fieldErrors ?? {}).flat()];
  const t = useT();
  const locale = useLocale();
  const canBuild = useCan("update:report");
  const canAnswer = useCan("record:report-outcome");
  const canReadDocuments = useCan("read:documents");
  const moves = moveOrder.filter((move) => reportMoves[move].from.includes(report.state) && (reportMoves[move].permission === "update:report" ? canBuild : canAnswer));
  return (
    <>
      <Link to="/reports">← {t("report.title")}</Link>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mt-2 mb-3">
        <div>
          <h1 className="h2 mb-1">{t("report.numbered", { number: report.number })}</h1>
          <p className="mb-1">
            {t("report.field.cup")} <span className="font-monospace fw-semibold">{report.cup}</span> · {t("report.field.period")} <DateText value={report.periodFrom} /> – <DateText value={report.periodTo} />
          </p>
          {report.note ? <p className="small text-secondary mb-0">{report.note}</p> : null}
        </div>
        <div className="text-end" data-testid="report-state">
          <ReportStateBadge state={report.state} />
          <div className="small mt-1">
            {t("report.field.stateDate")} <DateText value={report.stateDate} />
          </div>
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2 mb-3">
        <a className="btn btn-outline-primary" href={`/reports/${report.id}/pdf`} download data-testid="report-pdf">
          {t("report.downloadPdf")}
        </a>
        {canReadDocuments ? (
          <a className="btn btn-outline-primary" href={`/reports/${report.id}/zip`} download data-testid="report-zip">
            {t("report.downloadZip")}
          </a>
        ) : null}
      </div>

      <FormErrors id="report-errors" errors={errors} />

      <section className="tg-card mb-4" aria-labelledby="report-request">
        <h2 className="h4" id="report-request">
          {t("report.request")}
        </h2>
        <p className="fs-4 fw-bold mb-2">
          {t("report.field.total")}: <span data-testid="report-total"><Euro cents={request.totalCents} /></span>
        </p>
        <p className="small">
          {request.count} {t("report.field.count").toLowerCase()}
        </p>
        <div className="row g-3">
          <div className="col-12 col-lg-7">
            <h3 className="h6" id="report-by-line">{t("report.byLine")}</h3>
            <div className="table-responsive">
              <table className="table table-sm tg-table mb-0" data-testid="report-by-line" aria-labelledby="report-by-line">
                <thead>
                  <tr>
                    <th scope="col">{t("report.field.line")}</th>
                    <th scope="col" className="tg-num">{t("report.field.count")}</th>
                    <th scope="col" className="tg-num">{t("report.field.amount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {request.byLine.map((l) => (
                    <tr key={l.code}>
                      <th scope="row">{l.code} <span className="fw-normal">{l.title}</span></th>
                      <td className="tg-num">{l.count}</td>
                      <td className="tg-num"><Euro cents={l.amountCents} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="col-12 col-lg-5">
            <h3 className="h6" id="report-by-category">{t("report.byCategory")}</h3>
            <div className="table-responsive">
              <table className="table table-sm tg-table mb-0" data-testid="report-by-category" aria-labelledby="report-by-category">
                <thead>
                  <tr>
                    <th scope="col">{t("report.field.category")}</th>
                    <th scope="col" className="tg-num">{t("report.field.amount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {request.byCategory.map((c) => (
                    <tr key={c.category}>
                      <th scope="row" className="fw-normal">{t(`finance.category.${c.category}` as never)}</th>
                      <td className="tg-num"><Euro cents={c.amountCents} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </section>

      {moves.length ? (
        <section className="tg-card mb-4" aria-labelledby="report-moves">
          <h2 className="h5" id="report-moves">
            {t("report.moves")}
          </h2>
          <p className="small text-secondary">{t("report.movesHint")}</p>
          <div className="d-flex flex-column gap-3">
            {moves.map((move) => (
              <Form key={move} method="post" action={`?intent=${move}`} className="d-flex flex-wrap gap-3 align-items-end" data-testid={`move-${move}`}>
                <input type="hidden" name="version" value={report.version} />
                <div className="tg-field">
                  <label htmlFor={`date-${move}`}>{t("report.field.date")}</label>
                  <input type="date" id={`date-${move}`} name="date" className="form-control" defaultValue={day} max={day} />
                </div>
                <div className="tg-field flex-grow-1">
                  <label htmlFor={`note-${move}`}>
                    {t("report.field.note")}
                    {reportMoves[move].noteRequired ? " *" : ""}
                  </label>
                  <input id={`note-${move}`} name="note" className="form-control" maxLength={2000} />
                </div>
                <button type="submit" className={move === "submit" || move === "accept" ? "btn btn-primary" : "btn btn-outline-danger"}>
                  {t(`report.move.${move}`)}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}

      <section className="tg-card mb-4" aria-labelledby="report-expenses">
        <h2 className="h5" id="report-expenses">
          {t("report.expenses")}
        </h2>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0" data-testid="report-expenses">
            <thead>
              <tr>
                <th scope="col">{t("report.field.entry")}</th>
                <th scope="col">{t("report.field.paidOn")}</th>
                <th scope="col">{t("report.field.supplier")}</th>
                <th scope="col">{t("report.field.cig")}</th>
                <th scope="col">{t("report.field.documents")}</th>
                <th scope="col" className="tg-num">{t("report.field.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {expenses.map((e) => (
                <tr key={e.id} data-testid={`report-expense-${e.id}`}>
                  <td>
                    <Link to={`/finance/ledger/${e.id}`}>n. {e.id}</Link>
                  </td>
                  <td>
                    <DateText value={e.entryDate} />
                  </td>
                  <td>
                    {e.supplier}
                    <div className="small text-secondary">
                      {e.documentNumber} · {e.lineCode}
                    </div>
                  </td>
                  <td className="font-monospace">{e.cig ?? "—"}</td>
                  <td>
                    <ul className="list-unstyled mb-0 small">
                      {e.documents.map((d) => (
                        <li key={d.id}>
                          {canReadDocuments ? <a href={`/documents/${d.id}/download`}>{d.name}</a> : d.name} ({t(`documents.role.${d.role}` as never)})
                          <div className="font-monospace text-secondary text-break" data-sha256={d.sha256}>
                            SHA-256 {d.sha256}
                          </div>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="tg-num">
                    <Euro cents={e.amountCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {candidates && canBuild ? (
        <section className="tg-card mb-4" aria-labelledby="report-edit">
          <h2 className="h5" id="report-edit">
            {t("report.candidates")}
          </h2>
          <p className="small text-secondary">{t("report.candidatesHint")}</p>
          <Form method="post" action="?intent=expenses" noValidate>
            <input type="hidden" name="version" value={report.version} />
            <ExpensePicker rows={candidates} captionId="report-edit" />
            <div className="tg-field mt-3">
              <label htmlFor="note">{t("report.field.note")}</label>
              <textarea id="note" name="note" className="form-control" rows={2} maxLength={2000} defaultValue={report.note} />
            </div>
            <button type="submit" className="btn btn-outline-primary mt-3">
              {t("report.saveExpenses")}
            </button>
          </Form>
        </section>
      ) : !reportEditable(report.state) ? (
        <p className="small text-secondary" data-testid="report-locked">
          {t("report.notEditable", { state: t(`report.state.${report.state}`).toLowerCase() })}
        </p>
      ) : null}

      <section className="tg-card mb-4" aria-labelledby="report-attestation">
        <h2 className="h5" id="report-attestation">
          {t("report.attestation")}
        </h2>
        <p className="small">{t("report.attestationIntro")}</p>
        {attestationFrozenOn ? (
          <p className="small fw-semibold" data-testid="attestation-frozen">
            {t("report.attestationFrozen", { date: formatDate(attestationFrozenOn) })}
          </p>
        ) : null}
        {attestation.length ? (
          <div className="table-responsive">
            <table className="table table-sm tg-table mb-0" data-testid="report-attestation">
              <thead>
                <tr>
                  <th scope="col">{t("report.field.checklist")}</th>
                  <th scope="col">{t("report.field.subject")}</th>
                  <th scope="col">{t("report.field.state")}</th>
                  <th scope="col">{t("report.field.completedBy")}</th>
                  <th scope="col">{t("report.field.verifiedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {attestation.map((c) => (
                  <tr key={c.id} data-checklist={`${c.templateCode}:${c.subjectKey}`} data-state={c.state}>
                    <td>
                      <Link to={`/checklists/${c.id}`}>{locale === "en" ? c.titleEn : c.title}</Link>
                      <div className="small text-secondary">{c.reference}</div>
                    </td>
                    <td>
                      <span className="font-monospace">{c.subjectKey}</span>
                      {c.subjectLabel ? <div className="small text-secondary">{c.subjectLabel}</div> : null}
                    </td>
                    <td>{t(`checklist.state.${c.state}`)}</td>
                    <td>
                      {c.completedByName ?? "—"}
                      {c.completedAt ? <div className="small">{formatTimestamp(c.completedAt, locale)}</div> : null}
                    </td>
                    <td>
                      {c.state === "verified" || c.state === "rejected" ? c.reviewedByName : "—"}
                      {c.reviewedAt && (c.state === "verified" || c.state === "rejected") ? <div className="small">{formatTimestamp(c.reviewedAt, locale)}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("report.noChecks")}</p>
        )}
      </section>

      <section className="tg-card" aria-labelledby="report-history">
        <h2 className="h5" id="report-history">
          {t("report.history")}
        </h2>
        <ol className="list-unstyled mb-0" data-testid="report-history">
          {events.map((e) => (
            <li key={e.id} className="mb-2" data-to-state={e.toState}>
              <DateText value={e.date} /> · <ReportStateBadge state={e.toState} /> · <Euro cents={e.totalCents} /> · {e.byName}
              {e.note ? <span> — {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
