import { describe, expect, it } from "vitest";
import { translate, type MessageKey } from "./index";

// Any key: translate falls back to the key itself as the template, which lets the test pass one.
const t = (locale: "it" | "en", template: string, count: number) => translate(locale, template as MessageKey, { count });

describe("plural messages (Intl.PluralRules)", () => {
  const it1 = "{count, plural, one {# riga} other {# righe}} nel file";
  it("picks the Italian and English forms by count", () => {
    expect(t("it", it1, 1)).toBe("1 riga nel file");
    expect(t("it", it1, 0)).toBe("0 righe nel file");
    expect(t("it", it1, 2981)).toBe("2.981 righe nel file");
    expect(t("en", "{count, plural, one {# error} other {# errors}} in the file", 1)).toBe("1 error in the file");
    expect(t("en", "{count, plural, one {# error} other {# errors}} in the file", 1200)).toBe("1,200 errors in the file");
  });
  it("prefers an exact case and keeps other placeholders", () => {
    const template = "{count, plural, =0 {nessun errore} one {un errore} other {# errori}} in {count} righe";
    expect(t("it", template, 0)).toBe("nessun errore in 0 righe");
    expect(t("it", template, 1)).toBe("un errore in 1 righe");
    expect(t("it", template, 3)).toBe("3 errori in 3 righe");
  });
});
