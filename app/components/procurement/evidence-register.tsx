import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useId } from "react";
import { useHydrated } from "./use-hydrated";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import type { EvidenceState } from "~/domain/procurement/evidence";
import { useLocale, useT } from "~/i18n/use-t";

interface EvidenceDocument {
  id: number;
  name: string;
  sha256: string;
  uploadedByName: string;
  uploadedById: number | null;
  uploadedAt: string;
  verification: { verifiedByName: string; verifiedAt: string } | null;
}
interface EvidenceItem {
  key: string;
  title: string;
  source: string | null;
  state: EvidenceState;
  documents: EvidenceDocument[];
}
export interface EvidenceMilestone {
  milestoneId: number;
  milestoneCode: string;
  milestoneTitle: string;
  dueDate: string;
  euCode: string;
  items: EvidenceItem[];
}

const stateClass: Record<EvidenceState, string> = { missing: "bg-danger", uploaded: "bg-warning text-dark", verified: "bg-success" };

export function EvidenceStateBadge({ state }: { state: EvidenceState }) {
  const t = useT();
  return <span className={`badge ${stateClass[state]}`}>{t(`evidence.state.${state}`)}</span>;
}

type Reply = { ok: true } | { ok: false; error: string };

function AttachForm({ milestoneId, item }: { milestoneId: number; item: EvidenceItem }) {
  const t = useT();
  const fetcher = useFetcher<Reply>();
  const location = useLocation();
  const id = useId();
  const hydrated = useHydrated();
  return (
    <fetcher.Form data-hydrated={hydrated} method="post" action={hydrated ? "/documents/upload?fetch=1" : "/documents/upload"} encType="multipart/form-data" className="d-flex flex-wrap gap-2 align-items-end mt-2" aria-label={t("evidence.attachFor", { item: item.key })}>
      <input type="hidden" name="target" value="milestone" />
      <input type="hidden" name="targetId" value={milestoneId} />
      <input type="hidden" name="role" value="evidence" />
      <input type="hidden" name="evidenceKey" value={item.key} />
      <input type="hidden" name="redirectTo" value={location.pathname} />
      <div>
        <label htmlFor={`${id}-file`} className="small d-block">
          {t("documents.field.file")} ({item.key})
        </label>
        <input id={`${id}-file`} name="file" type="file" required className="form-control form-control-sm" />
      </div>
      <button type="submit" className="btn btn-sm btn-outline-primary" disabled={fetcher.state !== "idle"}>
        {t("evidence.attach")}
      </button>
      {fetcher.data && !fetcher.data.ok ? (
        <div className="alert alert-danger py-1 px-2 mb-0 w-100" role="alert" data-testid="evidence-error">
          {fetcher.data.error}
        </div>
      ) : null}
    </fetcher.Form>
  );
}

function VerifyButton({ doc }: { doc: EvidenceDocument }) {
  const t = useT();
  const fetcher = useFetcher<Reply>();
  const location = useLocation();
  const hydrated = useHydrated();
  return (
    <fetcher.Form method="post" action={hydrated ? "/documents/verify?fetch=1" : "/documents/verify"} className="d-inline">
      <input type="hidden" name="redirectTo" value={location.pathname} />
      <input type="hidden" name="documentId" value={doc.id} />
      <button type="submit" className="btn btn-link btn-sm p-0 ms-2" aria-label={t("documents.verifyOf", { name: doc.name })} disabled={fetcher.state !== "idle"}>
        {t("documents.verify")}
      </button>
      {fetcher.data && !fetcher.data.ok ? (
        <span className="d-block small text-danger" role="alert" data-testid="verify-error">
          {fetcher.data.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

/** Each EU milestone/target's evidence items with their state, documents, attach and verify actions. */
export function EvidenceRegister({ milestones, canUpload, canVerify, canDownload, viewerId }: { milestones: EvidenceMilestone[]; canUpload: boolean; canVerify: boolean; canDownload: boolean; viewerId: number | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {milestones.map((m) => (
        <section key={m.milestoneId} className="tg-card mb-3" aria-labelledby={`evidence-${m.milestoneId}`} data-testid={`evidence-${m.euCode}`}>
          <h2 className="h5" id={`evidence-${m.milestoneId}`}>
            {m.euCode} · {m.milestoneCode} {m.milestoneTitle}{" "}
            <span className="small text-secondary">({t("evidence.due", { date: formatDate(m.dueDate) })})</span>
          </h2>
          <ol className="mb-0">
            {m.items.map((item) => (
              <li key={item.key} className="mb-3" data-evidence-key={item.key} data-state={item.state}>
                <div className="d-flex flex-wrap gap-2 align-items-baseline">
                  <EvidenceStateBadge state={item.state} />
                  <span>{item.title}</span>
                </div>
                {item.source && item.source !== item.title ? (
                  <div className="small text-secondary" lang="en">
                    {t("evidence.source")}: {item.source}
                  </div>
                ) : null}
                {item.documents.length ? (
                  <ul className="small mb-0">
                    {item.documents.map((doc) => (
                      <li key={doc.id}>
                        {canDownload ? <a href={`/documents/${doc.id}/download`}>{doc.name}</a> : doc.name} — {doc.uploadedByName}, {formatTimestamp(doc.uploadedAt, locale)} ·{" "}
                        <span className="font-monospace">{doc.sha256.slice(0, 12)}…</span>
                        {doc.verification ? (
                          <span className="text-success ms-2">✓ {t("documents.verified", { name: doc.verification.verifiedByName, date: formatTimestamp(doc.verification.verifiedAt, locale) })}</span>
                        ) : canVerify && doc.uploadedById !== viewerId ? (
                          <VerifyButton doc={doc} />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {canUpload ? <AttachForm milestoneId={m.milestoneId} item={item} /> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** The dashboard's line: how many items have documents and how many are verified. */
export function EvidenceSummary({ totals }: { totals: { total: number; present: number; verified: number; missing: number } }) {
  const t = useT();
  return (
    <section className="tg-card mb-4" aria-labelledby="evidence-summary-title" data-testid="evidence-summary">
      <h2 className="h5" id="evidence-summary-title">
        {t("evidence.dashboard")}
      </h2>
      <p className="mb-2" data-testid="evidence-summary-text">
        {t("evidence.summary", { ...totals })}
      </p>
      <div className="progress mb-2" style={{ height: "0.75rem" }} role="img" aria-label={t("evidence.summaryShort", { ...totals })}>
        <div className="progress-bar bg-success" style={{ width: `${totals.total ? (totals.verified / totals.total) * 100 : 0}%` }} />
        <div className="progress-bar bg-warning" style={{ width: `${totals.total ? ((totals.present - totals.verified) / totals.total) * 100 : 0}%` }} />
      </div>
      <Link to="/evidence">{t("evidence.open")}</Link>
    </section>
  );
}
