import type { IndicatorStatus } from "~/domain/indicators/trajectory";
import { useT } from "~/i18n/use-t";

/** On track / at risk / missed, with "achieved" shown as its own badge once the target is reached. */
export function IndicatorStatusBadge({ status, achieved }: { status: IndicatorStatus; achieved: boolean }) {
  const t = useT();
  const shown = achieved ? "achieved" : status;
  return (
    <span className={`tg-ind-status tg-ind-status-${shown}`} data-status={status} data-achieved={achieved ? "true" : "false"}>
      {t(`training.indicator.status.${shown}`)}
    </span>
  );
}
