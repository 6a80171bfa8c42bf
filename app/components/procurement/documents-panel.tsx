import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useHydrated } from "./use-hydrated";
import { formatTimestamp } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { formatBytes, type DocumentRole, type DocumentTarget } from "~/domain/procurement/documents";
import { isMessageKey, type Message } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";

interface PanelDocument {
  id: number;
  name: string;
  kind: string;
  role: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string;
  uploadedAt: string;
  versions: { id: number; name: string; sha256: string; uploadedAt: string; uploadedByName: string }[];
  verification: { verifiedByName: string; verifiedAt: string } | null;
}

interface InvoiceCheck {
  invoice: { supplierName: string; vatNumber: string | null; number: string; date: string; totalCents: number; vatSummary: { rateBasisPoints: number; taxableCents: number; taxCents: number }[]; cigs: string[]; cups: string[] };
  flags: Message[];
}

export interface DocumentsPanelProps {
  target: DocumentTarget;
  targetId: number;
  documents: PanelDocument[];
  roles: readonly DocumentRole[];
  canUpload: boolean;
  canDownload: boolean;
  invoices?: Record<number, InvoiceCheck>;
  maxBytes?: number;
}

type UploadReply = { ok: true; document: { id: number; name: string; sha256: string } } | { ok: false; field: string | null; error: string };

/** One invoice's data and its checks against the register. */
function InvoiceFacts({ check }: { check: InvoiceCheck }) {
  const t = useT();
  const locale = useLocale();
  const { invoice, flags } = check;
  const say = (message: Message) => (isMessageKey(message.key) ? t(message.key, message.params) : message.key);
  return (
    <div className="small mt-1" data-testid="invoice-facts">
      <div>
        <strong>{t("invoice.title")}:</strong> {invoice.supplierName} ({t("invoice.vatNumber")} {invoice.vatNumber ?? "—"}), {t("invoice.number")} {invoice.number}, {t("invoice.date")}{" "}
        {invoice.date.split("-").reverse().join("/")}, {t("invoice.total")} {formatEuro(invoice.totalCents, locale)}
      </div>
      <div>
        {t("invoice.vatSummary")}:{" "}
        {invoice.vatSummary
          .map((row) => t("invoice.vatRow", { rate: (row.rateBasisPoints / 100).toLocaleString(locale), taxable: formatEuro(row.taxableCents, locale), tax: formatEuro(row.taxCents, locale) }))
          .join("; ") || t("invoice.none")}
      </div>
      <div>
        {t("invoice.cig")}: <span className="font-monospace">{invoice.cigs.join(", ") || t("invoice.none")}</span> · {t("invoice.cup")}:{" "}
        <span className="font-monospace">{invoice.cups.join(", ") || t("invoice.none")}</span>
      </div>
      {flags.length ? (
        <ul className="text-danger mb-0 ps-3" data-testid="invoice-flags">
          {flags.map((flag) => (
            <li key={say(flag)}>{say(flag)}</li>
          ))}
        </ul>
      ) : (
        <div className="text-success" data-testid="invoice-ok">
          ✓ {t("invoice.flag.ok")}
        </div>
      )}
    </div>
  );
}

/**
 * The documents attached to one thing, with the upload form. Uploads go to /documents/upload via
 * a fetcher, so a refusal shows its reason here and the page's loaders refresh after a success.
 */
