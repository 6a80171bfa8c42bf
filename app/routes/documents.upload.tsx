import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { isDocumentTarget, uploadDocument } from "~/models/documents/document.server";
import { readUpload } from "~/models/documents/upload.server";
import { documentRoles, type DocumentRole } from "~/domain/procurement/documents";
import { ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith, safeRedirect } from "~/utils/auth.server";
import { replyToDocumentError } from "~/utils/documents.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

/**
 * Upload of one document. Who is asking is checked before the body is read; refusals answer 400
 * with the reason (to the fetcher that posted, or as a toast on the page without JavaScript).
 */
export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const viewer = await requireViewerWith(request, "upload:documents");
    const viaFetcher = new URL(request.url).searchParams.get("fetch") === "1";
    let back = "/";
    try {
      const { formData, file, bytes } = await readUpload(request);
      back = safeRedirect(formData.get("redirectTo"), "/");
      const target = String(formData.get("target") ?? "");
      const role = String(formData.get("role") ?? "");
      if (!isDocumentTarget(target)) throw ValidationError.field("target", "documents.error.target");
      if (!(documentRoles as readonly string[]).includes(role)) throw ValidationError.field("role", "documents.error.role");
      const replaces = Number(formData.get("replacesDocumentId")) || null;
      const programme = getCurrentProgramme(viewer.actor);
      const { document } = uploadDocument(viewer.actor, programme.id, {
        target,
        targetId: Number(formData.get("targetId")),
        role: role as DocumentRole,
        fileName: file.name,
        bytes,
        replacesDocumentId: replaces,
        note: String(formData.get("note") ?? ""),
        evidenceKey: String(formData.get("evidenceKey") ?? "") || null,
      });
      if (!viaFetcher) return redirect(back, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
      return data({ ok: true as const, document: { id: document.id, name: document.name, sha256: document.sha256 } });
    } catch (error) {
      const reply = await replyToDocumentError(request, error);
      if (!viaFetcher) return redirect(back, { headers: await toastHeaders({ kind: "danger", message: "documents.error.uploadRefused" }) });
      return reply;
    }
  });
}

export function loader() {
  return redirect("/");
}
