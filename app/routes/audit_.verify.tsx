import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useT } from "~/i18n/use-t";
import { parseAnchor } from "~/models/audit/audit.server";
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
    const params = new URL(request.url).searchParams;
    const run = params.get("run") === "1";
    // A head the auditor copied from an evidence pack (id:hash); an unreadable one is said so, not ignored.
    const anchorText = (params.get("anchor") ?? "").slice(0, 200);
    const anchor = anchorText.trim() ? parseAnchor(anchorText) : null;
    const anchorInvalid = anchorText.trim() !== "" && !anchor;
    return { result: run && !anchorInvalid ? verifyAuditTrail(actor, anchor ? [anchor] : []) : null, anchorText, anchorInvalid };
  });
}

export default function AuditVerifyPage() {
  const { result, anchorText, anchorInvalid } = useLoaderData<typeof loader>();
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
        <div className="mb-3" style={{ maxWidth: "48rem" }}>
          <label htmlFor="anchor" className="form-label">
            {t("bounds.anchorField")}
          </label>
          <input
            id="anchor"
            name="anchor"
            className={`form-control font-monospace${anchorInvalid ? " is-invalid" : ""}`}
            defaultValue={anchorText}
            aria-describedby="anchor-hint"
            aria-invalid={anchorInvalid || undefined}
          />
          <div id="anchor-hint" className={anchorInvalid ? "invalid-feedback d-block" : "form-text"}>
            {anchorInvalid ? t("bounds.anchorInvalid") : t("bounds.anchorHint")}
          </div>
        </div>
        <button type="submit" className="btn btn-primary" data-testid="audit-verify-run">
          {t("snapshot.auditVerifyRun")}
        </button>
      </Form>
      {result ? (
        <section
          className={`tg-card ${result.ok ? "tg-verify-ok" : "tg-verify-broken"}`}
          role="status"
          data-testid="audit-verify-result"
          data-ok={String(result.ok)}
          data-chain-ok={String(result.chain.ok)}
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
          <p className="mb-0" data-testid="audit-verify-anchors">
            {result.anchors.problems.length === 0
              ? t("bounds.anchorsOk", { checked: result.anchors.checked })
              : t("bounds.anchorsBroken", {
                  count: result.anchors.problems.length,
                  details: result.anchors.problems
                    .map(({ anchor, problem }) => {
                      const source =
                        anchor.source === "snapshot"
                          ? t("bounds.anchorSource.snapshot", { id: anchor.sourceId ?? "?" })
                          : anchor.source === "evidence"
                            ? t("bounds.anchorSource.evidence", { id: anchor.sourceId ?? "—" })
                            : t("bounds.anchorSource.external");
                      return t(problem === "missing" ? "bounds.anchorMissing" : "bounds.anchorChanged", { source, id: anchor.id });
                    })
                    .join(" "),
                })}
          </p>
          <p className="mb-0" data-testid="audit-verify-ledger-months">
            {result.ledgerMonths.differences.length === 0
              ? t("bounds.ledgerMonthOk", { checked: result.ledgerMonths.checked })
              : t("bounds.ledgerMonthBroken", {
                  count: result.ledgerMonths.differences.length,
                  details: result.ledgerMonths.differences
                    .slice(0, 5)
                    .map((d) => `${d.month} ${d.kind} #${d.budgetLineId}`)
                    .join(", "),
                })}
          </p>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
