import { NotFoundError } from "~/models/core/errors.server";

function notFoundAsResponse(error: unknown): never {
  if (error instanceof NotFoundError) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  throw error;
}

/** Runs a snapshot read (sync or async); an unknown snapshot id becomes a 404 page, not a server error. */
export function orNotFound<T>(read: () => T): T {
  try {
    const result = read();
    return (result instanceof Promise ? result.catch(notFoundAsResponse) : result) as T;
  } catch (error) {
    return notFoundAsResponse(error);
  }
}
