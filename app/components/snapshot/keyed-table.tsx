import { formatKeyedCell } from "~/domain/snapshots/keyed-format";
import type { KeyedTable } from "~/domain/snapshots/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";

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
                  {formatKeyedCell(row, column, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
