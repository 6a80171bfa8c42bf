import { describe, expect, it } from "vitest";
import { formatEuro, sumCents } from "./money";

describe("money", () => {
  it("formats euro cents the way Italian public documents do", () => {
    expect(formatEuro(39_000_000_00)).toBe("€ 39.000.000,00");
    expect(formatEuro(123_456_789)).toBe("€ 1.234.567,89");
    expect(formatEuro(-5)).toBe("-€ 0,05");
    expect(formatEuro(100_000)).toBe("€ 1.000,00");
    expect(formatEuro(-123_456)).toBe("-€ 1.234,56");
    expect(formatEuro(39_000_000_00, "en")).toBe("€39,000,000.00");
  });
  it("sums exactly and refuses fractions of a cent", () => {
    expect(sumCents([1, 2, 3])).toBe(6);
    expect(() => sumCents([0.5])).toThrow();
  });
});
