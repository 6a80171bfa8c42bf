import { describe, expect, it } from "vitest";
import { dateTimeFormat, localeTag, numberFormat } from "./intl-cache";

describe("intl-cache", () => {
  it("hands back one formatter per tag and options", () => {
    expect(numberFormat("it-IT", { maximumFractionDigits: 0 })).toBe(
      numberFormat("it-IT", { maximumFractionDigits: 0 })
    );
    expect(numberFormat("it-IT", { maximumFractionDigits: 0 })).not.toBe(
      numberFormat("it-IT", { maximumFractionDigits: 1 })
    );
    expect(numberFormat("it-IT")).not.toBe(numberFormat("en-GB"));
    expect(dateTimeFormat("it-IT", { month: "short", timeZone: "UTC" })).toBe(
      dateTimeFormat("it-IT", { month: "short", timeZone: "UTC" })
    );
  });

  it("formats as a new formatter with the same arguments would", () => {
    const options = { style: "percent", maximumFractionDigits: 0 } as const;
    expect(numberFormat(localeTag("it"), options).format(0.456)).toBe(
      new Intl.NumberFormat("it-IT", options).format(0.456)
    );
    const date = new Date(Date.UTC(2025, 10, 1));
    expect(
      dateTimeFormat(localeTag("en"), {
        month: "short",
        timeZone: "UTC",
      }).format(date)
    ).toBe("Nov");
  });

  it("stays bounded when called with open-ended options", () => {
    for (let i = 0; i < 1000; i++)
      numberFormat("it-IT", {
        minimumIntegerDigits: (i % 21) + 1,
        maximumFractionDigits: i % 20,
      });
    // Still answers correctly after the cache was cleared on the way.
    expect(
      numberFormat("it-IT", { maximumFractionDigits: 2 }).format(1.005)
    ).toBe(
      new Intl.NumberFormat("it-IT", { maximumFractionDigits: 2 }).format(1.005)
    );
  });
});
