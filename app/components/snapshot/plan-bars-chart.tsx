import { barsSvg, type BarLayout } from "~/domain/plan/plan-bars";

/**
 * The plan as bars (ghost baseline bars underneath when the layout carries them). The SVG text
 * is the one the evidence pack embeds, so screen and PDF always agree.
 */
export function PlanBarsChart({ layout, label }: { layout: BarLayout; label: string }) {
  return (
    <figure className="tg-bars mb-0" role="img" aria-label={label} data-testid="plan-bars">
      <div className="tg-bars-scroll" dangerouslySetInnerHTML={{ __html: barsSvg(layout, { truncate: 52 }) }} />
    </figure>
  );
}
