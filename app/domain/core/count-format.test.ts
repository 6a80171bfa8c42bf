import { describe, expect, it } from "vitest";
import { countFormatter } from "./count-format";

describe("countFormatter", () => {
  it("groups thousands from four digits on", () => {
    expect(countFormatter("it").format(1200)).toBe("1.200");
    expect(countFormatter("it").format(999)).toBe("999");
    expect(countFormatter("it").format(4_310_000)).toBe("4.310.000");
    expect(countFormatter("en").format(1200)).toBe("1,200");
    expect(countFormatter("it", { maximumFractionDigits: 1 }).format(97.5)).toBe("97,5");
  });
});
