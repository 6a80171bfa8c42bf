import { describe, expect, it } from "vitest";
import { isCig, isCup } from "./pnrr-codes";

describe("PNRR codes", () => {
  it("accepts a CUP of 15 capitals and digits only", () => {
    expect(isCup("E39J22001830006")).toBe(true);
    expect(isCup("e39j22001830006")).toBe(false);
    expect(isCup("E39J2200183000")).toBe(false);
    expect(isCup("E39J22001830006X")).toBe(false);
  });

  it("accepts a CIG of 10 capitals and digits only", () => {
    expect(isCig("9A1B2C3D4E")).toBe(true);
    expect(isCig("9A1B2C3D4")).toBe(false);
    expect(isCig("9A1B-C3D4E")).toBe(false);
  });
});
