import { data } from "@remix-run/node";
import { isMessageKey, translator } from "~/i18n";
import { NotFoundError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getLocale } from "./locale.server";

/** A refused document action → 400 with the field and the reason in the reader's language. */
export async function replyToDocumentError(request: Request, error: unknown) {
  const t = translator(await getLocale(request));
  if (error instanceof PermissionError) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  if (error instanceof NotFoundError) return data({ ok: false as const, field: null, error: t("error.404") }, { status: 404 });
  if (error instanceof ValidationError) {
    const issue = error.issues[0];
    const message = isMessageKey(issue.message.key) ? t(issue.message.key, issue.message.params) : issue.message.key;
    return data({ ok: false as const, field: issue.field, error: message }, { status: 400 });
  }
  throw error;
}
