/**
 * Remix's server entry: the default streaming renderer, plus this request's CSP nonce (from the
 * production server's load context, app/server/app.js) on every script Remix writes, and
 * `hasLiveSession` for the server to refuse anonymous uploads before their body is read.
 */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { pageCacheVersion, pageReadsCurrent, pageReadsVersion, trackPageReads, untracked } from "~/models/core/page-reads.server";
import { hasLiveSession as sessionIsLive } from "~/utils/auth.server";
import { NonceContext } from "~/utils/nonce";

const ABORT_DELAY = 5_000;

export async function hasLiveSession(cookieHeader: string | null): Promise<boolean> {
  return sessionIsLive(cookieHeader);
}

/** For the whole-page cache (app/server/page-cache.js): how it tells whether a kept page is current. */
export { pageCacheVersion, pageReadsCurrent, trackPageReads, untracked };

/**
 * Whether this document may be kept by the whole-page cache: the leaf route opted in with
 * `handle.pageCache` (its loaders only read the database, and what it renders depends on nothing
 * but the data, the URL, the session's cookies and today), and the render is a plain 200.
 */
function markCacheable(statusCode: number, remixContext: EntryContext, loadContext: AppLoadContext) {
  const { matches, errors } = remixContext.staticHandlerContext;
  const leaf = matches[matches.length - 1];
  const handle = leaf ? (remixContext.routeModules[leaf.route.id]?.handle as { pageCache?: unknown } | undefined) : undefined;
  if (loadContext) loadContext.pageCacheOptedIn = handle?.pageCache === true;
  if (statusCode === 200 && !errors && handle?.pageCache === true && loadContext) {
    loadContext.pageCacheable = true;
    // The loaders are done: the render reads only their data, so this is the moment that counts.
    loadContext.pageCacheReads = pageReadsVersion();
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  markCacheable(responseStatusCode, remixContext, loadContext);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce || undefined} />
      </NonceContext.Provider>,
      {
        nonce: nonce || undefined,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (loadContext) loadContext.pageCacheable = false;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
