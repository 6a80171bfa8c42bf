import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IndicatorChart, useIndicatorFormat } from "~/components/charts/indicator-chart";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { IndicatorStatusBadge } from "~/components/ui/indicator-status";
import { formatDate } from "~/domain/core/dates";
import { useT } from "~/i18n/use-t";
import { listIndicators } from "~/models/indicators/indicator.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction = () => [{ title: "Indicatori · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    return { asOf: today(), indicators: listIndicators(actor, programme.id, today()) };
  });
}

type Row = Awaited<ReturnType<typeof loader>>["indicators"][number];

function IndicatorCard({ indicator, asOf }: { indicator: Row; asOf: string }) {
  const t = useT();
  const format = useIndicatorFormat(indicator.unit);
  return (
    <article className="tg-card" data-testid={`indicator-card-${indicator.code}`} aria-labelledby={`ind-${indicator.id}`}>
      <div className="d-flex justify-content-between gap-2 align-items-start">
        <h2 className="h6 mb-1" id={`ind-${indicator.id}`}>
          <Link to={`/indicators/${indicator.id}`}>
            {indicator.code} · {indicator.name}
          </Link>
        </h2>
        <IndicatorStatusBadge status={indicator.status} achieved={indicator.achieved} />
      </div>
      <p className="small mb-2">
        {t("training.indicator.field.latest")}: <strong>{format(indicator.latest?.value)}</strong>
        {indicator.latest ? <> ({formatDate(indicator.latest.date)})</> : null} · {t("training.indicator.field.target")}: <strong>{format(indicator.targetValue)}</strong> ·{" "}
        {t("training.indicator.field.due")} <DateText value={indicator.dueDate} />
        {indicator.euCode ? <> · <span className="font-monospace tg-nowrap">{indicator.euCode}</span></> : null}
      </p>
      <IndicatorChart
        series={indicator.series}
        unit={indicator.unit}
        dueDate={indicator.dueDate}
        asOf={asOf}
        height={170}
        compact
        label={t("training.indicator.chart.title", { code: indicator.code })}
      />
    </article>
  );
}

export default function IndicatorsPage() {
  const { indicators, asOf } = useLoaderData<typeof loader>();
  const t = useT();
  const canEdit = useCan("update:training");
  return (
    <>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 mb-3">
        <div>
          <h1 className="h2 mb-1">{t("training.indicator.title")}</h1>
          <p className="mb-0">{t("training.indicator.intro", { date: formatDate(asOf) })}</p>
        </div>
        <div className="d-flex gap-2">
          <Link to="/indicators/catalogue" className="btn btn-outline-primary">
            {t("training.catalogue.nav")}
          </Link>
          {canEdit ? (
            <Link to="/indicators/new" className="btn btn-primary">
              {t("training.indicator.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="tg-ind-legend" aria-hidden="true">
        <span className="tg-key-actual" /> {t("training.indicator.chart.actual")} · <span className="tg-key-target" /> {t("training.indicator.chart.target")} ·{" "}
        <span className="tg-key-due" /> {t("training.indicator.chart.due")}
      </p>
      {indicators.length === 0 ? (
        <p className="tg-card">{t("training.indicator.none")}</p>
      ) : (
        <div className="tg-ind-grid">
          {indicators.map((indicator) => (
            <IndicatorCard key={indicator.id} indicator={indicator} asOf={asOf} />
          ))}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
