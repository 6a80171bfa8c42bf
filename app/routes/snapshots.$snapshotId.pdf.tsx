import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildEvidencePdf } from "~/render/evidence.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

/** The evidence pack of a snapshot as a PDF download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const pack = await buildEvidencePdf(actor, Number(params.snapshotId));
    return new Response(new Uint8Array(pack.bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${pack.fileName}"`,
        "Content-Length": String(pack.bytes.length),
        "Cache-Control": "private, no-store",
      },
    });
  });
}
