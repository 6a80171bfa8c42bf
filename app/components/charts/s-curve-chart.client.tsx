import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";
import type { SCurveGate, SCurvePoint } from "./s-curve";
import { axisEuro, monthLabel } from "./s-curve-labels";

const colors = { planned: "#5c6f82", committed: "#0066cc", paid: "#008055", reported: "#7a4d9c", gate: "#a66300", asOf: "#17324d" };

/**
 * The S-curve's drawing, browser only: a `.client` module, so the server build gets an empty module
 * and neither renders nor loads recharts (issue 15). `SCurve` mounts it after hydration.
 */
export function SCurveChart({ points, gates, asOf }: { points: SCurvePoint[]; gates: SCurveGate[]; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const asOfMonth = asOf.slice(0, 7);
  return (
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
  );
}
