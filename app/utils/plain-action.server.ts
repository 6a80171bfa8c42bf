import { data } from "@remix-run/node";
import type { Permission } from "~/domain/core/permissions";
import { formatTimestamp } from "~/domain/core/dates";
import { isMessageKey, translator, type Locale, type Translate } from "~/i18n";
import { RuleForbiddenError } from "~/models/checklists/checklist.server";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { requireViewerWith, type Viewer } from "./auth.server";
import { getLocale } from "./locale.server";

/** What a form without a single zod schema (one field per checklist item, say) gets back. */
export interface PlainFailure {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

/**
 * The action shape for forms whose fields are data-driven: who is asking (403) → the model write →
 * its errors as 400 (fields named), 409 (who changed it), and 403 WITH a message when a rule
 * forbids this user (four eyes), so the page can say why.
 */
export async function plainWrite<T>(
  request: Request,
  permission: Permission,
  write: (context: { viewer: Viewer; formData: FormData; locale: Locale; t: Translate }) => T | Promise<T>,
) {
  const viewer = await requireViewerWith(request, permission);
  const locale = await getLocale(request);
  const t = translator(locale);
  const formData = await request.formData();
  try {
    return await write({ viewer, formData, locale, t });
  } catch (error) {
    const fail = (status: number, failure: Partial<PlainFailure>) => data({ failure: { formErrors: [], fieldErrors: {}, ...failure } as PlainFailure }, { status });
    if (error instanceof PermissionError) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404, statusText: "Not Found" });
    if (error instanceof RuleForbiddenError) return fail(403, { formErrors: [t(error.reason.key, error.reason.params)] });
    if (error instanceof ValidationError) {
      const fieldErrors: Record<string, string[]> = {};
      const formErrors: string[] = [];
      for (const issue of error.issues) {
        const text = isMessageKey(issue.message.key) ? t(issue.message.key, issue.message.params) : issue.message.key;
        if (issue.field) (fieldErrors[issue.field] ??= []).push(text);
        else formErrors.push(text);
      }
      return fail(400, { formErrors, fieldErrors });
    }
    if (error instanceof ConflictError) return fail(409, { formErrors: [t("error.conflict", { name: error.updatedByName, when: formatTimestamp(error.updatedAt, locale) })] });
    throw error;
  }
}

export function formString(formData: FormData, name: string) {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
