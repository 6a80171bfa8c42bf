import { createContext, useContext } from "react";

/**
 * This request's CSP nonce, provided by entry.server.tsx from the server's load context. In the
 * browser it is "": browsers hide nonce attributes from scripts, and scripts that hydration adds
 * are not inline.
 */
export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
