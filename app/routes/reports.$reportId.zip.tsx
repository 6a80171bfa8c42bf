import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildReportZip } from "~/render/report.server";
import { requireViewer } from "~/utils/auth.server";
import { answer, idParam } from "~/utils/responses.server";

/** The rendiconto's data as CSV with its documents and their SHA-256 hashes (needs read:documents). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const id = idParam(params.reportId);
    const file = await buildReportZip(actor, id);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Content-Length": String(file.bytes.length),
        "Cache-Control": "private, no-store",
      },
    });
  });
}
