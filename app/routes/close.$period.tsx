import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms/form-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import type { FindingSeverity } from "~/domain/close/findings";
import { formatPeriod, isPeriod } from "~/domain/close/period";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import { useLocale, useT } from "~/i18n/use-t";
import { closeMonth, getPreCheck } from "~/models/close/close.server";
import { listRegisCups } from "~/models/regis/pack.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Controllo preliminare · Traguardi" }];

function periodParam(params: { period?: string }) {
  const period = params.period ?? "";
  if (!isPeriod(period)) throw new Response("Not found", { status: 404 });
  return period;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const period = periodParam(params);
    return { ...getPreCheck(actor, period, today()), regisCups: period <= today().slice(0, 7) ? listRegisCups(actor) : [] };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return plainWrite(request, "close:month", async ({ viewer, formData }) => {
      const period = periodParam(params);
      const accepted = formData.get("acceptAll") === "on" ? formData.getAll("finding").filter((v): v is string => typeof v === "string") : [];
      closeMonth(viewer.actor, { period, acceptedKeys: accepted, reason: formString(formData, "reason") }, today());
      return redirect(`/close/${period}`, { headers: await toastHeaders({ kind: "success", message: "close.closed" }) });
    });
  });
}

const severityClass: Record<FindingSeverity, string> = { error: "tg-state tg-state-late", warning: "tg-state tg-state-at_risk", info: "tg-state tg-state-on_track" };

export default function PreCheckPage() {
  const { period, monthEnd, findings, blockingCount, close, refusal, regisCups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const t = useT();
  const locale = useLocale();
  const canClose = useCan("close:month");
  const canReadDocuments = useCan("read:documents");
  const month = formatPeriod(period, locale);
  return (
    <>
      <Link to="/close">← {t("close.title")}</Link>
      <h1 className="h2 mt-2">{t("close.preCheckTitle", { month })}</h1>
      <p className="text-secondary">{t("close.preCheckIntro")}</p>

      {close ? (
        <section className="alert alert-success" data-testid="month-closed">
          <h2 className="h4">{t("close.closedTitle", { month })}</h2>
          <p className="mb-1">
            {t("close.closedDetail", { name: close.closedByName, when: formatTimestamp(close.closedAt, locale), snapshot: close.snapshotId, hash: close.snapshotHash })}
          </p>
          <Link to={`/snapshots/${close.snapshotId}`}>{t("close.openSnapshot")}</Link>
          {close.acceptedFindings.length ? (
            <div className="mt-3">
              <h3 className="h6">{t("close.acceptedTitle")}</h3>
              <p className="mb-1">{t("close.acceptedReason", { reason: close.acceptReason })}</p>
              <ul className="small mb-0" data-testid="accepted-findings">
                {close.acceptedFindings.map((f) => (
                  <li key={f.key}>{f.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {canReadDocuments && regisCups.length ? <RegisPackLinks period={period} cups={regisCups} closed={Boolean(close)} /> : null}

      <section className="tg-card mb-4" aria-labelledby="findings-title">
        <h2 className="h4" id="findings-title">
          {findings.length === 0 || blockingCount === 0 ? t("close.clean") : t("close.findingsCount", { count: blockingCount })}
        </h2>
        {findings.length ? (
          <div className="table-responsive">
            <table className="table tg-table mb-0" data-testid="findings">
              <thead>
                <tr>
                  <th scope="col">{t("close.field.severity")}</th>
                  <th scope="col">{t("close.field.finding")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("close.fix")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={f.key} data-finding={f.key} data-check={f.checkId}>
                    <td>
                      <span className={severityClass[f.severity]}>{t(`close.severity.${f.severity}`)}</span>
                    </td>
                    <td>{t(f.message.key, f.message.params)}</td>
                    <td>
                      <Link to={f.href} aria-label={`${t("close.fix")}: ${t(f.message.key, f.message.params)}`}>
                        {t("close.fix")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {!close && canClose ? (
        <section className="tg-card mb-4" aria-labelledby="close-month">
          <h2 className="h4" id="close-month">
            {t("close.closeTitle")}
          </h2>
          {refusal ? (
            <p className="alert alert-warning" data-testid="close-refusal">
              {t(refusal.key, refusal.params)}
            </p>
          ) : (
            <Form method="post" noValidate>
              <p>{t("close.closeIntro", { date: formatDate(monthEnd) })}</p>
              <FormErrors id="close-errors" errors={failure?.formErrors} />
              {findings
                .filter((f) => f.severity !== "info")
                .map((f) => (
                  <input type="hidden" name="finding" value={f.key} key={f.key} />
                ))}
              {blockingCount ? (
                <>
                  <div className="form-check mb-2">
                    <input className="form-check-input" type="checkbox" id="acceptAll" name="acceptAll" />
                    <label className="form-check-label" htmlFor="acceptAll">
                      {t("close.acceptAll", { count: blockingCount })}
                    </label>
                  </div>
                  <div className="tg-field mb-3">
                    <label htmlFor="close-reason">{t("close.field.reason")}</label>
                    <textarea
                      id="close-reason"
                      name="reason"
                      rows={3}
                      className="form-control"
                      aria-invalid={failure?.fieldErrors.reason ? true : undefined}
                      aria-describedby={failure?.fieldErrors.reason ? "close-reason-error" : undefined}
                    />
                    {failure?.fieldErrors.reason ? (
                      <div className="text-danger small" id="close-reason-error" data-field-error="reason">
                        {failure.fieldErrors.reason.join(" ")}
                      </div>
                    ) : null}
                  </div>
                </>
              ) : null}
              <SubmitButton label={t("close.submit")} />
            </Form>
          )}
        </section>
      ) : null}
    </>
  );
}

/** The month's ReGiS data pack per CUP (issue 14): frozen once closed, provisional before. */
function RegisPackLinks({ period, cups, closed }: { period: string; cups: string[]; closed: boolean }) {
  const t = useT();
  return (
    <section className="tg-card mb-4" aria-labelledby="regis-title" data-testid="regis-pack">
      <h2 className="h4" id="regis-title">
        {t("regis.title")}
      </h2>
      <p className="mb-1">{t("regis.intro")}</p>
      <p className="small text-secondary">{closed ? t("regis.closedNote") : t("regis.openNote")}</p>
      <ul className="mb-0">
        {cups.map((cup) => (
          <li key={cup}>
            <a href={`/regis/${cup}/${period}.zip`} download>
              {t("regis.download", { cup })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
