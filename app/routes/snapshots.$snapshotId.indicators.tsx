import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenBanner, SectionMissing } from "~/components/snapshot/frozen-banner";
import { KeyedTableView } from "~/components/snapshot/keyed-table";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { sectionsOf } from "~/domain/snapshot-content";
import { useT } from "~/i18n/use-t";
import { getSnapshot } from "~/models/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import { orNotFound } from "~/utils/snapshot-params.server";
import snapshotCss from "~/styles/snapshot.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Indicatori · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  const { summary, content, verified } = orNotFound(() => getSnapshot(actor, Number(params.snapshotId)));
  return { summary, verified, sections: sectionsOf(content), asOf: content.meta.asOf, indicators: content.indicators };
}

/** This section as frozen in the snapshot, read-only. */
export default function FrozenIndicatorsPage() {
  const { summary, verified, sections, asOf, indicators } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">
        {summary.label} · {t("snapshot.view.indicators")}
      </h1>
      <FrozenBanner summary={summary} verified={verified} sections={sections} />
      <section className="tg-card">
        {indicators ? <KeyedTableView table={indicators} caption={t("snapshot.view.indicators")} testId="frozen-indicators" /> : <SectionMissing />}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
