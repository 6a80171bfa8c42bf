/**
 * Permissions are `action:entity` strings. The server checks them in every write (models) and
 * every loader; the UI only mirrors them to hide what a role cannot do.
 */
export const roles = ["admin", "manager", "finance", "auditor"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "read:programme",
  "update:plan",
  "update:finance",
  "update:training",
  "take:snapshot",
  "read:audit",
  "manage:users",
  // One's own sessions and password: every role.
  "manage:own-account",
  // Procurement register and documents (issue 13).
  "update:procurement",
  "read:documents",
  "upload:documents",
  "verify:evidence",
  "update:checklist",
  "verify:checklist",
  "manage:checklist-templates",
  "close:month",
  // Rendiconto di progetto (issue 14): finance builds and submits; the ministry's answer is recorded by finance or the manager.
  "update:report",
  "record:report-outcome",
] as const;
export type Permission = (typeof permissions)[number];

/** Finance and managers keep the procurement register and upload and verify documents. */
const procurementEditor = ["update:procurement", "read:documents", "upload:documents", "verify:evidence"] as const;

const grants: Record<Role, readonly Permission[]> = {
  admin: ["read:programme", "read:audit", "manage:users", "manage:own-account", "manage:checklist-templates", "update:report", "record:report-outcome"],
  // Checklists: finance and managers fill them in and review each other's (never their own: the
  // model refuses a reviewer who completed it). Closing a month takes a snapshot: managers.
  manager: ["read:programme", "update:plan", "update:training", "take:snapshot", "read:audit", "manage:own-account", ...procurementEditor, "update:checklist", "verify:checklist", "close:month", "record:report-outcome"],
  finance: ["read:programme", "update:finance", "read:audit", "manage:own-account", ...procurementEditor, "update:checklist", "verify:checklist", "update:report", "record:report-outcome"],
  auditor: ["read:programme", "read:audit", "read:documents", "manage:own-account"],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return grants[role];
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
