import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Euro } from "~/components/finance/money";
import { ReportStateBadge } from "~/components/reports/report-parts";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { listReports } from "~/models/reports/report.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { useCan } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Rendiconti di progetto · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    return { reports: listReports(actor, programme.id) };
  });
}

export default function ReportsPage() {
  const { reports } = useLoaderData<typeof loader>();
  const t = useT();
  const canBuild = useCan("update:report");
  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mb-3">
        <div>
          <h1 className="h2">{t("report.title")}</h1>
          <p className="text-secondary mb-0" style={{ maxWidth: "60rem" }}>
            {t("report.intro")}
          </p>
        </div>
        {canBuild ? (
          <Link to="/reports/new" className="btn btn-primary">
            {t("report.new")}
          </Link>
        ) : null}
      </div>
      <section className="tg-card" aria-labelledby="report-list">
        <h2 className="h5" id="report-list">
          {t("report.title")}
        </h2>
        {reports.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0" data-testid="report-list">
              <thead>
                <tr>
                  <th scope="col">{t("report.field.number")}</th>
                  <th scope="col">{t("report.field.cup")}</th>
                  <th scope="col">{t("report.field.period")}</th>
                  <th scope="col">{t("report.field.state")}</th>
                  <th scope="col" className="tg-num">{t("report.field.count")}</th>
                  <th scope="col" className="tg-num">{t("report.field.total")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id} data-testid={`report-row-${r.number}`} data-state={r.state}>
                    <td>
                      <Link to={`/reports/${r.id}`} className="fw-semibold">
                        {t("report.numbered", { number: r.number })}
                      </Link>
                    </td>
                    <td className="font-monospace">{r.cup}</td>
                    <td>
                      <DateText value={r.periodFrom} /> – <DateText value={r.periodTo} />
                    </td>
                    <td>
                      <ReportStateBadge state={r.state} />{" "}
                      <span className="small">
                        <DateText value={r.stateDate} />
                      </span>
                    </td>
                    <td className="tg-num">{r.count}</td>
                    <td className="tg-num">
                      <Euro cents={r.totalCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
