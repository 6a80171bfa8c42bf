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

const pluralRules: Record<Locale, Intl.PluralRules> = { it: new Intl.PluralRules("it-IT"), en: new Intl.PluralRules("en-GB") };
const countFormat: Record<Locale, Intl.NumberFormat> = {
  // "always" groups 4-digit numbers too (1.200), as countFormatter does; ES2023, hence the cast.
  it: new Intl.NumberFormat("it-IT", { useGrouping: "always" as unknown as boolean }),
  en: new Intl.NumberFormat("en-GB"),
};

/**
 * Expands ICU-style plural blocks, `{count, plural, =0 {nessuna riga} one {# riga} other {# righe}}`:
 * an exact `=n` case first, then the language's plural category (Intl.PluralRules), then `other`;
 * `#` is the count, grouped as the web writes counts (2.981).
 */
function expandPlurals(locale: Locale, template: string, params: Params): string {
  let out = "";
  let i = 0;
  const head = /\{(\w+),\s*plural,/g;
  for (let match = head.exec(template); match; match = head.exec(template)) {
    // Read the cases up to the block's closing brace, keeping nested braces whole.
    const cases = new Map<string, string>();
    let j = match.index + match[0].length;
    for (;;) {
      while (/\s/.test(template[j] ?? "")) j++;
      if (template[j] === "}" || j >= template.length) break;
      const selector = /^[=\w]+/.exec(template.slice(j))?.[0] ?? "";
      j += selector.length;
      while (/\s/.test(template[j] ?? "")) j++;
      if (template[j] !== "{") break;
      let depth = 0;
      const start = j + 1;
      for (; j < template.length; j++) {
        if (template[j] === "{") depth++;
        else if (template[j] === "}" && --depth === 0) break;
      }
      cases.set(selector, template.slice(start, j));
      j++;
    }
    // A count may arrive already formatted ("2.981"): its digits choose the form, and it prints as given.
    const raw = params[match[1]];
    const value = typeof raw === "number" ? raw : Number(String(raw ?? "").replace(/[^\d-]/g, ""));
    const shown = typeof raw === "number" ? countFormat[locale].format(raw) : String(raw ?? "");
    const chosen = cases.get(`=${value}`) ?? cases.get(pluralRules[locale].select(value)) ?? cases.get("other") ?? "";
    out += template.slice(i, match.index) + chosen.replace(/#/g, shown);
    i = j + 1;
    head.lastIndex = i;
  }
  return out + template.slice(i);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? key;
  if (!params) return template;
  return expandPlurals(locale, template, params).replace(/\{(\w+)\}/g, (match, name: string) =>
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
