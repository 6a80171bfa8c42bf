import { can, type Permission, type Role } from "~/domain/core/permissions";
import { PermissionError } from "./errors.server";

/** Whoever is asking: every model write takes one and checks it first. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}

export function requirePermission(actor: Actor, permission: Permission) {
  if (!can(actor.role, permission)) throw new PermissionError(permission);
}
