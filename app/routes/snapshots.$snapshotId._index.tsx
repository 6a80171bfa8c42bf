import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenBanner } from "~/components/snapshot/frozen-banner";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { Progress } from "~/components/ui/progress";
import { StateBadge } from "~/components/ui/state-badge";
import { formatQuarter } from "~/domain/dates";
import { formatEuro } from "~/domain/money";
import { dashboardOf, sectionsOf } from "~/domain/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";
import { getPreviousSnapshot, getSnapshot } from "~/models/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import { orNotFound } from "~/utils/snapshot-params.server";
import snapshotCss from "~/styles/snapshot.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Istantanee · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  const { summary, content, verified } = orNotFound(() => getSnapshot(actor, Number(params.snapshotId)));
  const previous = getPreviousSnapshot(actor, summary.id);
  return { summary, verified, sections: sectionsOf(content), dashboard: dashboardOf(content), previousId: previous?.summary.id ?? null };
}

function Countdown({ days }: { days: number }) {
  const t = useT();
  if (days === 0) return <span className="tg-countdown text-warning">{t("dashboard.dueToday")}</span>;
  if (days < 0) return <span className="tg-countdown text-danger">{t("dashboard.daysOverdue", { days: -days })}</span>;
  return <span className="tg-countdown">{t("dashboard.daysRemaining", { days })}</span>;
}

/** The dashboard exactly as it stood: every figure comes from the frozen content, none from the live plan. */
export default function FrozenDashboardPage() {
  const { summary, verified, sections, dashboard, previousId } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { programme } = dashboard;
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">{summary.label}</h1>
      <FrozenBanner summary={summary} verified={verified} sections={sections} />
      <div className="d-flex flex-wrap gap-2 mb-4">
        <a className="btn btn-primary btn-sm" href={`/snapshots/${summary.id}/pdf`} download>
          {t("snapshot.download")}: {t("snapshot.pdf")}
        </a>
        <a className="btn btn-outline-primary btn-sm" href={`/snapshots/${summary.id}/csv.zip`} download>
          {t("snapshot.download")}: {t("snapshot.csvZip")}
        </a>
        {previousId ? (
          <Link className="btn btn-outline-secondary btn-sm" to={`/snapshots/compare?a=${previousId}&b=${summary.id}`}>
            {t("snapshot.compareWithPrevious")}
          </Link>
        ) : null}
        <Link className="btn btn-outline-secondary btn-sm" to={`/snapshots/compare?a=${summary.id}&b=now`}>
          {t("snapshot.compareWithNow")}
        </Link>
      </div>

      <section className="tg-card mb-4" aria-labelledby="frozen-programme">
        <div className="row g-3 align-items-start">
          <div className="col-12 col-lg-8">
            <p className="text-uppercase small fw-semibold text-secondary mb-1">{t("dashboard.title")}</p>
            <h2 className="h3" id="frozen-programme">
              {programme.name}
            </h2>
            <dl className="row tg-kv mb-0 mt-3">
              <div className="col-6 col-md-4">
                <dt>{t("dashboard.cup")}</dt>
                <dd className="font-monospace">{programme.cup}</dd>
              </div>
              <div className="col-6 col-md-4">
                <dt>{t("dashboard.measure")}</dt>
                <dd className="font-monospace">{programme.measureCode}</dd>
              </div>
              <div className="col-12 col-md-4">
                <dt>{t("dashboard.budget")}</dt>
                <dd className="fw-semibold">{formatEuro(programme.totalBudgetCents, locale)}</dd>
              </div>
            </dl>
          </div>
          <div className="col-12 col-lg-4">
            <dl className="tg-kv mb-0">
              <dt>{t("dashboard.overallProgress")}</dt>
              <dd data-testid="frozen-overall-progress">
                <Progress value={dashboard.overallProgress} large label={t("dashboard.overallProgress")} />
                <small className="text-secondary">
                  {t("wp.items", { tasks: dashboard.taskCount, milestones: dashboard.milestoneCount })}
                </small>
              </dd>
              <dt>{t("dashboard.today")}</dt>
              <dd data-testid="frozen-reference-date">
                <DateText value={dashboard.meta.asOf} />
              </dd>
            </dl>
          </div>
        </div>
      </section>

      <h2 className="h4 mb-3">{t("dashboard.gates")}</h2>
      <div className="row g-4 mb-4">
        {dashboard.gates.map((gate) => {
          const items = gate.items;
          return (
            <div className="col-12 col-xl-6" key={gate.id}>
              <section className="tg-card h-100" aria-labelledby={`frozen-gate-${gate.id}`} data-testid={`frozen-gate-${gate.code}`}>
                <div className="d-flex justify-content-between align-items-start gap-3 mb-2">
                  <div>
                    <p className="text-uppercase small fw-semibold text-secondary mb-1">
                      {gate.code} · {formatQuarter(gate.dueDate, locale)}
                    </p>
                    <h3 className="h4 mb-1" id={`frozen-gate-${gate.id}`}>
                      {locale === "it" ? gate.name : gate.nameEn}
                    </h3>
                  </div>
                  <StateBadge state={gate.state} />
                </div>
                <p className="tg-gate-date mb-0">
                  <DateText value={gate.dueDate} />
                </p>
                <p className="mb-2">
                  <Countdown days={gate.daysRemaining} />
                </p>
                <p className="small text-secondary">{t("dashboard.stateCounts", gate.counts)}</p>
                <div className="table-responsive">
                  <table className="table table-sm tg-table mb-0">
                    <thead>
                      <tr>
                        <th scope="col">{t("field.title")}</th>
                        <th scope="col">{t("field.endDate")}</th>
                        <th scope="col" style={{ width: "8rem" }}>
                          {t("field.progress")}
                        </th>
                        <th scope="col">{t("field.state")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item) => (
                        <tr key={`${item.kind}-${item.id}`} data-testid={`frozen-item-${item.code}`}>
                          <td>
                            <span className="fw-semibold">{item.code}</span> {item.title}
                            {item.kind === "milestone" ? <span className="badge bg-light text-dark border ms-1">{item.euCode ?? t("kind.milestone")}</span> : null}
                          </td>
                          <td data-testid="item-date">
                            <DateText value={item.date} />
                          </td>
                          <td>
                            <Progress value={item.progress} label={`${item.code} ${t("field.progress")}`} />
                          </td>
                          <td>
                            <StateBadge state={item.state} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          );
        })}
      </div>

      <section className="tg-card mb-4" aria-labelledby="frozen-eu-milestones">
        <h2 className="h4" id="frozen-eu-milestones">
          {t("dashboard.euMilestones")}
        </h2>
        <div className="table-responsive">
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("field.euCode")}</th>
                <th scope="col">{t("kind.milestone")}</th>
                <th scope="col">{t("field.workPackage")}</th>
                <th scope="col">{t("field.dueDate")}</th>
                <th scope="col">{t("field.achievedDate")}</th>
                <th scope="col">{t("field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.euMilestones.map((m) => (
                  <tr key={m.id} data-testid={`frozen-eu-${m.euCode}`}>
                    <td className="font-monospace fw-semibold">{m.euCode}</td>
                    <td>
                      {m.code} {m.title}
                    </td>
                    <td>{m.workPackageCode}</td>
                    <td>
                      <DateText value={m.dueDate} /> <span className="text-secondary small">({formatQuarter(m.dueDate, locale)})</span>
                    </td>
                    <td>
                      <DateText value={m.achievedDate} />
                    </td>
                    <td>
                      <StateBadge state={m.state} />
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
