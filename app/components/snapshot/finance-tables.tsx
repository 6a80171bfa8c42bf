import { formatDate } from "~/domain/dates";
import { formatEuro } from "~/domain/money";
import type { FinanceSection } from "~/domain/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";

/** Budget, commitments and payments per work package and per line, as frozen. */
export function FinanceTables({ finance, asOf }: { finance: FinanceSection; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const euro = (cents: number) => formatEuro(cents, locale);
  const header = (
    <>
      <th scope="col" className="tg-num">{t("snapshot.finance.budget")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.committed")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.paid")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.residual")}</th>
    </>
  );
  const figures = (row: { budgetCents: number; committedCents: number; paidCents: number }) => (
    <>
      <td className="tg-num">{euro(row.budgetCents)}</td>
      <td className="tg-num">{euro(row.committedCents)}</td>
      <td className="tg-num">{euro(row.paidCents)}</td>
      <td className="tg-num">{euro(row.budgetCents - row.paidCents)}</td>
    </>
  );
  return (
    <>
      <p className="text-secondary small">{t("snapshot.finance.entries", { count: finance.entryCount.toLocaleString("it-IT"), date: formatDate(asOf) })}</p>
      <div className="table-responsive mb-4">
        <table className="table tg-table" data-testid="frozen-spend-by-wp">
          <thead>
            <tr>
              <th scope="col">{t("field.workPackage")}</th>
              {header}
            </tr>
          </thead>
          <tbody>
            {finance.byWorkPackage.map((row) => (
              <tr key={row.workPackageCode}>
                <th scope="row">{row.workPackageId === null ? t("snapshot.finance.unassigned") : row.workPackageCode}</th>
                {figures(row)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="fw-semibold">
              <th scope="row">{t("snapshot.finance.total")}</th>
              {figures(finance.totals)}
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="table-responsive">
        <table className="table table-sm tg-table" data-testid="frozen-budget-lines">
          <thead>
            <tr>
              <th scope="col">{t("snapshot.finance.line")}</th>
              {header}
            </tr>
          </thead>
          <tbody>
            {finance.budgetLines.map((line) => (
              <tr key={line.id}>
                <th scope="row">
                  <span className="fw-semibold">{line.code}</span> {line.title}
                </th>
                {figures(line)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
