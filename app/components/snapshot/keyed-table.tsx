import { formatDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import type { KeyedTable } from "~/domain/snapshots/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";

export function formatCell(value: string | number | null | undefined, kind: KeyedTable["columns"][number]["kind"], locale: "it" | "en" = "it") {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") {
    if (kind === "cents") return formatEuro(value, locale);
    if (kind === "percent") return `${value.toLocaleString(locale === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: 1 })}%`;
    return value.toLocaleString(locale === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: 2 });
  }
  if (kind === "date") return formatDate(value);
  return value;
}

/** A training or indicator table as frozen in a snapshot. */
export function KeyedTableView({ table, caption, testId }: { table: KeyedTable; caption: string; testId: string }) {
  const locale = useLocale();
  const t = useT();
  return (
    <div className="table-responsive">
      <table className="table tg-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t("snapshot.diff.item")}</span>
            </th>
            {table.columns.map((column) => (
              <th scope="col" key={column.key} className={column.kind === "text" || column.kind === "date" ? undefined : "tg-num"}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              {table.columns.map((column) => (
                <td key={column.key} className={column.kind === "text" || column.kind === "date" ? undefined : "tg-num"}>
                  {formatCell(row.values[column.key], column.kind, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
