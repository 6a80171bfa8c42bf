import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FinanceTables } from "~/components/snapshot/finance-tables";
import { FrozenBanner, SectionMissing } from "~/components/snapshot/frozen-banner";
import { KeyedTableView } from "~/components/snapshot/keyed-table";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { sectionsOf } from "~/domain/snapshots/snapshot-content";
import { translate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { getSnapshot } from "~/models/snapshots/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";
import { answer } from "~/utils/responses.server";

/** The as-of views of a snapshot's optional sections, each read-only from the frozen content. */
const views = {
  spend: "snapshot.view.spend",
  training: "snapshot.view.training",
  indicators: "snapshot.view.indicators",
} as const;
type View = keyof typeof views;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.summary.label ?? ""} · ${loaded ? translate("it", views[loaded.view]) : ""} · Traguardi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const view = params.section as View;
    if (!(view in views)) throw new Response("Not found", { status: 404, statusText: "Not Found" });
    const { actor } = await requireViewer(request);
    const { summary, content, verified } = getSnapshot(actor, Number(params.snapshotId));
    return {
      view,
      summary,
      verified,
      sections: sectionsOf(content),
      asOf: content.meta.asOf,
      finance: view === "spend" ? content.finance : null,
      table: view === "training" ? content.training : view === "indicators" ? content.indicators : null,
    };
  });
}

export default function FrozenSectionPage() {
  const { view, summary, verified, sections, asOf, finance, table } = useLoaderData<typeof loader>();
  const t = useT();
  const title = t(views[view]);
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">
        {summary.label} · {title}
      </h1>
      <FrozenBanner summary={summary} verified={verified} sections={sections} />
      <section className="tg-card">
        {view === "spend" ? (
          finance ? <FinanceTables finance={finance} asOf={asOf} /> : <SectionMissing />
        ) : table ? (
          <KeyedTableView table={table} caption={title} testId={`frozen-${view}`} />
        ) : (
          <SectionMissing />
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
