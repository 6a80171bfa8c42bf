import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { ledgerEntrySchema } from "~/domain/schemas/finance";
import { taskSchema } from "~/domain/plan/schemas";
import { completionSchema, measurementSchema, waveSchema } from "~/domain/training/schemas";
import { dateProblem, isAmountInBounds, MAX_AMOUNT_CENTS } from "./bounds";
import { formatEuro } from "./money";

const t = translator("it");
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("domain bounds", () => {
  it("dates: the bounds are in, one day outside is out, with a message that says the range", () => {
    expect(dateProblem("2000-01-01")).toBeNull();
    expect(dateProblem("2100-12-31")).toBeNull();
    expect(dateProblem("1999-12-31")).toBe("bounds.date");
    expect(dateProblem("9999-12-31")).toBe("bounds.date");
    expect(dateProblem("2025-02-30")).toBe("validation.date");
    const wave = { workPackageId: "1", code: "W1", title: "x", professionalGroup: "gp", healthAuthorityId: "1", deliveryMode: "e_learning", startDate: "2025-01-01", endDate: "9999-12-31", targetHeadcount: "10" };
    expect(messages(waveSchema(t).safeParse(wave)).endDate).toBe("Inserisci una data tra il 01/01/2000 e il 31/12/2100.");
    expect(waveSchema(t).safeParse({ ...wave, endDate: "2100-12-31" }).success).toBe(true);
    const task = { workPackageId: "1", code: "T", title: "x", owner: "o", startDate: "2000-01-01", endDate: "2100-12-31", progress: "100", status: "completed" };
    expect(taskSchema(t).safeParse(task).success).toBe(true);
    expect(messages(taskSchema(translator("en")).safeParse({ ...task, startDate: "1999-12-31" })).startDate).toBe("Enter a date between 01/01/2000 and 31/12/2100.");
  });

  it("money: up to € 100.000.000.000,00, not the 2^53 that broke /finance", () => {
    expect(isAmountInBounds(MAX_AMOUNT_CENTS)).toBe(true);
    expect(isAmountInBounds(MAX_AMOUNT_CENTS + 1)).toBe(false);
    const entry = { budgetLineId: "1", kind: "payment", entryDate: "2025-01-01", supplier: "s", documentNumber: "d" };
    expect(ledgerEntrySchema(t).safeParse({ ...entry, amount: "100.000.000.000,00" }).success).toBe(true);
    expect(messages(ledgerEntrySchema(t).safeParse({ ...entry, amount: "90.071.992.547.409,91" })).amount).toBe("L'importo non può superare € 100.000.000.000,00.");
    expect(messages(ledgerEntrySchema(t).safeParse({ ...entry, amount: "99999999999999999999999" })).amount).toBe("L'importo non può superare € 100.000.000.000,00.");
    // A reader never throws on a total it is shown, even past 2^53 cents.
    expect(() => formatEuro(Number.MAX_SAFE_INTEGER + 10)).not.toThrow();
    expect(formatEuro(MAX_AMOUNT_CENTS)).toBe("€ 100.000.000.000,00");
  });

  it("counts and indicator values", () => {
    expect(messages(completionSchema(t).safeParse({ intent: "record-completion", date: "2025-01-01", count: "1000001" })).count).toBe("Inserisci un numero intero non superiore a 1.000.000.");
    expect(completionSchema(t).safeParse({ intent: "record-completion", date: "2025-01-01", count: "1.000.000" }).success).toBe(true);
    expect(messages(measurementSchema(t).safeParse({ date: "2025-01-01", value: "9".repeat(400), source: "s" })).value).toBe("Inserisci un valore tra -1.000.000.000.000 e 1.000.000.000.000.");
  });
});
