import { NavLink } from "@remix-run/react";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import type { SnapshotSections } from "~/domain/snapshots/snapshot-content";
import { useLocale, useT } from "~/i18n/use-t";

export interface FrozenSummary {
  id: number;
  label: string;
  asOf: string;
  takenAt: string;
  takenByName: string;
  hash: string;
}

/** The unmistakable "this is the past" banner and the as-of view tabs, on every snapshot page. */
export function FrozenBanner({ summary, verified, sections }: { summary: FrozenSummary; verified: boolean; sections: SnapshotSections }) {
  const t = useT();
  const locale = useLocale();
  const views = [
    { to: `/snapshots/${summary.id}`, label: t("snapshot.view.dashboard"), end: true, present: true },
    { to: `/snapshots/${summary.id}/gantt`, label: t("snapshot.view.gantt"), present: true },
    { to: `/snapshots/${summary.id}/spend`, label: t("snapshot.view.spend"), present: sections.finance },
    { to: `/snapshots/${summary.id}/training`, label: t("snapshot.view.training"), present: sections.training },
    { to: `/snapshots/${summary.id}/indicators`, label: t("snapshot.view.indicators"), present: sections.indicators },
  ];
  return (
    <>
      <div className="tg-frozen-banner mb-3" role="status" data-testid="frozen-banner">
        <p className="tg-frozen-title mb-1">{t("snapshot.banner", { date: formatDate(summary.asOf) })}</p>
        <p className="mb-1">
          {t("snapshot.bannerDetail", { label: summary.label, takenAt: formatTimestamp(summary.takenAt, locale), takenBy: summary.takenByName })}
        </p>
        <p className="mb-0 small">
          {t("snapshot.hash")}: <code className="tg-hash" data-testid="snapshot-hash">{summary.hash}</code>{" "}
          {verified ? (
            <span className="tg-state tg-state-done" data-testid="hash-verified">
              {t("snapshot.verified")}
            </span>
          ) : (
            <span className="tg-state tg-state-late" data-testid="hash-broken">
              {t("snapshot.notVerified")}
            </span>
          )}
        </p>
      </div>
      <nav aria-label={t("snapshot.views")} className="mb-3">
        <ul className="nav nav-tabs">
          {views.map((view) => (
            <li className="nav-item" key={view.to}>
              <NavLink to={view.to} end={view.end} className={({ isActive }) => `nav-link${isActive ? " active" : ""}${view.present ? "" : " text-secondary"}`}>
                {view.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export function SectionMissing() {
  const t = useT();
  return (
    <div className="tg-card" data-testid="section-missing">
      <p className="mb-0">{t("snapshot.sectionMissing")}</p>
    </div>
  );
}
