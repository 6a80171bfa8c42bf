import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useT } from "~/i18n/use-t";

/**
 * Budget control in a ledger form: appears once the server says the entry crosses a limit (line
 * budget, programme total, payments beyond commitments), lists what is exceeded, and asks for an
 * explicit confirmation with a reason (kept in the audit log).
 */
// Conform's metadata types are invariant in the form shape, so any field metadata is accepted.
export function OverrunConfirmation({ confirm, reason }: { confirm: FieldMetadata<any, any, string[]>; reason: FieldMetadata<any, any, string[]> }) {
  const t = useT();
  const reported = confirm.errors ?? [];
  const reasonErrors = reason.errors ?? [];
  // The server's overruns stay on screen while the user confirms: the browser's own validation of
  // the checkbox (which knows nothing of budgets) would otherwise clear them at the first click.
  const [latched, setLatched] = useState<string[]>([]);
  const key = reported.join("\u0000");
  useEffect(() => {
    if (reported.length) setLatched(reported);
  }, [key]);
  const overruns = reported.length ? reported : latched;
  if (!overruns.length && !reasonErrors.length) return null;
  return (
    <div className="alert alert-warning" data-testid="overrun-confirmation">
      <p className="fw-semibold mb-1">{t("finance.overrun.title")}</p>
      {overruns.length ? (
        <ul className="mb-2" role="alert" data-field-error="confirmOverCommitment">
          {overruns.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-check">
        <input {...getInputProps(confirm, { type: "checkbox" })} defaultChecked={!reported.length && reasonErrors.length > 0} className="form-check-input" />
        <label htmlFor={confirm.id} className="form-check-label">
          {t("finance.overrun.confirm")}
        </label>
      </div>
      <label htmlFor={reason.id} className="small fw-semibold mt-2 d-block">
        {t("finance.field.overrunReason")}
      </label>
      <textarea {...getTextareaProps(reason)} className="form-control form-control-sm" rows={2} />
      {reasonErrors.length ? (
        <div className="small text-danger mt-1" role="alert" data-field-error="overrunReason">
          {reasonErrors.join(" ")}
        </div>
      ) : null}
    </div>
  );
}
