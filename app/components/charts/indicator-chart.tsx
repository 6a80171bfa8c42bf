import { formatIndicatorValue } from "~/domain/indicators/format";
import type { IndicatorUnit } from "~/domain/training/training-values";
import { useEffect, useState } from "react";
import { useLocale } from "~/i18n/use-t";
// recharts only in the browser (issue 15): on the server this import is an empty module.
import { IndicatorChartDrawing } from "./indicator-chart-drawing.client";

export function useIndicatorFormat(unit: IndicatorUnit) {
  const locale = useLocale();
  return (value: number | null | undefined) => formatIndicatorValue(value, unit, locale);
}

/**
 * Measured values against the straight target path, on a true time axis so uneven measurement
 * dates keep their spacing. The server renders the labelled, sized frame; the drawing mounts after
 * hydration.
 */
export function IndicatorChart(props: {
  series: { date: string; target: number; actual: number | null }[];
  unit: IndicatorUnit;
  dueDate: string;
  asOf: string;
  height?: number;
  compact?: boolean;
  label: string;
}) {
  const { label, height = 300, ...drawing } = props;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure className="mb-0" aria-label={label} role="img">
      <div style={{ width: "100%", height }}>
        {mounted && IndicatorChartDrawing ? <IndicatorChartDrawing {...drawing} /> : null}
      </div>
    </figure>
  );
}
