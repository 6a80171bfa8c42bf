import { useRouteLoaderData } from "@remix-run/react";
import type { Permission, Role } from "~/domain/core/permissions";

export interface ClientViewer {
  id: number;
  name: string;
  email: string;
  role: Role;
  permissions: Permission[];
}

export function useViewer(): ClientViewer | null {
  return (useRouteLoaderData("root") as { viewer: ClientViewer | null } | undefined)?.viewer ?? null;
}

/** Mirrors the server's permission check to hide what the role cannot do; the server still enforces it. */
export function useCan(permission: Permission): boolean {
  return useViewer()?.permissions.includes(permission) ?? false;
}
