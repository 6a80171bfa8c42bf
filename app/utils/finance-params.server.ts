import { isIsoDate } from "~/domain/core/dates";
import { ledgerKinds, type LedgerKind } from "~/domain/finance/finance-values";
import { ledgerSortColumns, type LedgerSort } from "~/models/finance/ledger.server";
import { today } from "./today.server";

/** The view's reference date: ?asOf=YYYY-MM-DD, never after today; today when absent or malformed. */
export function asOfParam(request: Request): string {
  const value = new URL(request.url).searchParams.get("asOf") ?? "";
  const now = today();
  if (!isIsoDate(value)) return now;
  return value > now ? now : value;
}

/** The list's filters from the query string; the as-of date caps the period. */
export function ledgerFiltersOf(request: Request) {
  const params = new URL(request.url).searchParams;
  const asOf = asOfParam(request);
  const number = (name: string) => {
    const value = Number(params.get(name));
    // Safe integers only: page=1e300 is an integer to JS but not to SQLite's OFFSET.
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  };
  const kind = params.get("kind");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    asOf,
    budgetLineId: number("line"),
    workPackageId: number("wp"),
    kind: ledgerKinds.includes(kind as LedgerKind) ? (kind as LedgerKind) : undefined,
    from: isIsoDate(from) ? from : undefined,
    to: isIsoDate(to) && to < asOf ? to : asOf,
    q: (params.get("q") ?? "").trim().slice(0, 200) || undefined,
    supplier: (params.get("supplier") ?? "").trim().slice(0, 200) || undefined,
    cig: (params.get("cig") ?? "").trim().slice(0, 10) || undefined,
    sort: ledgerSortColumns.includes(params.get("sort") as LedgerSort) ? (params.get("sort") as LedgerSort) : undefined,
    dir: params.get("dir") === "asc" ? ("asc" as const) : params.get("dir") === "desc" ? ("desc" as const) : undefined,
    page: number("page") ?? 1,
  };
}

