import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Permission } from "~/domain/core/permissions";
import { translator, type Locale, type Translate } from "~/i18n";
import { requireViewerWith, type Viewer } from "./auth.server";
import { getLocale } from "./locale.server";
import { replyToModelError } from "./responses.server";

/**
 * The shape of every form action: who is asking (403 if the role may not) → parse with the form's
 * zod schema (400 with field messages) → call the model (its validation, conflict and permission
 * errors become 400/409/403) → respond.
 */
export async function submitForm<Schema extends z.ZodType, Result>(
  request: Request,
  options: { permission: Permission; schema: (t: Translate) => Schema; formData?: FormData },
  write: (value: z.output<Schema>, context: { viewer: Viewer; locale: Locale; t: Translate }) => Result | Promise<Result>,
) {
  const viewer = await requireViewerWith(request, options.permission);
  const locale = await getLocale(request);
  const t = translator(locale);
  const formData = options.formData ?? (await request.formData());
  const submission = parseWithZod(formData, { schema: options.schema(t) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    return await write(submission.value as z.output<Schema>, { viewer, locale, t });
  } catch (error) {
    return replyToModelError(error, submission.reply, locale);
  }
}
