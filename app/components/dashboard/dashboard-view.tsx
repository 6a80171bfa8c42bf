import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DateText } from "~/components/ui/format";
import { Progress } from "~/components/ui/progress";
import { InconsistencyFlag, StateBadge } from "~/components/ui/state-badge";
import { formatDate, formatQuarter } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { gateStanding, type ItemState } from "~/domain/plan/status";
import { useLocale, useT } from "~/i18n/use-t";

/**
 * The programme dashboard, drawn from plain data so the live page and a frozen snapshot show the
 * same thing the same way. `frozen` drops the links into the live plan and prefixes test ids.
 */
export interface DashboardData {
  programme: {
    name: string;
    cup: string;
    measureCode: string;
    totalBudgetCents: number;
    implementingBody: string;
    startDate: string;
    endDate: string;
  };
  referenceDate: string;
  overallProgress: number;
  taskCount: number;
  milestoneCount: number;
  gates: {
    id: number;
    code: string;
    name: string;
    nameEn: string;
    dueDate: string;
    state: ItemState;
    daysRemaining: number;
    /** When a met gate was met (absent in snapshots frozen before issue 10). */
    metDate?: string | null;
    counts: Record<ItemState, number>;
    items: {
      kind: "workPackage" | "milestone";
      id: number;
      workPackageId?: number;
      code: string;
      title: string;
      date: string;
      progress: number;
      state: ItemState;
      euCode: string | null;
      /** Codes of unfinished predecessors of an item reported done. */
      inconsistentWith?: string[];
    }[];
  }[];
  euMilestones: {
    id: number;
    code: string;
    euCode: string | null;
    title: string;
    dueDate: string;
    achievedDate: string | null;
    workPackageId: number;
    workPackageCode: string;
    state: ItemState;
    inconsistentWith?: string[];
  }[];
  /** Items reported done ahead of an unfinished predecessor (absent in older snapshots). */
  inconsistencies?: {
    key: string;
    code: string;
    title: string;
    workPackageId: number;
    predecessors: { code: string; title: string; progress: number | null }[];
  }[];
}

function Countdown({ gate }: { gate: DashboardData["gates"][number] }) {
  const t = useT();
  const standing = gateStanding(gate);
  switch (standing.kind) {
    case "met":
      return (
        <span className="tg-countdown text-success fw-semibold" data-standing="met">
          {standing.date ? t("dashboard.gateMet", { date: formatDate(standing.date) }) : t("dashboard.gateMetUndated")}
        </span>
      );
    case "dueToday":
      return <span className="tg-countdown text-warning" data-standing="dueToday">{t("dashboard.dueToday")}</span>;
    case "overdue":
      return <span className="tg-countdown text-danger" data-standing="overdue">{t("dashboard.daysOverdue", { days: standing.days })}</span>;
    case "remaining":
      return <span className="tg-countdown" data-standing="remaining">{t("dashboard.daysRemaining", { days: standing.days })}</span>;
  }
}

