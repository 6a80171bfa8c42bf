import { formatDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { formatIndicatorValue } from "~/domain/indicators/format";
import type { IndicatorUnit } from "~/domain/training/training-values";
import type { KeyedTable } from "./snapshot-content";

type Row = KeyedTable["rows"][number];
type Kind = KeyedTable["columns"][number]["kind"];

/**
 * The unit a frozen row's numbers are in: an indicator row carries it in its "unit" cell ("%",
 * "n.", "valore"); a training row has none and holds head counts.
 */
export function unitOfRow(row: Row): IndicatorUnit {
  const unit = row.values.unit;
  if (unit === "%") return "percent";
  if (unit === "valore") return "number";
  return "count";
}

/** One cell of a frozen training or indicator table, formatted as the live pages format it. */
export function formatKeyedCell(row: Row, column: KeyedTable["columns"][number], locale: "it" | "en" = "it"): string {
  return formatKeyedValue(row.values[column.key], column.kind, unitOfRow(row), locale);
}

export function formatKeyedValue(value: string | number | null | undefined, kind: Kind, unit: IndicatorUnit, locale: "it" | "en" = "it"): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") {
    if (kind === "cents") return formatEuro(value, locale);
    if (kind === "percent") return formatIndicatorValue(value, "percent", locale);
    return formatIndicatorValue(value, unit, locale);
  }
  return kind === "date" ? formatDate(value) : value;
}
