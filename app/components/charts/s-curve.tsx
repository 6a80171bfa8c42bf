import { useEffect, useState } from "react";
import { formatEuro } from "~/domain/core/money";
import { monthLabel } from "./s-curve-labels";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/ui/table-scroll";
// recharts only in the browser (issue 15): on the server this import is an empty module.
import { SCurveChart } from "./s-curve-chart.client";

export interface SCurvePoint {
  month: string;
  cumPlanned: number;
  cumCommitted: number | null;
  cumPaid: number | null;
  /** Rendicontato (issue 14): in reports submitted or accepted at the month's end. */
  cumReported?: number | null;
}

export interface SCurveGate {
  code: string;
  name: string;
  nameEn: string;
  dueDate: string;
  month: string;
}

/**
 * Cumulative planned vs committed vs paid, month by month, with both gates marked. Recharts
 * measures the page, so the chart itself draws in the browser only (`s-curve-chart.client.tsx`: the
 * server neither renders nor loads recharts, issue 15); the data table below it is
 * rendered on the server too and serves screen readers.
 */
export function SCurve({ points, gates, asOf }: { points: SCurvePoint[]; gates: SCurveGate[]; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const asOfMonth = asOf.slice(0, 7);
  const current = points.find((p) => p.month === asOfMonth) ?? points[points.length - 1];
  return (
    <figure className="mb-0" aria-labelledby="s-curve-title">
      <h2 className="h4" id="s-curve-title">
        {t("finance.chart.title")}
      </h2>
      <p className="visually-hidden">
        {t("finance.chart.description", {
          from: monthLabel(points[0].month, locale),
          to: monthLabel(points[points.length - 1].month, locale),
          planned: formatEuro(current.cumPlanned, locale),
          committed: formatEuro(current.cumCommitted ?? 0, locale),
          paid: formatEuro(current.cumPaid ?? 0, locale),
        })}
      </p>
      <div style={{ width: "100%", height: 420 }} data-testid="s-curve" aria-hidden="true">
        {mounted && SCurveChart ? <SCurveChart points={points} gates={gates} asOf={asOf} /> : null}
      </div>
      <details className="mt-2">
        <summary id="s-curve-table-title">{t("finance.chart.title")} – {t("finance.chart.month")}</summary>
        <TableScroll labelledBy="s-curve-table-title" style={{ maxHeight: "20rem" }}>
          <table className="table table-sm tg-table" data-testid="s-curve-table">
            <thead>
              <tr>
                <th scope="col">{t("finance.chart.month")}</th>
                <th scope="col" className="tg-num">{t("finance.chart.planned")}</th>
                <th scope="col" className="tg-num">{t("finance.chart.committed")}</th>
                <th scope="col" className="tg-num">{t("finance.chart.paid")}</th>
                <th scope="col" className="tg-num">{t("report.reported")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month} data-month={p.month}>
                  <th scope="row">{monthLabel(p.month, locale)}</th>
                  <td className="tg-num">{formatEuro(p.cumPlanned, locale)}</td>
                  <td className="tg-num" data-series="committed">{p.cumCommitted === null ? "—" : formatEuro(p.cumCommitted, locale)}</td>
                  <td className="tg-num" data-series="paid">{p.cumPaid === null ? "—" : formatEuro(p.cumPaid, locale)}</td>
                  <td className="tg-num" data-series="reported">{p.cumReported == null ? "—" : formatEuro(p.cumReported, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
