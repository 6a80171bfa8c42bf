import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildEvidenceZip } from "~/render/evidence.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

/** The snapshot's underlying data as CSV files (and the hashed JSON) in one ZIP. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const pack = await buildEvidenceZip(actor, Number(params.snapshotId));
    return new Response(new Uint8Array(pack.bytes), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${pack.fileName}"`,
        "Content-Length": String(pack.bytes.length),
        "Cache-Control": "private, no-store",
      },
    });
  });
}
