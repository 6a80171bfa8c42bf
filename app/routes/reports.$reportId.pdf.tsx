import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildReportPdf } from "~/render/report.server";
import { requireViewer } from "~/utils/auth.server";
import { answer, idParam } from "~/utils/responses.server";

/** The rendiconto di progetto as a PDF: request, expenses with their documents, attestation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const id = idParam(params.reportId);
    const file = await buildReportPdf(actor, id);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Content-Length": String(file.bytes.length),
        "Cache-Control": "private, no-store",
      },
    });
  });
}
