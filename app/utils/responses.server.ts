import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { isMessageKey, translator, type Locale } from "~/i18n";
import { formatTimestamp } from "~/domain/core/dates";
import { ConflictError, ImportRowsError, NotFoundError, PermissionError, ValidationError, type ImportRowIssue } from "~/models/core/errors.server";

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
  if (error instanceof PermissionError || error instanceof NotFoundError) throw httpErrorOf(error);
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

/** One entry of a 400's `fields` (read by GeneralErrorBoundary). */
export interface FieldAnswer {
  field: string | null;
  /** The message key and its parameters, for a page to say it in the reader's language. */
  key: string;
  params?: Record<string, string | number>;
  /** Said in Italian, the default language, for whoever reads the answer itself (a download link). */
  message: string;
}

const italian = translator("it");
function fieldAnswer(issue: ValidationError["issues"][number]): FieldAnswer {
  const { key, params } = issue.message;
  return { field: issue.field, key, params, message: italian(key, params) };
}

/**
 * The one mapping from model errors to HTTP, for whatever a form did not answer itself:
 * not found → 404, permission → 403, validation and import rows → 400 (with the fields or rows),
 * conflict → 409 (with who changed the row and when). Anything else is not a client's mistake.
 */
export function httpErrorOf(error: unknown): Response | null {
  if (error instanceof Response) return error;
  if (error instanceof NotFoundError) return new Response("Not found", { status: 404, statusText: "Not Found" });
  if (error instanceof PermissionError) return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  if (error instanceof ValidationError) return Response.json({ fields: error.issues.map(fieldAnswer) }, { status: 400, statusText: "Bad Request" });
  if (error instanceof ImportRowsError)
    return Response.json({ rows: error.issues, totalIssues: error.totalIssues }, { status: 400, statusText: "Bad Request" });
  if (error instanceof ConflictError)
    return Response.json({ conflict: { name: error.updatedByName, at: error.updatedAt } }, { status: 409, statusText: "Conflict" });
  // The database's own bounds (migration domain_bounds_and_append_only) refused a value that got
  // past the forms: still the client's value, so 400, not 500.
  if (error instanceof Error && error.name === "SqliteError" && error.message.startsWith("bounds:"))
    return new Response("Bad Request: a value is outside the allowed range", { status: 400, statusText: "Bad Request" });
  return null;
}

/**
 * Runs a loader's or an action's work so that a model error it lets through becomes its HTTP
 * answer (see httpErrorOf), thrown so the route's error boundary shows it. Every route uses it:
 * `export async function loader(args) { return answer(async () => …); }`. It is called inside the
 * exported function, not wrapped around it (`export const loader = answer(…)`), because Remix only
 * strips plain loader/action functions from the browser bundle.
 */
export async function answer<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    throw httpErrorOf(error) ?? error;
  }
}

/** One problem of a refused import, in the reader's language: row 0 is the file as a whole. */
export interface ImportIssueView {
  line: number;
  column: string;
  message: string;
}

/** The rows of a refused import (ledger, completions, catalogue), translated the same way for all. */
export function describeImportIssues(issues: readonly ImportRowIssue[], locale: Locale): ImportIssueView[] {
  const t = translator(locale);
  return issues.map((issue) => {
    const params = { ...issue.message.params } as Record<string, string | number>;
    if (typeof params.when === "string") params.when = formatTimestamp(params.when, locale);
    const message = isMessageKey(issue.message.key) ? t(issue.message.key, params) : issue.message.key;
    return { line: issue.row ?? 0, column: issue.column ?? "", message };
  });
}

/** A route's numeric id parameter (`/reports/:reportId`…); anything but a positive integer is a 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
