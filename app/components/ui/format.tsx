import { formatDate } from "~/domain/core/dates";

/** A calendar date shown as dd/mm/yyyy with the machine-readable value kept. */
export function DateText({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  return (
    <time dateTime={value} className="tg-nowrap">
      {formatDate(value)}
    </time>
  );
}
