import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RolloutCurve } from "~/components/charts/rollout-curve";
import { RolloutHeatmap } from "~/components/charts/rollout-heatmap";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatDate } from "~/domain/core/dates";
import { catalogueQuarter } from "~/domain/training/training-values";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { findCatalogueItem } from "~/models/indicators/catalogue.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getRolloutOverview } from "~/models/training/rollout.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { countFormatter } from "~/domain/core/count-format";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction = () => [{ title: "Formazione · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const gpTarget = findCatalogueItem(actor, GP_TARGET_CODE);
    return {
      ...getRolloutOverview(actor, programme.id, today()),
      gpTarget: gpTarget ? { code: gpTarget.code, name: gpTarget.name, verificationMechanism: gpTarget.verificationMechanism, quarter: gpTarget.quarter, year: gpTarget.year } : null,
    };
  });
}

/** The EU target whose evidence is the number of GPs trained per region. */
const GP_TARGET_CODE = "M6C2-11";

export default function TrainingPage() {
  const overview = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  const number = countFormatter(locale, { maximumFractionDigits: 0 });
  const { curve, matrix } = overview;
  return (
    <>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 mb-3">
        <div>
          <h1 className="h2 mb-1">{t("training.title")}</h1>
          <p className="mb-0">{t("training.intro", { date: formatDate(overview.asOf) })}</p>
        </div>
        <div className="d-flex gap-2">
          <Link to="/training/waves" className="btn btn-outline-primary">
            {t("training.waves.title")}
          </Link>
          {canEdit ? (
            <Link to="/training/import" className="btn btn-primary">
              {t("training.import.link")}
            </Link>
          ) : null}
        </div>
      </div>

      <section className="tg-card mb-4" aria-labelledby="heatmap-title">
        <h2 className="h4" id="heatmap-title">
          {t("training.heatmap.title")}
        </h2>
        <RolloutHeatmap
          groups={overview.groups}
          authorities={overview.authorities}
          cells={matrix.cells}
          byGroup={matrix.byGroup}
          byAuthority={matrix.byAuthority}
          total={matrix.total}
        />
      </section>

      <section className="tg-card mb-4" aria-labelledby="gp-evidence-title" data-testid="gp-evidence">
        <h2 className="h4" id="gp-evidence-title">
          {t("training.evidence.title", { code: GP_TARGET_CODE })}
        </h2>
        <p className="mb-2">
          {t("training.evidence.summary", {
            trained: number.format(matrix.byGroup.gp?.trained ?? 0),
            planned: number.format(matrix.byGroup.gp?.planned ?? 0),
            authorities: overview.authorities.filter((a) => (matrix.cells.gp?.[a.id]?.planned ?? 0) > 0).length,
          })}
        </p>
        {overview.gpTarget ? (
          <>
            <h3 className="h6">
              {t("training.catalogue.field.verification")} · {overview.gpTarget.code} ({catalogueQuarter(overview.gpTarget, locale)})
            </h3>
            <p className="tg-verification mb-0" lang="en">
              {overview.gpTarget.verificationMechanism ?? t("training.catalogue.noVerification")}
            </p>
          </>
        ) : (
          <p className="mb-0 small">
            {t("training.evidence.noCatalogue")} <Link to="/indicators/catalogue">{t("training.catalogue.nav")}</Link>
          </p>
        )}
      </section>

      <div className="row g-4 mb-4">
        <section className="col-12 col-xl-8" aria-labelledby="curve-title">
          <div className="tg-card h-100">
            <h2 className="h4" id="curve-title">
              {t("training.curve.title", { date: formatDate(curve.gateDate) })}
            </h2>
            <p className="mb-1" data-testid="curve-summary">
              {t("training.curve.summary", {
                trained: number.format(curve.trainedToDate),
                planned: number.format(Math.round(curve.plannedAtGate)),
                total: number.format(curve.totalTarget),
              })}{" "}
              {curve.projectedAtGate !== null ? t("training.curve.projection", { projected: number.format(Math.round(curve.projectedAtGate)) }) : null}
            </p>
            <p>
              <span className={`tg-ind-status tg-ind-status-${curve.onCourse ? "on_track" : "missed"}`}>
                {t(curve.onCourse ? "training.curve.onCourse" : "training.curve.offCourse")}
              </span>
            </p>
            <RolloutCurve points={curve.points} gateDate={curve.gateDate} asOf={overview.asOf} />
          </div>
        </section>
        <section className="col-12 col-xl-4" aria-labelledby="lagging-title">
          <div className="tg-card h-100" data-testid="lagging">
            <h2 className="h4" id="lagging-title">
              {t("training.lagging.title")}
            </h2>
            <h3 className="h6 mt-3">{t("training.lagging.groups")}</h3>
            {overview.laggingGroups.length ? (
              <ul className="tg-lag-list" data-testid="lagging-groups">
                {overview.laggingGroups.map((group) => (
                  <li key={group}>
                    <Link to={`/training/waves?group=${group}`}>{t(`training.group.${group}` as MessageKey)}</Link>{" "}
                    ({number.format(matrix.byGroup[group].trained)}/{number.format(matrix.byGroup[group].planned)})
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("training.lagging.none")}</p>
            )}
            <h3 className="h6 mt-3">{t("training.lagging.authorities")}</h3>
            {overview.laggingAuthorities.length ? (
              <ul className="tg-lag-list" data-testid="lagging-authorities">
                {overview.laggingAuthorities.map((a) => (
                  <li key={a.id}>
                    <Link to={`/training/waves?authority=${a.id}`}>{a.name}</Link> ({number.format(matrix.byAuthority[a.id].trained)}/
                    {number.format(matrix.byAuthority[a.id].planned)})
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("training.lagging.none")}</p>
            )}
          </div>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
