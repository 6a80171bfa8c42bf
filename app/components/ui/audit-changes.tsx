import { formatDate, isIsoDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { isMessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";

function useFieldLabel() {
  const t = useT();
  return (field: string) => {
    const key = `field.${field}`;
    return isMessageKey(key) ? t(key) : field;
  };
}

function useValueText() {
  const locale = useLocale();
  const t = useT();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "number" && /Cents$/.test(field)) return formatEuro(value, locale);
    if (typeof value === "string" && isIsoDate(value)) return formatDate(value);
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (field === "status" && typeof value === "string") {
      const key = `status.${value}`;
      if (isMessageKey(key)) return t(key);
    }
    if (Array.isArray(value)) return value.join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
}

/** The fields of an audit record: before → after for updates, the values for creations and deletions. */
export function AuditChanges({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const label = useFieldLabel();
  const text = useValueText();
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (fields.length === 0) return <span className="text-secondary">—</span>;
  return (
    <ul className="tg-audit-changes">
      {fields.map((field) => {
        const was = before?.[field];
        const now = after?.[field];
        return (
          <li key={field} data-field={field}>
            <span className="fw-semibold">{label(field)}</span>:{" "}
            {before && after ? (
              <>
                <span className="tg-diff-before">{text(field, was)}</span> → <span className="tg-diff-after">{text(field, now)}</span>
              </>
            ) : (
              <span className={after ? "tg-diff-after" : "tg-diff-before"}>{text(field, after ? now : was)}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
