import { dateProblem } from "~/domain/core/bounds";
import { ValidationError } from "~/models/core/errors.server";
import { ledgerKinds, type LedgerKind } from "~/domain/finance/finance-values";
import { ledgerSortColumns, type LedgerSort } from "~/models/finance/ledger.server";
import { today } from "./today.server";

/**
 * A date of the query string, or undefined when absent or empty. A value that is not a date inside
 * the domain's bounds is the client's mistake: a 400 naming the parameter (not silently another
 * date: an auditor asking for the situation at 2025-13-01 must not be shown today's).
 */
function queryDate(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name) ?? "";
  if (value === "") return undefined;
  const problem = dateProblem(value);
  if (problem) throw ValidationError.field(name, "finance.error.queryDate", { name });
  return value;
}

/** The view's reference date: ?asOf=YYYY-MM-DD, never after today; today when absent. */
export function asOfParam(request: Request): string {
  const value = queryDate(new URL(request.url).searchParams, "asOf");
  const now = today();
  if (value === undefined) return now;
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
  const from = queryDate(params, "from");
  const to = queryDate(params, "to");
  return {
    asOf,
    budgetLineId: number("line"),
    workPackageId: number("wp"),
    kind: ledgerKinds.includes(kind as LedgerKind) ? (kind as LedgerKind) : undefined,
    from,
    to: to !== undefined && to < asOf ? to : asOf,
    q: (params.get("q") ?? "").trim().slice(0, 200) || undefined,
    supplier: (params.get("supplier") ?? "").trim().slice(0, 200) || undefined,
    cig: (params.get("cig") ?? "").trim().slice(0, 10) || undefined,
    sort: ledgerSortColumns.includes(params.get("sort") as LedgerSort) ? (params.get("sort") as LedgerSort) : undefined,
    dir: params.get("dir") === "asc" ? ("asc" as const) : params.get("dir") === "desc" ? ("desc" as const) : undefined,
    page: number("page") ?? 1,
  };
}

