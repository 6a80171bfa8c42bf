import { describeChanges, type AuditReferences } from "~/domain/audit/audit-words";
import { useLocale } from "~/i18n/use-t";

/**
 * The fields of an audit record in people's words (~/domain/audit/audit-words): before → after for
 * updates, the values for creations and deletions; ids shown as the names they point to.
 */
export function AuditChanges({
  before,
  after,
  references = {},
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  references?: AuditReferences;
}) {
  const locale = useLocale();
  const lines = describeChanges(before, after, locale, references);
  if (lines.length === 0) return <span className="text-secondary">—</span>;
  return (
    <ul className="tg-audit-changes">
      {lines.map((line) => (
        <li key={line.field} data-field={line.field}>
          <span className="fw-semibold">{line.label}</span>:{" "}
          {line.before !== null && line.after !== null ? (
            <>
              <span className="tg-diff-before">{line.before}</span> → <span className="tg-diff-after">{line.after}</span>
            </>
          ) : (
            <span className={line.after !== null ? "tg-diff-after" : "tg-diff-before"}>{line.after ?? line.before}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
