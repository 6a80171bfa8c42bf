import { isIsoDate } from "~/domain/core/dates";
import type { AuditFilters } from "~/models/audit/audit.server";

/** The audit log's filters from the query string: the page, the CSV and the XLSX read the same ones. */
export function auditFiltersOf(url: URL): AuditFilters {
  const params = url.searchParams;
  const positive = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    actorId: positive("user"),
    entityType: params.get("entity") || undefined,
    entityId: params.get("id") || undefined,
    budgetLineId: positive("line"),
    includeSessions: params.get("sessions") === "1",
    from: isIsoDate(from) ? from : undefined,
    to: isIsoDate(to) ? to : undefined,
    page: positive("page") ?? 1,
  };
}
