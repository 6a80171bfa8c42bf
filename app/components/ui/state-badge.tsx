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
