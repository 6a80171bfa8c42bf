import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n";
import { auditXlsx, buildAuditTable } from "~/render/audit-export.server";
import { auditFiltersOf } from "~/utils/audit-params.server";
import { requireViewerWith } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { answer } from "~/utils/responses.server";
import { today } from "~/utils/today.server";

/** /audit.xlsx?…the log's filters…: the filtered log as a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:audit");
    const locale = await getLocale(request);
    const table = buildAuditTable(actor, auditFiltersOf(new URL(request.url)), locale);
    return new Response(new Uint8Array(await auditXlsx(table, translate(locale, "audit.title"))), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="traguardi-registro-${today()}.xlsx"`,
      },
    });
  });
}
