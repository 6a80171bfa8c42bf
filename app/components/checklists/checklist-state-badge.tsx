import type { ChecklistState } from "~/domain/checklists/values";
import { useT } from "~/i18n/use-t";

const classes: Record<ChecklistState, string> = {
  draft: "tg-state tg-state-on_track",
  completed: "tg-state tg-state-at_risk",
  verified: "tg-state tg-state-done",
  rejected: "tg-state tg-state-late",
};

export function ChecklistStateBadge({ state }: { state: ChecklistState }) {
  const t = useT();
  return (
    <span className={classes[state]} data-checklist-state={state}>
      {t(`checklist.state.${state}`)}
    </span>
  );
}
