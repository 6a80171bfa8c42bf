import { useEffect, useState } from "react";
import type { CurvePoint } from "~/domain/training/rollout";
// recharts only in the browser (issue 15): on the server this import is an empty module.
import { RolloutCurveChart } from "./rollout-curve-chart.client";

/**
 * Cumulative people trained (solid) against the straight-line plan (dashed), with the gate and today
 * marked. The server renders the sized frame; the chart draws after hydration.
 */
export function RolloutCurve({ points, gateDate, asOf }: { points: CurvePoint[]; gateDate: string; asOf: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure className="mb-0" data-testid="rollout-curve">
      <div style={{ width: "100%", height: 340 }}>
        {mounted && RolloutCurveChart ? <RolloutCurveChart points={points} gateDate={gateDate} asOf={asOf} /> : null}
      </div>
    </figure>
  );
}
