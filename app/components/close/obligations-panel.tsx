import { Link } from "@remix-run/react";
import { DateText } from "~/components/ui/format";
import type { Obligation, ObligationState } from "~/domain/close/obligations";
import { formatPeriod } from "~/domain/close/period";
import { useLocale, useT } from "~/i18n/use-t";

const stateClass: Record<ObligationState, string> = { done: "tg-state tg-state-done", due: "tg-state tg-state-on_track", late: "tg-state tg-state-late" };

export function ObligationStateBadge({ state }: { state: ObligationState }) {
  const t = useT();
  return (
    <span className={stateClass[state]} data-obligation-state={state}>
      {t(`close.obligation.state.${state}`)}
    </span>
  );
}

export function ObligationTitle({ obligation }: { obligation: Pick<Obligation, "kind" | "from" | "to"> }) {
  const t = useT();
  const locale = useLocale();
  const period = obligation.from === obligation.to ? formatPeriod(obligation.from, locale) : `${formatPeriod(obligation.from, locale)} – ${formatPeriod(obligation.to, locale)}`;
  return <>{t(`close.obligation.${obligation.kind}.title`, { period })}</>;
}

/** The dashboard's compact panel: late deadlines first, then the next few due. */
export function ObligationsPanel({ panel }: { panel: { late: Obligation[]; due: Obligation[]; lateCount: number } }) {
  const t = useT();
  const rows = [...panel.late, ...panel.due];
  return (
    <section className="tg-card mb-4" aria-labelledby="obligations-panel" data-testid="obligations-panel">
      <div className="d-flex flex-wrap justify-content-between align-items-baseline gap-2">
        <h2 className="h4" id="obligations-panel">
          {t("close.obligations")}
        </h2>
        <span className={panel.lateCount ? "text-danger fw-semibold" : "text-secondary"} data-testid="obligations-late-count">
          {panel.lateCount ? t("close.obligations.late", { count: panel.lateCount }) : t("close.obligations.none")}
        </span>
      </div>
      <ul className="list-unstyled mb-2">
        {rows.map((o) => (
          <li key={o.key} className="d-flex flex-wrap justify-content-between gap-2 py-1 border-bottom" data-obligation={o.key}>
            <span>
              <DateText value={o.dueDate} /> · <ObligationTitle obligation={o} />
            </span>
            <ObligationStateBadge state={o.state} />
          </li>
        ))}
      </ul>
      <Link to="/close">{t("close.obligations.all")}</Link>
    </section>
  );
}
