import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import { useT } from "~/i18n/use-t";
import { listSuppliers } from "~/models/procurement/procedure.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Soggetti · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { suppliers: listSuppliers(actor) };
  });
}

export default function Suppliers() {
  const { suppliers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="tg-card mb-4" aria-labelledby="suppliers-title">
      <h2 className="h4" id="suppliers-title">
        {t("procurement.suppliers.title")}
      </h2>
      {suppliers.length === 0 ? (
        <p>{t("procurement.suppliers.none")}</p>
      ) : (
        <TableScroll labelledBy="suppliers-title">
          <table className="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">{t("procurement.field.name")}</th>
                <th scope="col">{t("procurement.field.taxCode")}</th>
                <th scope="col">{t("procurement.field.legalForm")}</th>
                <th scope="col">{t("procurement.field.atecoCode")}</th>
                <th scope="col" className="text-end">
                  {t("procurement.col.procedures")}
                </th>
              </tr>
            </thead>
            <tbody>
              {suppliers.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td className="font-monospace">{s.taxCode}</td>
                  <td className="small">{s.legalForm || "—"}</td>
                  <td className="font-monospace small">{s.atecoCode || "—"}</td>
                  <td className="text-end">{s.procedures}</td>
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
