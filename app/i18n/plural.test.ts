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

describe("plural messages with a count already formatted", () => {
  it("chooses the form from its digits and prints it as given", () => {
    expect(translate("it", "{count, plural, one {# riga} other {# righe}}" as MessageKey, { count: "2.981" })).toBe("2.981 righe");
    expect(translate("it", "{count, plural, one {# riga} other {# righe}}" as MessageKey, { count: "1" })).toBe("1 riga");
  });
});

describe("the catalogues' count messages", () => {
  it("agree with their count in both languages", () => {
    expect(translate("it", "finance.import.errorsTitle", { count: 1 })).toMatch(/^1 errore nel file/);
    expect(translate("it", "finance.import.errorsTitle", { count: 3 })).toMatch(/^3 errori nel file/);
    expect(translate("it", "finance.import.summary", { rows: 1, valid: 1, fresh: 1, dup: 0 })).toBe(
      "1 riga nel file: 1 valida, di cui 1 nuova e 0 già presenti nel registro (saranno ignorate).",
    );
    expect(translate("en", "finance.import.errorsTitle", { count: 1 })).toMatch(/^1 error in the file/);
    expect(translate("it", "dashboard.daysRemaining", { days: 1 })).toBe("1 giorno rimanente");
    expect(translate("it", "dashboard.daysOverdue", { days: 335 })).toBe("Scaduta da 335 giorni");
    expect(translate("en", "wp.items", { tasks: 1, milestones: 2 })).toBe("1 task · 2 milestones");
    expect(translate("it", "audit.count", { count: 2981 })).toBe("2.981 registrazioni");
  });
});