export function DocumentsPanel(props: DocumentsPanelProps & { title?: string; embedded?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const fetcher = useFetcher<UploadReply>();
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const headingId = `${id}-documents`;
  const reply = fetcher.data;
  const hydrated = useHydrated();
  useEffect(() => {
    if (fetcher.state === "idle" && reply?.ok) formRef.current?.reset();
  }, [fetcher.state, reply]);
  const max = formatBytes(props.maxBytes ?? 20 * 1024 * 1024);
  return (
    <section className={props.embedded ? "mt-4 pt-3 border-top" : "tg-card mb-4"} aria-labelledby={headingId} data-testid={`documents-${props.target}`}>
      <h2 className="h5" id={headingId}>
        {props.title ?? t("documents.title")}
      </h2>
      {props.documents.length === 0 ? (
        <p data-testid="documents-none">{t("documents.none")}</p>
      ) : (
        <ul className="list-unstyled" data-testid="documents-list">
          {props.documents.map((doc) => (
            <li key={doc.id} className="border-bottom py-2" data-document-id={doc.id}>
              <div className="d-flex flex-wrap gap-2 align-items-baseline">
                <span className="badge bg-secondary">{t(`documents.role.${doc.role}` as never)}</span>
                {props.canDownload ? (
                  <a href={`/documents/${doc.id}/download`} download aria-label={t("documents.downloadOf", { name: doc.name })}>
                    {doc.name}
                  </a>
                ) : (
                  <span>{doc.name}</span>
                )}
                <span className="small text-secondary">
                  {t(`documents.kind.${doc.kind}` as never)} · {formatBytes(doc.sizeBytes)} · {t("documents.col.uploaded")} {doc.uploadedByName}, {formatTimestamp(doc.uploadedAt, locale)}
                  {doc.versions.length ? ` · ${t("documents.version", { n: doc.versions.length + 1 })}` : ""}
                </span>
              </div>
              <div className="small font-monospace text-break" title={t("documents.col.hash")}>
                SHA-256 {doc.sha256}
              </div>
              {doc.verification ? (
                <div className="small text-success">✓ {t("documents.verified", { name: doc.verification.verifiedByName, date: formatTimestamp(doc.verification.verifiedAt, locale) })}</div>
              ) : null}
              {props.invoices?.[doc.id] ? <InvoiceFacts check={props.invoices[doc.id]} /> : null}
              {doc.versions.length ? (
                <details className="small mt-1">
                  <summary>{t("documents.col.versions")}</summary>
                  <ul>
                    {doc.versions.map((version, index) => (
                      <li key={version.id}>
                        {t("documents.version", { n: doc.versions.length - index })}:{" "}
                        {props.canDownload ? <a href={`/documents/${version.id}/download`}>{version.name}</a> : version.name} — {version.uploadedByName},{" "}
                        {formatTimestamp(version.uploadedAt, locale)} · <span className="font-monospace">{version.sha256.slice(0, 16)}…</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!props.canDownload && props.documents.length ? <p className="small text-secondary">{t("documents.noDownload")}</p> : null}
      {props.canUpload ? (
        <fetcher.Form method="post" action={hydrated ? "/documents/upload?fetch=1" : "/documents/upload"} encType="multipart/form-data" ref={formRef} aria-labelledby={`${id}-upload`} className="mt-3" data-hydrated={hydrated}>
          <h3 className="h6" id={`${id}-upload`}>
            {t("documents.upload")}
          </h3>
          <input type="hidden" name="target" value={props.target} />
          <input type="hidden" name="targetId" value={props.targetId} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <div className="tg-form-grid">
            <div className="tg-field tg-span-2">
              <label htmlFor={`${id}-file`}>{t("documents.field.file")}</label>
              <input
                id={`${id}-file`}
                name="file"
                type="file"
                required
                className="form-control"
                aria-describedby={`${id}-file-hint${reply && !reply.ok ? ` ${id}-error` : ""}`}
                aria-invalid={reply && !reply.ok ? true : undefined}
              />
              <small id={`${id}-file-hint`} className="form-text text-muted">
                {t("documents.hint.file", { max })}
              </small>
            </div>
            <div className="tg-field">
              <label htmlFor={`${id}-role`}>{t("documents.field.role")}</label>
              <select id={`${id}-role`} name="role" className="form-select">
                {props.roles.map((role) => (
                  <option key={role} value={role}>
                    {t(`documents.role.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="tg-field">
              <label htmlFor={`${id}-replaces`}>{t("documents.field.replaces")}</label>
              <select id={`${id}-replaces`} name="replacesDocumentId" className="form-select">
                <option value="">{t("documents.field.replacesNone")}</option>
                {props.documents.map((doc) => (
                  <option key={doc.id} value={doc.id}>
                    {doc.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {reply && !reply.ok ? (
            <div className="alert alert-danger py-2" role="alert" id={`${id}-error`} data-testid="upload-error">
              {reply.error}
            </div>
          ) : null}
          {reply?.ok && fetcher.state === "idle" ? (
            <div className="alert alert-success py-2" role="status" data-testid="upload-ok">
              {t("documents.uploaded", { name: reply.document.name, hash: reply.document.sha256.slice(0, 16) + "…" })}
            </div>
          ) : null}
          <button type="submit" className="btn btn-primary btn-sm" disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? t("documents.uploading") : t("documents.uploadSubmit")}
          </button>
        </fetcher.Form>
      ) : null}
    </section>
  );
}

