import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { isMessageKey, translator, type Locale } from "~/i18n";
import { formatTimestamp } from "~/domain/core/dates";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "~/models/core/errors.server";

export interface ActionFailure {
  result: SubmissionResult<string[]>;
  conflict?: { name: string; at: string; message: string };
}

/**
 * Runs a model write and turns its errors into replies the form can show: 400 with field
 * messages, 409 with who changed the row and when, 403 and 404 as thrown responses.
 */
export function replyToModelError(
  error: unknown,
  reply: (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>,
  locale: Locale,
) {
  const t = translator(locale);
  if (error instanceof PermissionError) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  if (error instanceof NotFoundError) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  if (error instanceof ValidationError) {
    const fieldErrors: Record<string, string[]> = {};
    const formErrors: string[] = [];
    for (const issue of error.issues) {
      const text = isMessageKey(issue.message.key) ? t(issue.message.key, issue.message.params) : issue.message.key;
      if (issue.field) (fieldErrors[issue.field] ??= []).push(text);
      else formErrors.push(text);
    }
    return data<ActionFailure>({ result: reply({ formErrors, fieldErrors }) }, { status: 400 });
  }
  if (error instanceof ConflictError) {
    const when = formatTimestamp(error.updatedAt, locale);
    const message = t("error.conflict", { name: error.updatedByName, when });
    return data<ActionFailure>(
      { result: reply({ formErrors: [message] }), conflict: { name: error.updatedByName, at: error.updatedAt, message } },
      { status: 409 },
    );
  }
  throw error;
}
