import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { verifyDocument } from "~/models/documents/document.server";
import { requireViewerWith, safeRedirect } from "~/utils/auth.server";
import { replyToDocumentError } from "~/utils/documents.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

/** A second person confirms an evidence document (four eyes, enforced by the model). */
export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const viewer = await requireViewerWith(request, "verify:evidence");
    const formData = await request.formData();
    const back = safeRedirect(formData.get("redirectTo"), "/");
    try {
      verifyDocument(viewer.actor, Number(formData.get("documentId")), String(formData.get("note") ?? ""));
    } catch (error) {
      if (new URL(request.url).searchParams.get("fetch") !== "1") return redirect(back, { headers: await toastHeaders({ kind: "danger", message: "documents.error.verifyRefused" }) });
      return replyToDocumentError(request, error);
    }
    // Forms rendered after hydration post with ?fetch=1 (a fetcher wants data); without JavaScript the page is redirected.
    if (new URL(request.url).searchParams.get("fetch") === "1") return data({ ok: true as const });
    return redirect(back, { headers: await toastHeaders({ kind: "success", message: "documents.verifiedToast" }) });
  });
}

export function loader() {
  return redirect("/");
}
