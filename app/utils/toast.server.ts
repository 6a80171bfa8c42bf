import type { MessageKey } from "~/i18n";
import { flashStorage } from "./session.server";

export interface Toast {
  kind: "success" | "info" | "warning" | "danger";
  message: MessageKey;
}

export async function toastHeaders(toast: Toast): Promise<HeadersInit> {
  const storage = flashStorage();
  const session = await storage.getSession();
  session.flash("toast", toast);
  return { "Set-Cookie": await storage.commitSession(session) };
}

/** Reads (and so consumes) the pending toast. */
export async function readToast(request: Request) {
  const storage = flashStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  return { toast, headers: toast ? { "Set-Cookie": await storage.commitSession(session) } : undefined };
}
