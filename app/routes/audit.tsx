import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditChanges } from "~/components/ui/audit-changes";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp, isIsoDate } from "~/domain/core/dates";
import { isRole } from "~/domain/core/permissions";
import { isMessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { listAudit, listAuditActors, listAuditBudgetLines, listAuditEntityTypes } from "~/models/audit/audit.server";
import { auditFiltersOf } from "~/utils/audit-params.server";
import { entityWord } from "~/domain/audit/audit-words";
import { requireViewerWith } from "~/utils/auth.server";
import { TableScroll } from "~/components/ui/table-scroll";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Registro delle modifiche · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:audit");
    const filters = auditFiltersOf(new URL(request.url));
    const result = listAudit(actor, filters);
    return { ...result, actors: listAuditActors(actor), entityTypes: listAuditEntityTypes(actor), budgetLines: listAuditBudgetLines(actor) };
  });
}

export default function AuditPage() {
  const { entries, references, total, page, pageCount, actors, entityTypes: types, budgetLines } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const entityLabel = (type: string) => entityWord(type, locale);
  const exportQuery = (() => {
    const params = new URLSearchParams(searchParams);
    params.delete("page");
    const query = params.toString();
    return query ? `?${query}` : "";
  })();
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  const pageLink = (target: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(target));
    return `?${params}`;
  };
  return (
    <>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2">
        <h1 className="h2" id="audit-title">{t("audit.title")}</h1>
        <div className="d-flex gap-2 flex-wrap">
          <a className="btn btn-outline-primary" href={`/audit.csv${exportQuery}`} download data-testid="audit-export-csv">
            {t("audit.exportCsv")}
          </a>
          <a className="btn btn-outline-primary" href={`/audit.xlsx${exportQuery}`} download data-testid="audit-export-xlsx">
            {t("audit.exportXlsx")}
          </a>
          <Link to="/audit/verify" className="btn btn-outline-primary">
            {t("snapshot.auditVerify")}
          </Link>
        </div>
      </div>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="tg-card mb-4" aria-label={t("action.filter")}>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-3 tg-field mb-0">
            <label htmlFor="audit-user">{t("audit.user")}</label>
            <select id="audit-user" name="user" className="form-select" defaultValue={searchParams.get("user") ?? ""}>
              <option value="">{t("audit.all")}</option>
              {actors
                .filter((a) => a.actorId)
                .map((a) => (
                  <option key={a.actorId} value={a.actorId!}>
                    {a.actorName}
                  </option>
                ))}
            </select>
          </div>
          <div className="col-12 col-md-3 tg-field mb-0">
            <label htmlFor="audit-entity">{t("audit.entityType")}</label>
            <select id="audit-entity" name="entity" className="form-select" defaultValue={searchParams.get("entity") ?? ""}>
              <option value="">{t("audit.all")}</option>
              {types.map((type) => (
                <option key={type} value={type}>
                  {entityLabel(type)}
                </option>
              ))}
            </select>
          </div>
          <div className="col-12 col-md-3 tg-field mb-0">
            <label htmlFor="audit-budget-line">{t("audit.budgetLine")}</label>
            <select id="audit-budget-line" name="line" className="form-select" defaultValue={searchParams.get("line") ?? ""}>
              <option value="">{t("audit.all")}</option>
              {budgetLines.map((line) => (
                <option key={line.id} value={line.id}>
                  {line.code} {line.title}
                </option>
              ))}
            </select>
          </div>
          <div className="col-6 col-md-2 tg-field mb-0">
            <label htmlFor="audit-from">{t("audit.from")}</label>
            <input id="audit-from" type="date" name="from" className="form-control" defaultValue={searchParams.get("from") ?? ""} />
          </div>
          <div className="col-6 col-md-2 tg-field mb-0">
            <label htmlFor="audit-to">{t("audit.to")}</label>
            <input id="audit-to" type="date" name="to" className="form-control" defaultValue={searchParams.get("to") ?? ""} />
          </div>
          <div className="col-12 col-md-3 mb-0">
            <div className="form-check mb-0">
              <input className="form-check-input" type="checkbox" id="audit-sessions" name="sessions" value="1" defaultChecked={searchParams.get("sessions") === "1"} />
              <label className="form-check-label" htmlFor="audit-sessions">
                {t("audit.includeSessions")}
              </label>
            </div>
          </div>
          <div className="col-12 col-md-2 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              {t("action.filter")}
            </button>
            <Link to="/audit" className="btn btn-outline-secondary">
              {t("action.reset")}
            </Link>
          </div>
        </div>
      </Form>
      <div className="tg-card">
        <p className="small text-secondary" data-testid="audit-count">
          {t("audit.count", { count: total })}
        </p>
        {entries.length === 0 ? (
          <p>{t("audit.empty")}</p>
        ) : (
          <TableScroll labelledBy="audit-title">
            <table className="table tg-table">
              <thead>
                <tr>
                  <th scope="col">{t("audit.when")}</th>
                  <th scope="col">{t("audit.who")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.entity")}</th>
                  <th scope="col">{t("audit.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id} data-testid="audit-row">
                    <td className="tg-nowrap">{formatTimestamp(entry.at, locale)}</td>
                    <td>
                      {entry.actorName}
                      <div className="small text-secondary">{isRole(entry.actorRole) ? t(`role.${entry.actorRole}`) : entry.actorRole}</div>
                    </td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>
                      <div className="small text-secondary">{entityLabel(entry.entityType)}</div>
                      {entry.entityLabel}
                    </td>
                    <td>
                      <AuditChanges before={entry.before} after={entry.after} references={references} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pageCount > 1 ? (
          <nav className="d-flex gap-3 align-items-center" aria-label={t("a11y.pagination")}>
            {page > 1 ? <Link to={pageLink(page - 1)}>← {t("audit.previous")}</Link> : null}
            <span>
              {page} / {pageCount}
            </span>
            {page < pageCount ? <Link to={pageLink(page + 1)}>{t("audit.next")} →</Link> : null}
          </nav>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
