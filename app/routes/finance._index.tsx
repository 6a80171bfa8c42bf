import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SCurve } from "~/components/charts/s-curve";
import { ExportLinks } from "~/components/finance/finance-nav";
import { Euro, Percent } from "~/components/finance/money";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getSpendSummary } from "~/models/finance/spend.server";
import { requireViewer } from "~/utils/auth.server";
import { asOfParam } from "~/utils/finance-params.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Finanza · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    return getSpendSummary(actor, programme.id, asOfParam(request));
  });
}

function Figure({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="col-12 col-sm-6 col-lg-4 col-xl-2">
      <div className="tg-card h-100 py-3 px-3">
        <div className="small fw-semibold text-secondary">{label}</div>
        <div className="fs-5 fw-bold" data-testid={testId}>
          {children}
        </div>
      </div>
    </div>
  );
}

export default function FinanceSummary() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { summary } = data;
  const keep = (path: string) => `${path}?asOf=${data.asOf}`;
  return (
    <>
      <div className="row g-3 mb-3">
        <Figure label={t("finance.summary.plannedToDate")} testId="sum-planned">
          <Euro cents={summary.plannedToDate} />
        </Figure>
        <Figure label={t("finance.summary.committed")} testId="sum-committed">
          <Euro cents={summary.committed} className={summary.overCommitted ? "text-danger" : ""} />
        </Figure>
        <Figure label={t("finance.summary.paid")} testId="sum-paid">
          <Euro cents={summary.paid} />
        </Figure>
        <Figure label={t("report.reported")} testId="sum-reported">
          <Link to="/reports" title={t("report.reportedHint")}>
            <Euro cents={summary.reported} />
          </Link>
        </Figure>
        <Figure label={t("finance.summary.absorption")} testId="sum-absorption">
          <Percent value={summary.absorption} />
        </Figure>
        <Figure label={t("finance.summary.variance")} testId="sum-variance">
          <Euro cents={summary.variance} className={summary.variance < 0 ? "text-danger" : ""} />
        </Figure>
        <Figure label={t("finance.summary.eac")} testId="sum-eac">
          <Euro cents={summary.forecastAtCompletion} />
        </Figure>
      </div>
      <p className={summary.budgetDifference === 0 ? "text-success" : "alert alert-warning"} data-testid="budget-check">
        {summary.budgetDifference === 0
          ? t("finance.summary.budgetOk", { total: formatEuro(summary.programmeTotal, locale) })
          : t("finance.summary.budgetDiff", {
              lines: formatEuro(summary.budget, locale),
              total: formatEuro(summary.programmeTotal, locale),
              difference: formatEuro(summary.budgetDifference, locale),
            })}
      </p>
      <p className={summary.overCommitted ? "alert alert-danger" : "text-success"} data-testid="commit-check" data-over={summary.overCommitted ? "yes" : "no"}>
        {summary.overCommitted
          ? t("finance.summary.commitOver", {
              committed: formatEuro(summary.committed, locale),
              total: formatEuro(summary.programmeTotal, locale),
              excess: formatEuro(summary.committed - summary.programmeTotal, locale),
            })
          : t("finance.summary.commitOk", { committed: formatEuro(summary.committed, locale), total: formatEuro(summary.programmeTotal, locale) })}
      </p>
      {summary.overCommittedLines.length ? (
        <div className="alert alert-danger" data-testid="lines-over">
          {t("finance.summary.linesOver", {
            lines: summary.overCommittedLines.map((l) => `${l.code} (${formatEuro(l.committed, locale)} > ${formatEuro(l.budget, locale)})`).join(", "),
          })}{" "}
          {summary.overCommittedLines.map((l) => (
            <Link key={l.id} to={`/finance/budget-lines/${l.id}`} className="me-2">
              {l.code}
            </Link>
          ))}
        </div>
      ) : null}
      <section className="tg-card mb-4">
        <div className="d-flex justify-content-end">
          <ExportLinks view="scurve" />
        </div>
        <SCurve points={data.months} gates={data.gates} asOf={data.asOf} />
      </section>
      <section className="tg-card mb-4" aria-labelledby="by-wp-title">
        <div className="d-flex flex-wrap gap-2 justify-content-between align-items-center mb-2">
          <h2 className="h4 mb-0" id="by-wp-title">
            {t("finance.summary.byWp")}
          </h2>
          <ExportLinks view="summary" />
        </div>
        <div className="table-responsive">
          <table className="table tg-table tg-fin-compact mb-0" data-testid="wp-summary">
            <thead>
              <tr>
                <th scope="col">{t("finance.col.workPackage")}</th>
                <th scope="col" className="tg-num">{t("finance.col.budget")}</th>
                <th scope="col" className="tg-num">{t("finance.summary.plannedToDate")}</th>
                <th scope="col" className="tg-num">{t("finance.summary.committed")}</th>
                <th scope="col" className="tg-num">{t("finance.summary.paid")}</th>
                <th scope="col" className="tg-num">{t("finance.col.absorption")}</th>
                <th scope="col" className="tg-num">{t("finance.summary.eac")}</th>
              </tr>
            </thead>
            <tbody>
              {data.byWorkPackage.map((wp) => (
                <tr key={wp.id} data-testid={`wp-row-${wp.code}`}>
                  <th scope="row">
                    <Link to={keep(`/finance/ledger`) + `&wp=${wp.id}`}>{wp.code}</Link> <span className="fw-normal">{wp.title}</span>
                  </th>
                  <td className="tg-num"><Euro cents={wp.budget} /></td>
                  <td className="tg-num"><Euro cents={wp.plannedToDate} /></td>
                  <td className="tg-num"><Euro cents={wp.committed} className={wp.committed > wp.budget ? "text-danger fw-bold" : ""} /></td>
                  <td className="tg-num"><Euro cents={wp.paid} /></td>
                  <td className="tg-num"><Percent value={wp.absorption} /></td>
                  <td className="tg-num"><Euro cents={wp.eac} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="fw-bold">
                <th scope="row">{t("finance.col.total")}</th>
                <td className="tg-num"><Euro cents={summary.budget} /></td>
                <td className="tg-num"><Euro cents={summary.plannedToDate} /></td>
                <td className="tg-num"><Euro cents={summary.committed} className={summary.overCommitted ? "text-danger" : ""} /></td>
                <td className="tg-num"><Euro cents={summary.paid} /></td>
                <td className="tg-num"><Percent value={summary.absorption} /></td>
                <td className="tg-num"><Euro cents={summary.forecastAtCompletion} /></td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
