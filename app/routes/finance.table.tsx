import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { ExportLinks } from "~/components/finance/finance-nav";
import { Euro } from "~/components/finance/money";
import { formatEuro } from "~/domain/core/money";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getSpendTable } from "~/models/finance/spend.server";
import { requireViewer } from "~/utils/auth.server";
import { asOfParam } from "~/utils/finance-params.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Spesa per trimestre · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const asOf = asOfParam(request);
    const requested = Number(new URL(request.url).searchParams.get("year"));
    const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : Number(asOf.slice(0, 4));
    return getSpendTable(actor, programme.id, asOf, year);
  });
}

type Cell = { planned: number; plannedToDate: number; committed: number; paid: number; flag: "over" | "under" | null };

function SpendCell({ cell, started, href, testId }: { cell: Cell; started: boolean; href: string; testId?: string }) {
  const t = useT();
  const tone = cell.flag === "over" ? "tg-fin-over" : cell.flag === "under" ? "tg-fin-under" : "";
  return (
    <td className={`tg-num tg-fin-cell ${tone}`} data-testid={testId} data-flag={cell.flag ?? ""}>
      <Link to={href} className="tg-fin-cell-link">
        <span className="d-block fw-semibold">
          <Euro cents={cell.paid} />
        </span>
        <span className="d-block small text-secondary">
          / <Euro cents={cell.plannedToDate} />
        </span>
        <span className="d-block small">
          {t("finance.table.committed")} <Euro cents={cell.committed} />
        </span>
        {cell.flag ? <span className="d-block small fw-semibold">{t(cell.flag === "over" ? "finance.table.over" : "finance.table.under")}</span> : null}
        {!started && cell.planned > 0 ? <span className="d-block small text-secondary">{t("finance.table.notStarted")}</span> : null}
      </Link>
    </td>
  );
}

/**
 * What is committed up to the reference date against its limit (the line's or package's budget,
 * the programme's total), in red with a written cue when beyond it, as on the summary and the line.
 */
function CommittedCell({ committed, limit, testId, strong }: { committed: number; limit: number; testId: string; strong?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const over = committed > limit;
  return (
    <td className={`tg-num ${over ? "text-danger fw-bold" : strong ? "fw-semibold" : ""}`} data-testid={testId} data-over={over ? "yes" : "no"}>
      <Euro cents={committed} />
      {over ? <span className="d-block small">{t("finance.table.overBudget", { excess: formatEuro(committed - limit, locale) })}</span> : null}
    </td>
  );
}

export default function FinanceTable() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const q = (n: number) => `${locale === "it" ? "T" : "Q"}${n} ${data.year}`;
  const ledgerLink = (filter: string, from: string, to: string) =>
    `/finance/ledger?asOf=${data.asOf}&${filter}&from=${from}&to=${to < data.asOf ? to : data.asOf}`;
  const yearFrom = `${data.year}-01-01`;
  const yearTo = `${data.year}-12-31`;
  return (
    <section className="tg-card mb-4" aria-labelledby="table-title">
      <div className="d-flex flex-wrap justify-content-between align-items-end gap-2 mb-2">
        <h2 className="h4 mb-0" id="table-title">
          {t("finance.table.title")}
        </h2>
        <Form method="get" className="d-flex align-items-end gap-2">
          <input type="hidden" name="asOf" value={data.asOf} />
          <div>
            <label htmlFor="year" className="small fw-semibold d-block">
              {t("finance.table.year")}
            </label>
            <select id="year" name="year" defaultValue={data.year} className="form-select form-select-sm" onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              {data.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className="btn btn-sm btn-outline-primary">{t("finance.asOf.apply")}</button>
          </noscript>
        </Form>
        <ExportLinks view="table" extra={{ year: String(data.year) }} />
      </div>
      <p className="small text-secondary">{t("finance.table.legend")}</p>
      <div className="table-responsive">
        <table className="table tg-table tg-fin-table tg-fin-compact mb-0" data-testid="spend-table">
          <thead>
            <tr>
              <th scope="col">{t("finance.col.line")}</th>
              {data.quarters.map((quarter) => (
                <th scope="col" className="tg-num" key={quarter.key}>
                  {q(quarter.quarter)}
                </th>
              ))}
              <th scope="col" className="tg-num">{t("finance.table.yearTotal", { year: data.year })}</th>
              <th scope="col" className="tg-num">{t("finance.table.committedToDate")}</th>
              <th scope="col" className="tg-num">{t("finance.col.budget")}</th>
            </tr>
          </thead>
          <tbody>
            {data.workPackages.map((wp) => (
              <Fragment key={wp.id}>
                <tr className="tg-fin-wp" data-testid={`table-wp-${wp.code}`}>
                  <th scope="row">
                    {wp.code} <span className="fw-normal">{wp.title}</span>
                  </th>
                  {wp.quarters.map((cell, i) => (
                    <SpendCell key={i} cell={cell} started={data.quarters[i].started} href={ledgerLink(`wp=${wp.id}`, data.quarters[i].from, data.quarters[i].to)} />
                  ))}
                  <SpendCell cell={wp.year} started={data.quarters[0].started} href={ledgerLink(`wp=${wp.id}`, yearFrom, yearTo)} />
                  <CommittedCell committed={wp.toDate.committed} limit={wp.toDate.budget} testId={`committed-${wp.code}`} strong />
                  <td className="tg-num fw-semibold"><Euro cents={wp.toDate.budget} /></td>
                </tr>
                {wp.lines.map((line) => (
                  <tr key={line.id} data-testid={`table-line-${line.code}`}>
                    <th scope="row" className="ps-4 fw-normal">
                      <span className="fw-semibold">{line.code}</span> {line.title}
                    </th>
                    {line.quarters.map((cell, i) => (
                      <SpendCell
                        key={i}
                        cell={cell}
                        started={data.quarters[i].started}
                        href={ledgerLink(`line=${line.id}`, data.quarters[i].from, data.quarters[i].to)}
                        testId={`cell-${line.code}-Q${i + 1}`}
                      />
                    ))}
                    <SpendCell cell={line.year} started={data.quarters[0].started} href={ledgerLink(`line=${line.id}`, yearFrom, yearTo)} testId={`cell-${line.code}-year`} />
                    <CommittedCell committed={line.toDate.committed} limit={line.toDate.budget} testId={`committed-${line.code}`} />
                    <td className="tg-num"><Euro cents={line.toDate.budget} /></td>
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            <tr className="tg-fin-wp">
              <th scope="row">{t("finance.table.programme")}</th>
              {data.total.quarters.map((cell, i) => (
                <SpendCell key={i} cell={cell} started={data.quarters[i].started} href={ledgerLink("all=1", data.quarters[i].from, data.quarters[i].to)} />
              ))}
              <SpendCell cell={data.total.year} started={data.quarters[0].started} href={ledgerLink("all=1", yearFrom, yearTo)} />
              <CommittedCell committed={data.total.toDate.committed} limit={data.programmeTotal} testId="committed-programme" strong />
              <td className="tg-num fw-bold"><Euro cents={data.total.toDate.budget} /></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
