import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExportLinks } from "~/components/finance/finance-nav";
import { Euro } from "~/components/finance/money";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { listBudgetLines } from "~/models/finance/budget-lines.server";
import { requireViewer } from "~/utils/auth.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Linee di budget · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return listBudgetLines(actor, getCurrentProgramme(actor).id);
  });
}

export default function BudgetLines() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:finance");
  return (
    <section className="tg-card mb-4" aria-labelledby="lines-title">
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
        <h2 className="h4 mb-0" id="lines-title">
          {t("finance.budget.title")}
        </h2>
        <div className="d-flex gap-2">
          <ExportLinks view="budget" />
          {canEdit ? (
            <Link to="/finance/budget-lines/new" className="btn btn-sm btn-primary">
              {t("finance.budget.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className={data.difference === 0 ? "text-success fw-semibold" : "alert alert-warning"} data-testid="budget-check">
        {data.difference === 0
          ? t("finance.summary.budgetOk", { total: formatEuro(data.programmeTotal, locale) })
          : t("finance.summary.budgetDiff", {
              lines: formatEuro(data.linesTotal, locale),
              total: formatEuro(data.programmeTotal, locale),
              difference: formatEuro(data.difference, locale),
            })}
      </p>
      <div className="table-responsive">
        <table className="table tg-table" data-testid="budget-lines">
          <thead>
            <tr>
              <th scope="col">{t("finance.col.workPackage")}</th>
              <th scope="col">{t("finance.field.code")}</th>
              <th scope="col">{t("finance.field.title")}</th>
              <th scope="col">{t("finance.field.category")}</th>
              <th scope="col">{t("finance.field.fundingSource")}</th>
              <th scope="col">{t("finance.field.cup")}</th>
              <th scope="col" className="tg-num">{t("finance.field.amount")}</th>
              <th scope="col" className="tg-num">{t("finance.budget.profileTotal")}</th>
              <th scope="col" className="tg-num">{t("finance.budget.committedCol")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((line) => (
              <tr key={line.id} data-testid={`line-${line.code}`}>
                <td>{line.workPackageCode}</td>
                <td className="fw-semibold tg-nowrap">
                  <Link to={`/finance/budget-lines/${line.id}`}>{line.code}</Link>
                </td>
                <td>{line.title}</td>
                <td>{t(`finance.category.${line.category}`)}</td>
                <td>{t(`finance.funding.${line.fundingSource}`)}</td>
                <td className="font-monospace">{line.cup}</td>
                <td className="tg-num"><Euro cents={line.amountCents} /></td>
                <td className={`tg-num ${line.profileCents !== line.amountCents ? "text-danger fw-semibold" : ""}`}>
                  {line.profileMonths === 0 ? t("finance.budget.profileMissing") : <Euro cents={line.profileCents} />}
                </td>
                <td className={`tg-num ${line.committedCents > line.amountCents ? "text-danger fw-bold" : ""}`} data-testid={`committed-${line.code}`} data-over={line.committedCents > line.amountCents ? "yes" : "no"}>
                  <Euro cents={line.committedCents} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="fw-bold">
              <th scope="row" colSpan={6}>{t("finance.col.total")}</th>
              <td className="tg-num" data-testid="lines-total"><Euro cents={data.linesTotal} /></td>
              <td />
              <td />
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
