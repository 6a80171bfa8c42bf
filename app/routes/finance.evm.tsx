import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExportLinks } from "~/components/finance/finance-nav";
import { Euro } from "~/components/finance/money";
import { Progress } from "~/components/ui/progress";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { explainEvm, formatIndex, type EvmResult } from "~/domain/evm";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getEarnedValue } from "~/models/finance/spend.server";
import { getWorkPackageSummaries } from "~/models/plan/plan.server";
import { worstState } from "~/domain/plan/status";
import { requireViewer } from "~/utils/auth.server";
import { asOfParam } from "~/utils/finance-params.server";
import { today } from "~/utils/today.server";
import { TableScroll } from "~/components/ui/table-scroll";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Valore realizzato · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const asOf = asOfParam(request);
    // The schedule verdict comes from the plan's state rules, as on the dashboard, on the same date.
    const schedule = getWorkPackageSummaries(actor, programme.id, asOf).workPackages.map((wp) => ({ id: wp.id, state: wp.state, endDate: wp.endDate }));
    const programmeState = worstState(schedule.map((wp) => wp.state).filter((state) => state !== "done"), "done");
    return { ...getEarnedValue(actor, programme.id, asOf), schedule, programmeState, programmeEnd: programme.endDate, isPast: asOf < today() };
  });
}

function IndexValue({ value }: { value: number | null }) {
  const locale = useLocale();
  const tone = value === null ? "" : value < 0.95 ? "text-danger fw-bold" : value > 1.05 ? "text-success fw-bold" : "";
  return <span className={tone}>{formatIndex(value, locale)}</span>;
}

function EvmCells({ evm }: { evm: EvmResult }) {
  return (
    <>
      <td className="tg-num"><Euro cents={evm.bac} /></td>
      <td className="tg-num"><Euro cents={evm.pv} /></td>
      <td className="tg-num"><Euro cents={evm.ev} /></td>
      <td className="tg-num"><Euro cents={evm.ac} /></td>
      <td className="tg-num"><IndexValue value={evm.spi} /></td>
      <td className="tg-num"><IndexValue value={evm.cpi} /></td>
      <td className="tg-num"><Euro cents={evm.eac} /></td>
    </>
  );
}

export default function FinanceEvm() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="tg-card mb-4" aria-labelledby="evm-title">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <h2 className="h4 mb-0" id="evm-title">
            {t("finance.evm.title")}
          </h2>
          <ExportLinks view="evm" />
        </div>
        <p>{t("finance.evm.intro")}</p>
        {data.isPast ? <p className="alert alert-warning py-2">{t("finance.evm.pastNote")}</p> : null}
        <TableScroll labelledBy="evm-title">
          <table className="table tg-table tg-fin-compact mb-0" data-testid="evm-table">
            <thead>
              <tr>
                <th scope="col">{t("finance.col.workPackage")}</th>
                <th scope="col" style={{ width: "8rem" }}>{t("finance.evm.progress")}</th>
                <th scope="col" className="tg-num">{t("finance.col.budget")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.pv")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.ev")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.ac")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.spi")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.cpi")}</th>
                <th scope="col" className="tg-num">{t("finance.evm.eac")}</th>
              </tr>
            </thead>
            <tbody>
              {data.workPackages.map((wp) => (
                <tr key={wp.id} data-testid={`evm-row-${wp.code}`}>
                  <th scope="row">
                    {wp.code} <span className="fw-normal">{wp.title}</span>
                  </th>
                  <td>
                    <Progress value={wp.progress} label={`${wp.code} ${t("finance.evm.progress")}`} />
                  </td>
                  <EvmCells evm={wp.evm} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="fw-bold">
                <th scope="row">{t("finance.evm.programme")}</th>
                <td>
                  <Progress value={data.totalProgress} label={`${t("finance.evm.programme")} ${t("finance.evm.progress")}`} />
                </td>
                <EvmCells evm={data.total} />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>
      <section className="row g-3 mb-4">
        {[
          { code: t("finance.evm.programme"), evm: data.total, progress: data.totalProgress, id: 0, schedule: { state: data.programmeState, endDate: data.programmeEnd } },
          ...data.workPackages.map((wp) => ({ code: wp.code, evm: wp.evm, progress: wp.progress, id: wp.id, schedule: data.schedule.find((s) => s.id === wp.id) })),
        ].map((row) => (
          <div className="col-12 col-lg-6" key={row.id}>
            <div className="tg-card h-100">
              <h3 className="h6">{t("finance.evm.explain", { code: row.code })}</h3>
              <ul className="tg-fin-evm-explain mb-0" data-testid={`evm-explain-${row.id}`}>
                {explainEvm(row.evm, row.progress, locale, row.schedule).map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ul>
            </div>
          </div>
        ))}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
