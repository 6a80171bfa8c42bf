import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

/** One boundary for every route: a message for each HTTP status a user can meet. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let message = t("error.500");
  let status = 500;
  /** A 400's reasons, field by field (httpErrorOf's `fields`), in the reader's language. */
  let reasons: string[] = [];
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 403) message = t("error.403");
    else if (status === 404) message = t("error.404");
    else if (status === 400) {
      message = t("error.400");
      const fields: unknown = (error.data as { fields?: unknown } | null)?.fields;
      if (Array.isArray(fields))
        reasons = fields.map((issue: { key?: unknown; params?: Record<string, string | number>; message?: unknown }) =>
          typeof issue.key === "string" && isMessageKey(issue.key) ? t(issue.key, issue.params) : String(issue.message ?? ""),
        );
    }
  } else if (error instanceof Error && process.env.NODE_ENV !== "production") {
    message = error.message;
  }
  return (
    <div className="tg-card my-4" role="alert">
      <h1 className="h3">
        {t("error.title")} ({status})
      </h1>
      <p>{message}</p>
      {reasons.length ? (
        <ul data-testid="error-reasons">
          {reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      ) : null}
      <Link to="/">{t("nav.dashboard")}</Link>
    </div>
  );
}
