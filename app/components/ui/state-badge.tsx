import type { ItemState } from "~/domain/plan/status";
import { useT } from "~/i18n/use-t";

export function StateBadge({ state }: { state: ItemState }) {
  const t = useT();
  return (
    <span className={`tg-state tg-state-${state}`} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}

/** The flag beside an item reported done ahead of an unfinished predecessor. */
export function InconsistencyFlag({ predecessors, detailed = false }: { predecessors?: readonly string[]; detailed?: boolean }) {
  const t = useT();
  if (!predecessors?.length) return null;
  const text = t("consistency.short", { predecessors: predecessors.join(", ") });
  if (detailed)
    return (
      <span className="d-block small tg-inconsistency-text mt-1" data-testid="inconsistency-flag">
        <span className="badge tg-inconsistency">⚠ {t("consistency.badge")}</span> {t("consistency.unfinished", { predecessors: predecessors.join(", ") })}
      </span>
    );
  return (
    <span className="badge tg-inconsistency ms-1" title={text} data-testid="inconsistency-flag">
      ⚠ {t("consistency.badge")}
      <span className="visually-hidden">: {text}</span>
    </span>
  );
}
