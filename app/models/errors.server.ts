import type { Message } from "~/i18n";
import type { Permission } from "~/domain/permissions";

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
