import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentFile } from "~/models/documents/document.server";
import { NotFoundError, PermissionError } from "~/models/core/errors.server";
import { requireViewerWith } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

/**
 * A stored document, to signed-in users whose role may read documents. Always an attachment,
 * never rendered: nosniff, a sandboxing CSP and no caching by shared proxies.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const viewer = await requireViewerWith(request, "read:documents");
    try {
      const { document, bytes } = getDocumentFile(viewer.actor, Number(params.documentId));
      const ascii = document.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      return new Response(new Uint8Array(bytes), {
        headers: {
          "Content-Type": document.mime,
          "Content-Length": String(bytes.length),
          "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.name)}`,
          "X-Content-Type-Options": "nosniff",
          "Content-Security-Policy": "default-src 'none'; sandbox",
          "Cache-Control": "private, no-store",
          "X-Document-SHA256": document.sha256,
        },
      });
    } catch (error) {
      if (error instanceof PermissionError) throw new Response("Forbidden", { status: 403 });
      if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
      throw error;
    }
  });
}
