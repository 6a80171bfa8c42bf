import { describe, expect, it } from "vitest";
import { checkTaxCode, codiceFiscaleCheckChar, isValidCig, isValidCup, isValidPartitaIva, partitaIvaCheckDigit } from "./identifiers";

describe("CIG", () => {
  it("accepts the three ANAC shapes seen in Italia Domani's awards", () => {
    for (const cig of ["9845841506", "984576999A", "94251610E9", "B118C88C47", "A01D44C9B3", "Z273AF7A5C"]) expect(isValidCig(cig), cig).toBe(true);
  });
  it("refuses wrong lengths, letters in the progressive number and non-hex characters", () => {
    for (const cig of ["", "984584150", "98458415067", "9A41C2D7E1", "G118C88C47", "B118C88C4Z", "ZZZZZZZZZZ"]) expect(isValidCig(cig), cig).toBe(false);
  });
  it("normalises case and spaces", () => expect(isValidCig(" b118c88c47 ")).toBe(true));
});

describe("CUP", () => {
  it("is 15 characters starting with a letter", () => {
    expect(isValidCup("J77H22004700001")).toBe(true);
    expect(isValidCup("J77H2200470000")).toBe(false);
    expect(isValidCup("177H22004700001")).toBe(false);
  });
});

describe("partita IVA", () => {
  it("accepts real ones (Regione Emilia-Romagna, Dedalus, Exprivia)", () => {
    for (const piva of ["02086690373", "05994810488", "08825020723"]) expect(isValidPartitaIva(piva), piva).toBe(true);
  });
  it("computes the check digit and refuses a wrong one", () => {
    expect(partitaIvaCheckDigit("0208669037")).toBe(3);
    expect(isValidPartitaIva("02086690374")).toBe(false);
    expect(isValidPartitaIva("0208669037")).toBe(false);
  });
});

describe("codice fiscale", () => {
  it("computes the check character of a personal code", () => {
    expect(codiceFiscaleCheckChar("RSSMRA80A01H501")).toBe("U");
    expect(checkTaxCode("rssmra80a01h501u")).toEqual({ ok: true, value: "RSSMRA80A01H501U", kind: "codiceFiscale" });
    expect(checkTaxCode("RSSMRA80A01H501X")).toEqual({ ok: false, problem: "checkDigit" });
  });
  it("takes an 11-digit code as a partita IVA, with or without IT", () => {
    expect(checkTaxCode("IT02086690373")).toEqual({ ok: true, value: "02086690373", kind: "partitaIva" });
    expect(checkTaxCode("02086690372")).toEqual({ ok: false, problem: "checkDigit" });
    expect(checkTaxCode("ABC")).toEqual({ ok: false, problem: "format" });
    expect(checkTaxCode(" ")).toEqual({ ok: false, problem: "empty" });
  });
});
