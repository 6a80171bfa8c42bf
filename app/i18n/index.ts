import { en } from "./en";
import { it, type MessageKey } from "./it";

export type Locale = "it" | "en";
export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { it, en };

export function isLocale(value: unknown): value is Locale {
  return value === "it" || value === "en";
}

export function isMessageKey(value: string): value is MessageKey {
  return value in it;
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * A translatable message that crosses from model to UI: a catalogue key plus its parameters,
 * so the server never has to know the reader's language.
 */
export interface Message {
  key: MessageKey;
  params?: Params;
}
