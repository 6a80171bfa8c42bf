import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditChanges } from "~/components/ui/audit-changes";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp, isIsoDate } from "~/domain/core/dates";
import { isRole } from "~/domain/core/permissions";
import { isMessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { listAudit, listAuditActors, listAuditEntityTypes } from "~/models/audit/audit.server";
import { requireViewerWith } from "~/utils/auth.server";
import { TableScroll } from "~/components/ui/table-scroll";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Registro delle modifiche · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:audit");
    const url = new URL(request.url);
    const actorId = Number(url.searchParams.get("user")) || undefined;
    const entityType = url.searchParams.get("entity") || undefined;
    const from = url.searchParams.get("from") ?? "";
    const to = url.searchParams.get("to") ?? "";
    const page = Number(url.searchParams.get("page")) || 1;
    const result = listAudit(actor, {
      actorId,
      entityType,
      entityId: url.searchParams.get("id") || undefined,
      from: isIsoDate(from) ? from : undefined,
      to: isIsoDate(to) ? to : undefined,
      page,
    });
    return { ...result, actors: listAuditActors(actor), entityTypes: listAuditEntityTypes(actor) };
  });
}

export default function AuditPage() {
  const { entries, total, page, pageCount, actors, entityTypes: types } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const entityLabel = (type: string) => {
    const key = `audit.entity.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
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
        <Link to="/audit/verify" className="btn btn-outline-primary">
          {t("snapshot.auditVerify")}
        </Link>
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
          <div className="col-6 col-md-2 tg-field mb-0">
            <label htmlFor="audit-from">{t("audit.from")}</label>
            <input id="audit-from" type="date" name="from" className="form-control" defaultValue={searchParams.get("from") ?? ""} />
          </div>
          <div className="col-6 col-md-2 tg-field mb-0">
            <label htmlFor="audit-to">{t("audit.to")}</label>
            <input id="audit-to" type="date" name="to" className="form-control" defaultValue={searchParams.get("to") ?? ""} />
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
                      <AuditChanges before={entry.before} after={entry.after} />
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
