import { isLocale, translator, type Locale } from "~/i18n";
import { localeCookie } from "./session.server";

/** Italian unless the user switched to English. */
export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : "it";
}

export async function getTranslator(request: Request) {
  return translator(await getLocale(request));
}
