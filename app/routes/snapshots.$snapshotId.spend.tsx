import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenBanner, SectionMissing } from "~/components/snapshot/frozen-banner";
import { FinanceTables } from "~/components/snapshot/finance-tables";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useT } from "~/i18n/use-t";
import { getSnapshot } from "~/models/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.summary.label ?? ""} · Spesa · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  return getSnapshot(actor, Number(params.snapshotId));
}

/** This section as frozen in the snapshot, read-only. */
export default function FrozenSpendPage() {
  const { summary, content, verified } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="mb-2">
        <Link to="/snapshots">← {t("snapshot.nav")}</Link>
      </p>
      <h1 className="h2 mb-3">
        {summary.label} · {t("snapshot.view.spend")}
      </h1>
      <FrozenBanner summary={summary} verified={verified} content={content} />
      <section className="tg-card">
        {content.finance ? <FinanceTables finance={content.finance} asOf={content.meta.asOf} /> : <SectionMissing />}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
