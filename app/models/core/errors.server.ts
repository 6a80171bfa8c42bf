import type { Message } from "~/i18n";
import type { Permission } from "~/domain/core/permissions";

/** Errors a model raises; routes turn them into HTTP replies (see ~/utils/responses.server). */
export class PermissionError extends Error {
  constructor(public permission: Permission) {
    super(`Missing permission ${permission}`);
  }
}

export class NotFoundError extends Error {
  constructor(public entityType: string, public entityId: string | number) {
    super(`${entityType} ${entityId} not found`);
  }
}

export interface FieldIssue {
  /** Form field name, or null for a form-level problem. */
  field: string | null;
  message: Message;
}

export class ValidationError extends Error {
  constructor(public issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field ?? "form"}: ${issue.message.key}`).join("; "));
  }

  /** Throws when any issue was found: a form's checks collect them all, then refuse once. */
  static throwIf(issues: FieldIssue[]) {
    if (issues.length) throw new ValidationError(issues);
  }

  static field(field: string | null, key: Message["key"], params?: Message["params"]) {
    return new ValidationError([{ field, message: { key, params } }]);
  }
}

export class ConflictError extends Error {
  constructor(
    public entityType: string,
    public entityId: number,
    public updatedByName: string,
    public updatedAt: string,
  ) {
    super(`${entityType} ${entityId} was changed by ${updatedByName} at ${updatedAt}`);
  }
}

/**
 * One problem in one row of an imported file: the shape every import (ledger, completions,
 * catalogue) reports, so routes show them the same way. `row` is the spreadsheet row number (the
 * header is row 1), or null for a problem with the file as a whole.
 */
export interface ImportRowIssue {
  row: number | null;
  column: string | null;
  message: Message;
}

/** An import refused as a whole, with every problem found (routes answer 400). */
export class ImportRowsError extends Error {
  constructor(public issues: ImportRowIssue[], public totalIssues: number = issues.length) {
    super(`Import refused: ${totalIssues} problem(s)`);
  }
}
