import { isIsoDate } from "~/domain/core/dates";
import { ledgerKinds, type LedgerKind } from "~/domain/finance-values";
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
    page: number("page") ?? 1,
  };
}

