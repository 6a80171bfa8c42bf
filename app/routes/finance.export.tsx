import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { buildSheet, exportViews, sheetToCsv, sheetToXlsx, type ExportView } from "~/render/finance-export.server";
import { ledgerCsvStream, ledgerXlsxStream } from "~/models/finance/ledger-export.server";
import { requireViewer } from "~/utils/auth.server";
import { asOfParam, ledgerFiltersOf } from "~/utils/finance-params.server";
import { getLocale } from "~/utils/locale.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { answer } from "~/utils/responses.server";

/** /finance/export?view=summary|scurve|table|evm|ledger|budget&format=xlsx|csv&asOf=… */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const params = new URL(request.url).searchParams;
    const view = params.get("view") as ExportView;
    const format = params.get("format");
    if (!exportViews.includes(view) || (format !== "xlsx" && format !== "csv")) throw new Response("Bad request", { status: 400 });
    const asOf = asOfParam(request);
    const requested = Number(params.get("year"));
    const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : Number(asOf.slice(0, 4));
    const t = translator(await getLocale(request));
    if (view === "ledger") {
      // Streamed at any size (issue 12.4): never built as one sheet in memory.
      const programme = getCurrentProgramme(actor);
      const filters = ledgerFiltersOf(request);
      const name = `traguardi-finanza-ledger-${asOf}.${format}`;
      const headers = { "Content-Disposition": `attachment; filename="${name}"` };
      if (format === "csv") return new Response(ledgerCsvStream(actor, programme.id, filters, t), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
      return new Response(ledgerXlsxStream(actor, programme.id, filters, t, `${t("finance.ledger.title")} – ${asOf}`), {
        headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      });
    }
    const sheet = buildSheet(actor, t, view, { asOf, year, ledger: ledgerFiltersOf(request) });
    const name = `traguardi-finanza-${view}-${asOf}.${format}`;
    const disposition = `attachment; filename="${name}"`;
    if (format === "csv")
      return new Response(sheetToCsv(sheet), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition } });
    return new Response(new Uint8Array(await sheetToXlsx(sheet)), {
      headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": disposition },
    });
  });
}
