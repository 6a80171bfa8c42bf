import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { translator, type Locale, type Translate } from "./index";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  return (useRouteLoaderData("root") as RootData | undefined)?.locale ?? "it";
}

/** The translator for the page's language, in components. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}
