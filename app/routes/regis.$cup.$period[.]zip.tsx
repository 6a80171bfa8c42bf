import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildRegisZip } from "~/render/regis-pack.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { today } from "~/utils/today.server";

/** The ReGiS data pack of a CUP for a month (frozen once the month is closed, provisional before). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const pack = await buildRegisZip(actor, String(params.cup ?? "").toUpperCase(), String(params.period ?? ""), today());
    return new Response(new Uint8Array(pack.bytes), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${pack.fileName}"`,
        "Content-Length": String(pack.bytes.length),
        "Cache-Control": "private, no-store",
        "X-Regis-Pack-Status": pack.status,
      },
    });
  });
}