function GateCard({ gate, frozen }: { gate: DashboardData["gates"][number]; frozen: boolean }) {
  const t = useT();
  const locale = useLocale();
  const prefix = frozen ? "frozen-" : "";
  return (
    <section className="tg-card h-100" aria-labelledby={`${prefix}gate-${gate.id}`} data-testid={`${prefix}gate-${gate.code}`}>
      <div className="d-flex justify-content-between align-items-start gap-3 mb-2">
        <div>
          <p className="text-uppercase small fw-semibold text-secondary mb-1">
            {gate.code} · {formatQuarter(gate.dueDate, locale)}
          </p>
          <h3 className="h4 mb-1" id={`${prefix}gate-${gate.id}`}>
            {locale === "it" ? gate.name : gate.nameEn}
          </h3>
        </div>
        <StateBadge state={gate.state} />
      </div>
      <p className="tg-gate-date mb-0">
        <DateText value={gate.dueDate} />
      </p>
      <p className="mb-2" data-testid="countdown">
        <Countdown gate={gate} />
      </p>
      <p className="small text-secondary">{t("dashboard.stateCounts", gate.counts)}</p>
      <h4 className="h6 mt-3">{t("dashboard.mustMeet")}</h4>
      {gate.items.length === 0 ? (
        <p>{t("dashboard.noItems")}</p>
      ) : (
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
              {gate.items.map((item) => (
                <tr key={`${item.kind}-${item.id}`} data-testid={frozen ? `frozen-item-${item.code}` : `gate-item-${item.code}`}>
                  <td>
                    {frozen || !item.workPackageId ? (
                      <span className="fw-semibold">{item.code}</span>
                    ) : (
                      <Link to={`/work-packages/${item.workPackageId}`} className="fw-semibold">
                        {item.code}
                      </Link>
                    )}{" "}
                    {item.title}
                    {item.kind === "milestone" ? (
                      <span className="badge bg-light text-dark border ms-1">{item.euCode ?? t("kind.milestone")}</span>
                    ) : null}
                    <InconsistencyFlag predecessors={item.inconsistentWith} />
                  </td>
                  <td data-testid="item-date">
                    <DateText value={item.date} />
                  </td>
                  <td>
                    {item.kind === "milestone" ? (
                      <span className="small">{item.progress === 100 ? t("dashboard.achieved") : t("dashboard.notAchieved")}</span>
                    ) : (
                      <Progress value={item.progress} label={`${item.code} ${t("field.progress")}`} />
                    )}
                  </td>
                  <td>
                    <StateBadge state={item.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** `aside`: live-only panels shown after the gates (the reporting obligations); snapshots pass none. */
export function DashboardView({ dashboard, frozen = false, aside }: { dashboard: DashboardData; frozen?: boolean; aside?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const { programme } = dashboard;
  const prefix = frozen ? "frozen-" : "";
  return (
    <>
      <section className="tg-card mb-4" aria-labelledby={`${prefix}programme-name`}>
        <div className="row g-3 align-items-start">
          <div className="col-12 col-lg-8">
            <p className="text-uppercase small fw-semibold text-secondary mb-1">{t("dashboard.title")}</p>
            <h2 className="h3" id={`${prefix}programme-name`}>
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
                <dd className="fw-semibold" data-testid={`${prefix}programme-budget`}>
                  {formatEuro(programme.totalBudgetCents, locale)}
                </dd>
              </div>
              <div className="col-12 col-md-8">
                <dt>{t("dashboard.implementingBody")}</dt>
                <dd>{programme.implementingBody}</dd>
              </div>
              <div className="col-12 col-md-4">
                <dt>{t("dashboard.period")}</dt>
                <dd>
                  <DateText value={programme.startDate} /> – <DateText value={programme.endDate} />
                </dd>
              </div>
            </dl>
          </div>
          <div className="col-12 col-lg-4">
            <dl className="tg-kv mb-0">
              <dt>{t("dashboard.overallProgress")}</dt>
              <dd data-testid={`${prefix}overall-progress`}>
                <Progress value={dashboard.overallProgress} large label={t("dashboard.overallProgress")} />
                <small className="text-secondary">
                  {t("wp.items", { tasks: dashboard.taskCount, milestones: dashboard.milestoneCount })}
                </small>
              </dd>
              <dt>{t("dashboard.today")}</dt>
              <dd data-testid={`${prefix}reference-date`}>
                <DateText value={dashboard.referenceDate} />
              </dd>
            </dl>
          </div>
        </div>
      </section>

      {dashboard.inconsistencies?.length ? (
        <section className="tg-card tg-inconsistencies mb-4" aria-labelledby={`${prefix}inconsistencies`} data-testid={`${prefix}inconsistencies`}>
          <h2 className="h5" id={`${prefix}inconsistencies`}>
            ⚠ {t("consistency.title")}
          </h2>
          <p className="small mb-2">{t("consistency.intro")}</p>
          <ul className="mb-0">
            {dashboard.inconsistencies.map((item) => (
              <li key={item.key} data-testid={`inconsistency-${item.code}`}>
                {t("consistency.item", {
                  item: `${item.code} ${item.title}`,
                  predecessors: item.predecessors.map((p) => `${p.code} ${p.title}${p.progress === null ? "" : ` (${p.progress}%)`}`).join(", "),
                })}
                {frozen ? null : (
                  <>
                    {" "}
                    <Link to={`/work-packages/${item.workPackageId}`}>{t("consistency.open")}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2 className="h4 mb-3">{t("dashboard.gates")}</h2>
      <div className="row g-4 mb-4">
        {dashboard.gates.map((gate) => (
          <div className="col-12 col-xl-6" key={gate.id}>
            <GateCard gate={gate} frozen={frozen} />
          </div>
        ))}
      </div>

      {aside}

      <section className="tg-card mb-4" aria-labelledby={`${prefix}eu-milestones`}>
        <h2 className="h4" id={`${prefix}eu-milestones`}>
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
                <tr key={m.id} data-testid={`${prefix}eu-${m.euCode}`}>
                  <td className="font-monospace fw-semibold">{m.euCode}</td>
                  <td>
                    {m.code} {m.title}
                  </td>
                  <td>{frozen ? m.workPackageCode : <Link to={`/work-packages/${m.workPackageId}`}>{m.workPackageCode}</Link>}</td>
                  <td>
                    <DateText value={m.dueDate} /> <span className="text-secondary small">({formatQuarter(m.dueDate, locale)})</span>
                  </td>
                  <td>
                    <DateText value={m.achievedDate} />
                  </td>
                  <td>
                    <StateBadge state={m.state} />
                    <InconsistencyFlag predecessors={m.inconsistentWith} />
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
