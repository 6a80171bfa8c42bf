import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Euro } from "~/components/finance/money";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { TableScroll } from "~/components/ui/table-scroll";
import { procedureTypes } from "~/domain/procurement/values";
import { useT } from "~/i18n/use-t";
import { listProcedures } from "~/models/procurement/procedure.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Appalti · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const url = new URL(request.url);
    const q = url.searchParams.get("q") ?? "";
    const type = url.searchParams.get("type") ?? "";
    return { procedures: listProcedures(actor, programme.id, { q, type }), q, type };
  });
}

export default function ProcurementRegister() {
  const { procedures, q, type } = useLoaderData<typeof loader>();
  const t = useT();
  const canEdit = useCan("update:procurement");
  const [params] = useSearchParams();
  return (
    <section className="tg-card mb-4" aria-labelledby="register-title">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <div>
          <h2 className="h4" id="register-title">
            {t("procurement.title")}
          </h2>
          <p className="small text-secondary mb-2">{t("procurement.intro")}</p>
        </div>
        {canEdit ? (
          <Link to="/procurement/new" className="btn btn-primary btn-sm">
            {t("procurement.new")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="d-flex flex-wrap align-items-end gap-2 mb-3" key={params.toString()}>
        <div>
          <label htmlFor="q" className="small fw-semibold d-block">
            {t("procurement.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={q} className="form-control form-control-sm" />
        </div>
        <div>
          <label htmlFor="type" className="small fw-semibold d-block">
            {t("procurement.field.procedureType")}
          </label>
          <select id="type" name="type" defaultValue={type} className="form-select form-select-sm">
            <option value="">—</option>
            {procedureTypes.map((value) => (
              <option key={value} value={value}>
                {t(`procurement.type.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-sm btn-outline-primary">
          {t("procurement.filter")}
        </button>
      </Form>
      <p className="small" role="status">
        {t("procurement.count", { count: procedures.length })}
      </p>
      {procedures.length === 0 ? (
        <p>{t("procurement.none")}</p>
      ) : (
        <TableScroll labelledBy="register-title">
          <table className="table table-sm align-middle" data-testid="procedure-table">
            <thead>
              <tr>
                <th scope="col">{t("procurement.field.cig")}</th>
                <th scope="col">{t("procurement.field.subject")}</th>
                <th scope="col">{t("procurement.field.procedureType")}</th>
                <th scope="col">{t("procurement.col.winners")}</th>
                <th scope="col" className="text-end">
                  {t("procurement.field.awarded")}
                </th>
                <th scope="col">{t("procurement.field.awardDate")}</th>
                <th scope="col" className="text-end">
                  {t("procurement.col.committed")}
                </th>
                <th scope="col" className="text-end">
                  {t("procurement.col.paid")}
                </th>
              </tr>
            </thead>
            <tbody>
              {procedures.map((p) => (
                <tr key={p.id} data-cig={p.cig}>
                  <td>
                    <Link to={`/procurement/${p.id}`} className="font-monospace">
                      {p.cig}
                    </Link>
                  </td>
                  <td>{p.subject}</td>
                  <td className="small">{t(`procurement.type.${p.procedureType}`)}</td>
                  <td className="small">{p.winners.join(", ") || "—"}</td>
                  <td className="text-end">
                    <Euro cents={p.awardedCents} />
                  </td>
                  <td>
                    <DateText value={p.awardDate} />
                  </td>
                  <td className="text-end">
                    <Euro cents={p.committed} />
                  </td>
                  <td className="text-end">
                    <Euro cents={p.paid} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
