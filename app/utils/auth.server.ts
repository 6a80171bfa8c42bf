import { redirect } from "@remix-run/node";
import type { Permission } from "~/domain/core/permissions";
import { can, permissionsOf } from "~/domain/core/permissions";
import { actorOf, endSession, getSessionUser } from "~/models/users/auth.server";
import type { Actor } from "~/models/core/actor.server";
import type { PublicUser } from "~/models/users/user.server";
import { sessionCookie } from "./session.server";

export interface Viewer {
  user: PublicUser;
  actor: Actor;
}

async function sessionIdOf(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  const sessionId = await sessionIdOf(request);
  const found = sessionId ? getSessionUser(sessionId) : null;
  return found ? { user: found, actor: actorOf(found) } : null;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login${back && back !== "/" ? `?redirectTo=${encodeURIComponent(back)}` : ""}`);
  }
  return viewer;
}

/** Like requireViewer, and a 403 when the role lacks the permission. */
export async function requireViewerWith(request: Request, permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!can(viewer.user.role, permission)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return viewer;
}

export async function signOut(request: Request) {
  const sessionId = await sessionIdOf(request);
  if (sessionId) endSession(sessionId);
  return sessionCookie().serialize("", { maxAge: 0 });
}

export function viewerForClient(viewer: Viewer | null) {
  if (!viewer) return null;
  const { id, name, email, role } = viewer.user;
  return { id, name, email, role, permissions: [...permissionsOf(role)] };
}

/** Only same-site paths may be redirect targets. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) return fallback;
  return target;
}
