import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** One boundary for every route: a message for each HTTP status a user can meet. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let message = t("error.500");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 403) message = t("error.403");
    else if (status === 404) message = t("error.404");
  } else if (error instanceof Error && process.env.NODE_ENV !== "production") {
    message = error.message;
  }
  return (
    <div className="tg-card my-4" role="alert">
      <h1 className="h3">
        {t("error.title")} ({status})
      </h1>
      <p>{message}</p>
      <Link to="/">{t("nav.dashboard")}</Link>
    </div>
  );
}
