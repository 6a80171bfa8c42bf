import { useEffect, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { dateTimeFormat, localeTag } from "~/domain/core/intl-cache";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/ui/table-scroll";

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

function monthLabel(month: string, locale: "it" | "en") {
  const [y, m] = month.split("-").map(Number);
  const name = dateTimeFormat(localeTag(locale), { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  return `${name.replace(".", "")} ${String(y)}`;
}

/** Whole euros on the axis (cents would crowd it), still in the € 1.234.567 style. */
function axisEuro(cents: number, locale: "it" | "en") {
  return formatEuro(Math.round(cents / 100) * 100, locale).replace(/[,.]00$/, "");
}

/**
 * Cumulative planned vs committed vs paid, month by month, with both gates marked. Recharts
 * measures the page, so the chart itself draws in the browser; the data table below it is
 * rendered on the server too and serves screen readers.
 */
export function SCurve({ points, gates, asOf }: { points: SCurvePoint[]; gates: SCurveGate[]; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const asOfMonth = asOf.slice(0, 7);
  const current = points.find((p) => p.month === asOfMonth) ?? points[points.length - 1];
  const colors = { planned: "#5c6f82", committed: "#0066cc", paid: "#008055", reported: "#7a4d9c", gate: "#a66300", asOf: "#17324d" };
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
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            {/* Hidden from assistive tech (the description and the table carry the data), so not focusable either. */}
            <LineChart data={points} margin={{ top: 28, right: 72, bottom: 8, left: 24 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#e3e4e6" strokeDasharray="3 3" />
              <XAxis dataKey="month" tickFormatter={(m: string) => monthLabel(m, locale)} interval={5} tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={(v: number) => axisEuro(v, locale)} width={118} tick={{ fontSize: 12 }} />
              <Tooltip
                formatter={(value) => formatEuro(Number(value), locale)}
                labelFormatter={(m) => monthLabel(String(m), locale)}
              />
              <Legend verticalAlign="bottom" height={32} />
              {gates.map((gate) => (
                <ReferenceLine
                  key={gate.code}
                  x={gate.month}
                  stroke={colors.gate}
                  strokeDasharray="6 3"
                  label={{ value: `${gate.code} · ${formatDate(gate.dueDate)}`, position: "top", fill: colors.gate, fontSize: 12, fontWeight: 600 }}
                />
              ))}
              <ReferenceLine x={asOfMonth} stroke={colors.asOf} label={{ value: `${t("finance.chart.asOf")} ${formatDate(asOf)}`, position: "insideBottomRight", fill: colors.asOf, fontSize: 12 }} />
              <Line type="monotone" dataKey="cumPlanned" name={t("finance.chart.planned")} stroke={colors.planned} strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="cumCommitted" name={t("finance.chart.committed")} stroke={colors.committed} strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="cumPaid" name={t("finance.chart.paid")} stroke={colors.paid} strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
              <Line type="stepAfter" dataKey="cumReported" name={t("report.reported")} stroke={colors.reported} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
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
