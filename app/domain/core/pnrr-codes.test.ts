import { describe, expect, it } from "vitest";
import { isCig, isCup } from "./pnrr-codes";

describe("PNRR codes", () => {
  it("accepts a CUP of 15 capitals and digits only", () => {
    expect(isCup("E39J22001830006")).toBe(true);
    expect(isCup("e39j22001830006")).toBe(false);
    expect(isCup("E39J2200183000")).toBe(false);
    expect(isCup("E39J22001830006X")).toBe(false);
  });

  it("accepts a CIG in one of ANAC's three shapes only", () => {
    expect(isCig("1234567ABC")).toBe(true); // classic: 7 digits + 3 hex
    expect(isCig("B118C88C47")).toBe(true); // e-procurement platforms since 2024
    expect(isCig("Z273AF7A5C")).toBe(true); // smart CIG
    expect(isCig("9A1B2C3D4E")).toBe(false);
    expect(isCig("9A1B2C3D4")).toBe(false);
    expect(isCig("9A1B-C3D4E")).toBe(false);
  });
});
