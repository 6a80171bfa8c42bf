import { describe, expect, it } from "vitest";
import { changesText, describeChanges, entityWord, fieldWord, valueWord } from "./audit-words";

describe("the audit log in people's words", () => {
  it("names record types and fields in Italian and English", () => {
    expect(entityWord("ledger_entry", "it")).toBe("Movimento contabile");
    expect(entityWord("gantt_change", "it")).toBe("Riprogrammazione Gantt");
    expect(entityWord("gantt_change", "en")).toBe("Gantt rescheduling");
    expect(fieldWord("amountCents", "it")).toBe("Importo");
    expect(fieldWord("budgetLineId", "it")).toBe("Linea di budget");
    expect(fieldWord("budgetLineId", "en")).toBe("Budget line");
    // An unknown field still reads as words, not camelCase.
    expect(fieldWord("someNewField", "en")).toBe("Some New Field");
  });

  it("formats amounts, dates and enumerations, and shows ids as what they point to", () => {
    const references = { budgetLineId: { "1": "BL-01 Cloud regionale" }, createdById: { "3": "Marco Bassi" }, itemKey: { wp2: "WP2 Interoperabilità", t15: "WP2.7 Dismissione" } };
    expect(valueWord("amountCents", 123456, "it")).toBe("€ 1.234,56");
    expect(valueWord("entryDate", "2025-11-14", "it")).toBe("14/11/2025");
    expect(valueWord("kind", "payment", "it")).toBe("Pagamento");
    expect(valueWord("kind", "payment", "en")).toBe("Payment");
    expect(valueWord("budgetLineId", 1, "it", references)).toBe("BL-01 Cloud regionale");
    expect(valueWord("restored", ["wp2", "t15"], "it", references)).toBe("WP2 Interoperabilità, WP2.7 Dismissione");
    const lines = describeChanges(null, { amountCents: 100, budgetLineId: 1, createdById: 3, kind: "payment" }, "it", references);
    expect(changesText(lines)).toBe("Importo: € 1,00; Linea di budget: BL-01 Cloud regionale; Registrato da: Marco Bassi; Tipo: Pagamento");
    expect(changesText(describeChanges({ amountCents: 100 }, { amountCents: 250 }, "it"))).toBe("Importo: € 1,00 → € 2,50");
  });
});
