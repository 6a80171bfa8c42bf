import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ObligationStateBadge, ObligationTitle } from "~/components/close/obligations-panel";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatPeriod, isPeriod } from "~/domain/close/period";
import { formatTimestamp } from "~/domain/core/dates";
import { useLocale, useT } from "~/i18n/use-t";
import { listCloses, lockedThrough, nextPeriodToClose } from "~/models/close/close.server";
import { getObligations } from "~/models/close/obligations.server";
import { getDb } from "~/models/core/db.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { today } from "~/utils/today.server";

export const meta: MetaFunction = () => [{ title: "Chiusure mensili · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const asked = new URL(request.url).searchParams.get("period");
    if (asked && isPeriod(asked)) throw redirect(`/close/${asked}`);
    const programme = getCurrentProgramme(actor);
    const db = getDb();
    return {
      closes: listCloses(actor, programme.id),
      next: nextPeriodToClose(db, programme.id),
      lockedThrough: lockedThrough(db, programme.id),
      obligations: getObligations(actor, today()),
      today: today(),
    };
  });
}

export default function ClosePage() {
  const { closes, next, lockedThrough, obligations, today } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="h2">{t("close.title")}</h1>
      <p className="text-secondary" style={{ maxWidth: "60rem" }}>
        {t("close.intro")}
      </p>
      <section className="tg-card mb-4" aria-labelledby="next-close">
        <h2 className="h4" id="next-close">
          {t("close.next", { month: formatPeriod(next, locale) })}
        </h2>
        <p data-testid="locked-through">{lockedThrough ? t("close.lockedThrough", { date: lockedThrough.split("-").reverse().join("/") }) : t("close.nothingLocked")}</p>
        <div className="d-flex flex-wrap gap-3 align-items-end">
          <Link to={`/close/${next}`} className="btn btn-primary">
            {t("close.openPreCheck")}
          </Link>
          <Form method="get" action="/close" className="d-flex gap-2 align-items-end">
            <div className="tg-field">
              <label htmlFor="other-month">{t("close.otherMonth")}</label>
              <input id="other-month" name="period" type="month" className="form-control" defaultValue={next} max={today.slice(0, 7)} />
            </div>
            <button type="submit" className="btn btn-outline-primary">
              {t("close.show")}
            </button>
          </Form>
        </div>
      </section>

      <section className="tg-card mb-4" aria-labelledby="close-history">
        <h2 className="h4" id="close-history">
          {t("close.history")}
        </h2>
        {closes.length === 0 ? (
          <p>{t("close.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0">
              <thead>
                <tr>
                  <th scope="col">{t("close.field.month")}</th>
                  <th scope="col">{t("close.field.closedBy")}</th>
                  <th scope="col">{t("close.field.closedAt")}</th>
                  <th scope="col" className="tg-num">{t("close.field.findings")}</th>
                  <th scope="col">{t("close.field.snapshot")}</th>
                </tr>
              </thead>
              <tbody>
                {closes.map((close) => (
                  <tr key={close.id} data-testid={`close-${close.period}`}>
                    <td>
                      <Link to={`/close/${close.period}`}>{formatPeriod(close.period, locale)}</Link>
                    </td>
                    <td>{close.closedByName}</td>
                    <td>{formatTimestamp(close.closedAt, locale)}</td>
                    <td className="tg-num">{close.findingCount}</td>
                    <td>
                      <Link to={`/snapshots/${close.snapshotId}`}>n. {close.snapshotId}</Link> <code className="small">{close.snapshotHash.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="tg-card mb-4" aria-labelledby="obligations-all">
        <div className="d-flex flex-wrap justify-content-between align-items-baseline gap-2">
          <h2 className="h4" id="obligations-all">
            {t("close.obligations")}
          </h2>
          <a href="/gantt.ics" download>
            {t("close.obligations.ics")}
          </a>
        </div>
        <p className="small text-secondary">{t("close.obligationsIntro")}</p>
        <div className="table-responsive" style={{ maxHeight: "32rem" }} tabIndex={0} role="region" aria-label={t("close.obligations")}>
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("close.field.dueDate")}</th>
                <th scope="col">{t("close.field.obligation")}</th>
                <th scope="col">{t("checklist.field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {[...obligations].reverse().map((o) => (
                <tr key={o.key} data-obligation={o.key} data-state={o.state}>
                  <td>
                    <DateText value={o.dueDate} />
                  </td>
                  <td>
                    <ObligationTitle obligation={o} />
                  </td>
                  <td>
                    <ObligationStateBadge state={o.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
