import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DashboardView } from "~/components/dashboard/dashboard-view";
import { FrozenBanner } from "~/components/snapshot/frozen-banner";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { dashboardOf, sectionsOf } from "~/domain/snapshots/snapshot-content";
import { useT } from "~/i18n/use-t";
import { getPreviousSnapshot, getSnapshot } from "~/models/snapshots/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Istantanee · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const { summary, content, verified } = getSnapshot(actor, Number(params.snapshotId));
    const previous = getPreviousSnapshot(actor, summary.id);
    return { summary, verified, sections: sectionsOf(content), dashboard: dashboardOf(content), previousId: previous?.summary.id ?? null };
  });
}

/** The dashboard exactly as it stood: every figure comes from the frozen content, none from the live plan. */
export default function FrozenDashboardPage() {
  const { summary, verified, sections, dashboard, previousId } = useLoaderData<typeof loader>();
  const t = useT();
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

      <DashboardView frozen dashboard={{ ...dashboard, referenceDate: dashboard.meta.asOf }} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
