import type { FieldMetadata } from "@conform-to/react";
import { cloneElement, type ReactElement } from "react";

/**
 * A labelled form control with its error message, wired for screen readers (aria-invalid and
 * aria-describedby come from conform's input props).
 */
export function Field({
  label,
  meta,
  hint,
  children,
  className = "",
}: {
  label: string;
  meta: FieldMetadata<unknown>;
  hint?: string;
  children: ReactElement;
  className?: string;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const control = hintId
    ? cloneElement(children, {
        "aria-describedby": [children.props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined,
      })
    : children;
  return (
    <div className={`tg-field ${className}`}>
      <label htmlFor={meta.id}>{label}</label>
      {control}
      {hint ? (
        <small id={hintId} className="form-text text-muted">
          {hint}
        </small>
      ) : null}
      {meta.errors?.length ? (
        <div className="invalid-feedback" id={meta.errorId} role="alert" data-field-error={meta.name}>
          {meta.errors.join(" ")}
        </div>
      ) : null}
    </div>
  );
}
