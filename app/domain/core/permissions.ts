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
  "update:checklist",
  "verify:checklist",
  "manage:checklist-templates",
  "close:month",
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: ["read:programme", "read:audit", "manage:users", "manage:checklist-templates"],
  // Checklists: finance and managers fill them in and review each other's (never their own: the
  // model refuses a reviewer who completed it). Closing a month takes a snapshot: managers.
  manager: ["read:programme", "update:plan", "update:training", "take:snapshot", "read:audit", "update:checklist", "verify:checklist", "close:month"],
  finance: ["read:programme", "update:finance", "read:audit", "update:checklist", "verify:checklist"],
  auditor: ["read:programme", "read:audit"],
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
