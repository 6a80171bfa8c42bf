import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useT } from "~/i18n/use-t";
import { verifyAuditTrail } from "~/models/snapshots/snapshot.server";
import { requireViewerWith } from "~/utils/auth.server";
import snapshotCss from "~/styles/snapshot.css";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction = () => [{ title: "Verifica del registro · Traguardi" }];

/**
 * The "Verifica" button: recomputes the audit chain and every snapshot hash. It only reads, so it
 * is a GET (?run=1) and auditors, whose every POST is refused, can use it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:audit");
    const run = new URL(request.url).searchParams.get("run") === "1";
    return { result: run ? verifyAuditTrail(actor) : null };
  });
}

export default function AuditVerifyPage() {
  const { result } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="mb-2">
        <Link to="/audit">← {t("nav.audit")}</Link>
      </p>
      <h1 className="h2 mb-3">{t("snapshot.auditVerify")}</h1>
      <p>{t("snapshot.auditVerifyIntro")}</p>
      <Form method="get" className="mb-4">
        <input type="hidden" name="run" value="1" />
        <button type="submit" className="btn btn-primary" data-testid="audit-verify-run">
          {t("snapshot.auditVerifyRun")}
        </button>
      </Form>
      {result ? (
        <section
          className={`tg-card ${result.chain.ok && result.snapshots.broken.length === 0 ? "tg-verify-ok" : "tg-verify-broken"}`}
          role="status"
          data-testid="audit-verify-result"
          data-ok={String(result.chain.ok)}
        >
          <p className="fw-semibold mb-2">
            {result.chain.ok
              ? t("snapshot.auditOk", { checked: result.chain.checked })
              : t("snapshot.auditBroken", {
                  id: result.chain.firstBrokenId ?? "?",
                  checked: result.chain.checked,
                  reason: t(result.chain.reason === "link" ? "snapshot.auditReason.link" : "snapshot.auditReason.hash"),
                })}
          </p>
          <p className="mb-0">
            {result.snapshots.broken.length === 0
              ? t("snapshot.snapshotsOk", { checked: result.snapshots.checked })
              : t("snapshot.snapshotsBroken", { ids: result.snapshots.broken.join(", ") })}
          </p>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
