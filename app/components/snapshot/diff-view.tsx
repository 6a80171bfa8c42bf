import type { ReactNode } from "react";
import { DateText } from "~/components/ui/format";
import { StateBadge } from "~/components/ui/state-badge";
import { formatEuro } from "~/domain/core/money";
import type { SnapshotDiff } from "~/domain/snapshots/snapshot-diff";
import { useLocale, useT } from "~/i18n/use-t";

function Days({ days }: { days: number }) {
  const t = useT();
  if (days === 0) return <span className="text-secondary">0</span>;
  return <span className={days > 0 ? "tg-delta-pos" : "tg-delta-neg"}>{t("snapshot.diff.days", { days: days > 0 ? `+${days}` : String(days) })}</span>;
}

function Euro({ cents, signed = false }: { cents: number; signed?: boolean }) {
  const locale = useLocale();
  const text = formatEuro(cents, locale);
  return <span className={signed && cents !== 0 ? (cents > 0 ? "tg-delta-pos" : "tg-delta-neg") : undefined}>{signed && cents > 0 ? `+${text}` : text}</span>;
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  const t = useT();
  return (
    <section className="tg-card mb-4 tg-diff-section" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>
        {title} <span className="badge bg-light text-dark border">{count}</span>
      </h2>
      {count === 0 ? <p className="mb-0 text-secondary">{t("snapshot.diff.none")}</p> : children}
    </section>
  );
}

/** Every difference between two snapshots, one section per kind of change. */
export function DiffView({ diff }: { diff: SnapshotDiff }) {
  const t = useT();
  const kind = (k: string) => t(`snapshot.kind.${k}` as "snapshot.kind.task");
  return (
    <>
      <p className="fs-5" data-testid="diff-overall">
        {t("snapshot.diff.overall", diff.overallProgress)}
      </p>
      {diff.unchanged ? (
        <div className="alert alert-info" data-testid="diff-unchanged">
          {t("snapshot.unchanged")}
        </div>
      ) : null}
      <Section id="diff-moved" title={t("snapshot.diff.moved")} count={diff.moved.length}>
        <div className="table-responsive">
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("snapshot.diff.item")}</th>
                <th scope="col">{t("snapshot.diff.startShift")}</th>
                <th scope="col">{t("snapshot.diff.endShift")}</th>
                <th scope="col">{t("snapshot.diff.delta")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.moved.map((row) => (
                <tr key={`${row.kind}-${row.id}`} data-testid={`moved-${row.code}`}>
                  <td>
                    <span className="badge bg-light text-dark border me-1">{kind(row.kind)}</span>
                    <span className="fw-semibold">{row.code}</span> {row.title}
                  </td>
                  <td className="tg-nowrap">
                    {row.startBefore && row.startBefore !== row.startAfter ? (
                      <>
                        <span className="tg-diff-before"><DateText value={row.startBefore} /></span> → <DateText value={row.startAfter} /> (<Days days={row.startDays} />)
                      </>
                    ) : (
                      <span className="text-secondary">—</span>
                    )}
                  </td>
                  <td className="tg-nowrap">
                    {row.endBefore !== row.endAfter ? (
                      <>
                        <span className="tg-diff-before"><DateText value={row.endBefore} /></span> → <DateText value={row.endAfter} />
                      </>
                    ) : (
                      <span className="text-secondary">—</span>
                    )}
                  </td>
                  <td className="tg-nowrap" data-testid="moved-days">
                    <Days days={row.endDays} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="diff-progress" title={t("snapshot.diff.progress")} count={diff.progress.length + diff.achieved.length}>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("snapshot.diff.item")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.before")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.after")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.progress.map((row) => (
                <tr key={`${row.kind}-${row.id}`} data-testid={`progress-${row.code}`}>
                  <td>
                    <span className="badge bg-light text-dark border me-1">{kind(row.kind)}</span>
                    <span className="fw-semibold">{row.code}</span> {row.title}
                  </td>
                  <td className="tg-num">{row.before}%</td>
                  <td className="tg-num">{row.after}%</td>
                </tr>
              ))}
              {diff.achieved.map((row) => (
                <tr key={`achieved-${row.id}`} data-testid={`achieved-${row.code}`}>
                  <td>
                    <span className="badge bg-light text-dark border me-1">{t("snapshot.diff.achieved")}</span>
                    <span className="fw-semibold">{row.code}</span> {row.title}
                  </td>
                  <td className="tg-num"><DateText value={row.before} /></td>
                  <td className="tg-num"><DateText value={row.after} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="diff-states" title={t("snapshot.diff.states")} count={diff.states.length}>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0">
            <tbody>
              {diff.states.map((row) => (
                <tr key={`${row.kind}-${row.id}`}>
                  <td>
                    <span className="badge bg-light text-dark border me-1">{kind(row.kind)}</span>
                    <span className="fw-semibold">{row.code}</span> {row.title}
                  </td>
                  <td className="tg-nowrap">
                    <StateBadge state={row.before} /> → <StateBadge state={row.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="diff-budget" title={t("snapshot.diff.budget")} count={diff.budget.length}>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("snapshot.finance.line")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.before")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.after")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.delta")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.budget.map((row) => (
                <tr key={row.id}>
                  <td><span className="fw-semibold">{row.code}</span> {row.title}</td>
                  <td className="tg-num"><Euro cents={row.before} /></td>
                  <td className="tg-num"><Euro cents={row.after} /></td>
                  <td className="tg-num"><Euro cents={row.deltaCents} signed /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="diff-spend" title={t("snapshot.diff.spend")} count={diff.spend.length}>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("field.workPackage")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.committed")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.delta")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.paid")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.delta")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.spend.map((row) => (
                <tr key={row.workPackageCode} data-testid={`spend-${row.workPackageCode}`}>
                  <th scope="row">{row.workPackageCode}</th>
                  <td className="tg-num"><Euro cents={row.committedAfter} /></td>
                  <td className="tg-num"><Euro cents={row.committedDelta} signed /></td>
                  <td className="tg-num"><Euro cents={row.paidAfter} /></td>
                  <td className="tg-num"><Euro cents={row.paidDelta} signed /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="diff-tables" title={t("snapshot.diff.tables")} count={diff.tables.length}>
        <div className="table-responsive">
          <table className="table table-sm tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("snapshot.diff.item")}</th>
                <th scope="col">{t("snapshot.diff.column")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.before")}</th>
                <th scope="col" className="tg-num">{t("snapshot.diff.after")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.tables.map((row) => (
                <tr key={`${row.table}-${row.key}-${row.column}`}>
                  <td>
                    <span className="badge bg-light text-dark border me-1">{kind(row.table === "training" ? "training" : "indicator")}</span>
                    {row.label}
                  </td>
                  <td>{row.columnLabel}</td>
                  <td className="tg-num">{row.beforeText}</td>
                  <td className="tg-num">{row.afterText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <div className="row g-4">
        {(["added", "removed"] as const).map((side) => (
          <div className="col-12 col-lg-6" key={side}>
            <Section id={`diff-${side}`} title={t(`snapshot.diff.${side}`)} count={diff[side].length}>
              <ul className="mb-0">
                {diff[side].map((item) => (
                  <li key={`${item.kind}-${item.code}`}>
                    <span className="badge bg-light text-dark border me-1">{kind(item.kind)}</span>
                    <span className="fw-semibold">{item.code}</span> {item.title}
                  </li>
                ))}
              </ul>
            </Section>
          </div>
        ))}
      </div>
    </>
  );
}
