import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, buildAuditTable } from "~/render/audit-export.server";
import { auditFiltersOf } from "~/utils/audit-params.server";
import { requireViewerWith } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { answer } from "~/utils/responses.server";
import { today } from "~/utils/today.server";

/** /audit.csv?…the log's filters…: the filtered log, every page of it. */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:audit");
    const table = buildAuditTable(actor, auditFiltersOf(new URL(request.url)), await getLocale(request));
    return new Response(auditCsv(table), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="traguardi-registro-${today()}.csv"` },
    });
  });
}
