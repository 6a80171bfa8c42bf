import { useFetcher } from "@remix-run/react";
import { useEffect, useId } from "react";
import { useHydrated } from "./use-hydrated";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";

type PreviewReply =
  | { ok: true; fields: Record<string, string>; invoice: { number: string; date: string; supplierName: string; totalCents: number }; flags: string[] }
  | { ok: false; field: string | null; error: string };

/** Writes a value into a form control the way typing would, so conform sees it. */
function setField(form: HTMLFormElement, name: string, value: string) {
  const control = form.elements.namedItem(name);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) return;
  if (control instanceof HTMLSelectElement && value && ![...control.options].some((o) => o.value === value)) return;
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
}

/**
 * "Fill in from an e-invoice": reads a FatturaPA (XML or signed .p7m) on the server without
 * storing it, and proposes the ledger form's fields; mismatches with the register are listed.
 */
export function InvoicePrefill({ formId }: { formId: string }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<PreviewReply>();
  const id = useId();
  const reply = fetcher.data;
  const hydrated = useHydrated();
  useEffect(() => {
    if (fetcher.state !== "idle" || !reply?.ok) return;
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    for (const [name, value] of Object.entries(reply.fields)) if (value !== "" || name === "cig") setField(form, name, value);
  }, [fetcher.state, reply, formId]);
  return (
    <fetcher.Form method="post" action="/documents/invoice-preview" encType="multipart/form-data" className="alert alert-light border mb-3" aria-labelledby={`${id}-title`} data-hydrated={hydrated}>
      <h3 className="h6" id={`${id}-title`}>
        {t("invoice.prefill")}
      </h3>
      <p className="small mb-2" id={`${id}-hint`}>
        {t("invoice.prefillHint")}
      </p>
      <div className="d-flex flex-wrap gap-2 align-items-end">
        <div>
          <label htmlFor={`${id}-file`} className="small fw-semibold d-block">
            {t("documents.field.file")}
          </label>
          <input id={`${id}-file`} name="file" type="file" accept=".xml,.p7m,application/xml" required className="form-control form-control-sm" aria-describedby={`${id}-hint`} />
        </div>
        <button type="submit" className="btn btn-sm btn-outline-primary" disabled={fetcher.state !== "idle"}>
          {t("invoice.prefillButton")}
        </button>
      </div>
      {reply && !reply.ok ? (
        <div className="alert alert-danger py-2 mt-2 mb-0" role="alert" data-testid="prefill-error">
          {reply.error}
        </div>
      ) : null}
      {reply?.ok ? (
        <div className="mt-2 mb-0" role="status" data-testid="prefill-ok">
          <p className="small mb-1">
            {t("invoice.prefilled", { number: reply.invoice.number, date: reply.invoice.date.split("-").reverse().join("/"), supplier: reply.invoice.supplierName })} ({t("invoice.total")}{" "}
            {formatEuro(reply.invoice.totalCents, locale)})
          </p>
          {reply.flags.length ? (
            <ul className="small text-danger mb-0" data-testid="prefill-flags">
              {reply.flags.map((flag) => (
                <li key={flag}>{flag}</li>
              ))}
            </ul>
          ) : (
            <p className="small text-success mb-0">✓ {t("invoice.flag.ok")}</p>
          )}
        </div>
      ) : null}
    </fetcher.Form>
  );
}
