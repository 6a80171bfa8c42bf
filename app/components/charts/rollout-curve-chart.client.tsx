import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/core/dates";
import type { CurvePoint } from "~/domain/training/rollout";
import { useLocale, useT } from "~/i18n/use-t";
import { countFormatter } from "~/domain/core/count-format";
import { dateTimeFormat, localeTag } from "~/domain/core/intl-cache";

/** The rollout curve's drawing, browser only (`.client`: the server build gets an empty module, issue 15). */
export function RolloutCurveChart({ points, gateDate, asOf }: { points: CurvePoint[]; gateDate: string; asOf: string }) {
  const t = useT();
  const locale = useLocale();
  const number = countFormatter(locale, { maximumFractionDigits: 0 });
  const month = dateTimeFormat(localeTag(locale), { month: "short", year: "2-digit", timeZone: "UTC" });
  const data = points.map((p) => ({ date: p.date, planned: Math.round(p.planned), trained: p.trained }));
  const hasToday = data.some((p) => p.date === asOf);
  return (
    <ResponsiveContainer>
      <LineChart data={data} margin={{ top: 24, right: 72, bottom: 8, left: 16 }}>
        <CartesianGrid stroke="#e3e4e6" />
        <XAxis dataKey="date" tickFormatter={(d: string) => month.format(new Date(`${d}T00:00:00Z`))} tick={{ fontSize: 12, fill: "#17324d" }} minTickGap={16} />
        <YAxis tickFormatter={(n: number) => number.format(n)} tick={{ fontSize: 12, fill: "#17324d" }} width={64} label={{ value: t("training.curve.axisPeople"), angle: -90, position: "insideLeft", offset: -6, style: { fill: "#17324d", fontSize: 12 } }} />
        <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(value, name) => [number.format(Number(value)), name]} />
        <Legend wrapperStyle={{ fontSize: 14 }} />
        <Line type="linear" dataKey="planned" name={t("training.curve.planned")} stroke="#5c6f82" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="linear" dataKey="trained" name={t("training.curve.trained")} stroke="#0066cc" strokeWidth={3} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
        <ReferenceLine x={gateDate} stroke="#d9364f" strokeWidth={2} label={{ value: t("training.curve.gate", { date: formatDate(gateDate) }), position: "top", fill: "#8a0f1a", fontSize: 12 }} />
        {hasToday && asOf !== gateDate ? (
          <ReferenceLine x={asOf} stroke="#17324d" strokeDasharray="2 3" label={{ value: t("training.curve.today"), position: "insideBottomLeft", fill: "#17324d", fontSize: 12 }} />
        ) : null}
      </LineChart>
    </ResponsiveContainer>
  );
}
