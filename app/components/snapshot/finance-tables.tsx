import { formatDate, formatQuarter } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import type { FinanceSection } from "~/domain/snapshots/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";

/** Budget, commitments and payments per work package and per line, as frozen. */
export function FinanceTables({ finance, asOf }: { finance: FinanceSection; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const euro = (cents: number) => formatEuro(cents, locale);
  const header = (
    <>
      <th scope="col" className="tg-num">{t("snapshot.finance.budget")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.plannedToDate")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.committed")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.paid")}</th>
      <th scope="col" className="tg-num">{t("snapshot.finance.residual")}</th>
    </>
  );
  const figures = (row: { budgetCents: number; plannedToDateCents: number; committedCents: number; paidCents: number }) => (
    <>
      <td className="tg-num">{euro(row.budgetCents)}</td>
      <td className="tg-num">{euro(row.plannedToDateCents)}</td>
      <td className="tg-num">{euro(row.committedCents)}</td>
      <td className="tg-num">{euro(row.paidCents)}</td>
      <td className="tg-num">{euro(row.budgetCents - row.paidCents)}</td>
    </>
  );
  // Spend against plan by quarter, cumulated: what the spend-vs-plan screen showed on that date.
  const quarters: { label: string; planned: number; paid: number; cumPlanned: number; cumPaid: number }[] = [];
  let cumPlanned = 0;
  let cumPaid = 0;
  for (const month of finance.months) {
    const label = formatQuarter(`${month.month}-01`, locale);
    let quarter = quarters[quarters.length - 1];
    if (!quarter || quarter.label !== label) quarters.push((quarter = { label, planned: 0, paid: 0, cumPlanned: 0, cumPaid: 0 }));
    quarter.planned += month.plannedCents;
    quarter.paid += month.paidCents;
    cumPlanned += month.plannedCents;
    cumPaid += month.paidCents;
    quarter.cumPlanned = cumPlanned;
    quarter.cumPaid = cumPaid;
  }
  return (
    <>
      <p className="text-secondary small">{t("snapshot.finance.entries", { count: finance.entryCount.toLocaleString("it-IT"), date: formatDate(asOf) })}</p>
      <h2 className="h5">{t("snapshot.finance.byWorkPackage")}</h2>
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
      <h2 className="h5">{t("snapshot.finance.byQuarter")}</h2>
      <div className="table-responsive mb-4">
        <table className="table table-sm tg-table" data-testid="frozen-spend-by-quarter">
          <thead>
            <tr>
              <th scope="col">{t("snapshot.finance.quarter")}</th>
              <th scope="col" className="tg-num">{t("snapshot.finance.planned")}</th>
              <th scope="col" className="tg-num">{t("snapshot.finance.paid")}</th>
              <th scope="col" className="tg-num">{t("snapshot.finance.cumPlanned")}</th>
              <th scope="col" className="tg-num">{t("snapshot.finance.cumPaid")}</th>
            </tr>
          </thead>
          <tbody>
            {quarters.map((q) => (
              <tr key={q.label}>
                <th scope="row">{q.label}</th>
                <td className="tg-num">{euro(q.planned)}</td>
                <td className="tg-num">{euro(q.paid)}</td>
                <td className="tg-num">{euro(q.cumPlanned)}</td>
                <td className="tg-num">{euro(q.cumPaid)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="h5">{t("snapshot.finance.lines")}</h2>
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
