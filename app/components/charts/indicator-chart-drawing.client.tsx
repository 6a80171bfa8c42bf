import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/core/dates";
import { dateTimeFormat, numberFormat } from "~/domain/core/intl-cache";
import type { IndicatorUnit } from "~/domain/training/training-values";
import { formatIndicatorValue } from "~/domain/indicators/format";
import { useLocale, useT } from "~/i18n/use-t";

const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * The indicator chart's drawing, browser only (`.client`: the server build gets an empty module,
 * issue 15). `IndicatorChart` mounts it after hydration.
 */
export function IndicatorChartDrawing({
  series,
  unit,
  dueDate,
  asOf,
  compact = false,
}: {
  series: { date: string; target: number; actual: number | null }[];
  unit: IndicatorUnit;
  dueDate: string;
  asOf: string;
  compact?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const format = (value: number | null | undefined) => formatIndicatorValue(value, unit, locale);
  const tag = locale === "it" ? "it-IT" : "en-GB";
  const month = dateTimeFormat(tag, { month: "short", year: "2-digit", timeZone: "UTC" });
  const data = series.map((p) => ({ x: dayMs(p.date), target: p.target, actual: p.actual }));
  const first = data[0]?.x ?? dayMs(asOf);
  // Today extends the axis, but not more than a year past the due date.
  const last = Math.max(data[data.length - 1]?.x ?? first, Math.min(dayMs(asOf), dayMs(dueDate) + 365 * 86_400_000));
  const compactNumber = numberFormat(tag, { notation: unit === "count" ? "compact" : "standard", maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer>
      <LineChart data={data} margin={{ top: compact ? 8 : 22, right: compact ? 12 : 72, bottom: 0, left: compact ? 0 : 8 }}>
        <CartesianGrid stroke="#e3e4e6" />
        <XAxis
          dataKey="x"
          type="number"
          scale="time"
          domain={[first, last]}
          tickFormatter={(x: number) => month.format(new Date(x))}
          tick={{ fontSize: compact ? 11 : 12, fill: "#17324d" }}
          tickCount={compact ? 4 : 7}
        />
        <YAxis
          domain={["auto", "auto"]}
          tickFormatter={(n: number) => `${compactNumber.format(n)}${unit === "percent" ? "%" : ""}`}
          tick={{ fontSize: compact ? 11 : 12, fill: "#17324d" }}
          width={compact ? 52 : 70}
        />
        {compact ? null : <Tooltip labelFormatter={(x) => formatDate(new Date(Number(x)).toISOString().slice(0, 10))} formatter={(value, name) => [format(Number(value)), name]} />}
        {compact ? null : <Legend wrapperStyle={{ fontSize: 14 }} />}
        <Line type="linear" dataKey="target" name={t("training.indicator.chart.target")} stroke="#5c6f82" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="linear" dataKey="actual" name={t("training.indicator.chart.actual")} stroke="#0066cc" strokeWidth={3} dot={{ r: compact ? 3 : 4 }} connectNulls isAnimationActive={false} />
        <ReferenceLine x={dayMs(dueDate)} stroke="#d9364f" strokeWidth={2} label={compact ? undefined : { value: `${t("training.indicator.chart.due")} ${formatDate(dueDate)}`, position: "top", fill: "#8a0f1a", fontSize: 12 }} />
        {dayMs(asOf) >= first && dayMs(asOf) <= last ? (
          <ReferenceLine x={dayMs(asOf)} stroke="#17324d" strokeDasharray="2 3" label={compact ? undefined : { value: t("training.indicator.chart.today"), position: "insideTopLeft", fill: "#17324d", fontSize: 12 }} />
        ) : null}
      </LineChart>
    </ResponsiveContainer>
  );
}
