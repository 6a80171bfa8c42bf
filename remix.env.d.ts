/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

declare module "*.css" {
  const href: string;
  export default href;
}

declare module "@remix-run/node" {
  /** Set by the production server (app/server/app.js) for every request. */
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address: the socket's, or the one TRUSTED_PROXIES trusted proxies reported. */
    clientAddress?: string;
  }
}
