import { useEffect, useState } from "react";

/** True once React has hydrated: forms mark themselves so tests (and styles) can tell. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
