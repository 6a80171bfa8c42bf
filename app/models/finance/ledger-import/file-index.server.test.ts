import { describe, expect, it } from "vitest";
import { FileIndex, HashChains } from "./file-index.server";

describe("HashChains (the import's compact lookups)", () => {
  it("keeps every value of a key in insertion order through growth, and tells keys apart", () => {
    const chains = new HashChains();
    const big = 2 ** 47 + 12_345; // 48-bit keys, as the file index uses
    for (let i = 0; i < 50_000; i++) chains.add(big + (i % 7_000) * 4_294_967_296, i); // keys differing only above bit 32
    expect(chains.get(big)).toEqual(Array.from({ length: 8 }, (_, k) => k * 7_000));
    expect(chains.get(big + 6_999 * 4_294_967_296)).toEqual([6_999, 13_999, 20_999, 27_999, 34_999, 41_999, 48_999]);
    expect(chains.last(big)).toBe(49_000);
    expect(chains.get(big + 1)).toEqual([]);
    expect(chains.last(big + 1)).toBeUndefined();
  });

  it("finds a file's earlier rows by match key and document number, and rows seen by fingerprint", () => {
    const index = new FileIndex();
    for (let i = 0; i < 5_000; i++)
      index.add(
        { seq: i + 1, row: i + 2, budgetLineId: 1 + (i % 3), kind: i % 2 ? "payment" : "commitment", amount: 1_000 + i, remaining: 1_000 + i, entryDate: "2025-03-01", fingerprint: i.toString(16).padStart(32, "0") },
        `Fornitore ${i % 10}`,
        "A01D44C9B3",
        `FT-${i}`,
      );
    const found = index.byDocumentNumber("ft-4321");
    expect(found.map((e) => [e.seq, e.row, e.amount, e.kind, e.entryDate, e.fingerprint])).toEqual([[4322, 4323, 5321, "payment", "2025-03-01", (4321).toString(16).padStart(32, "0")]]);
    expect(index.byMatchKey(FileIndex.matchKey(1 + (4321 % 3), "payment", "FORNITORE 1", "A01D44C9B3", 5321)).map((e) => e.seq)).toEqual([4322]);
    index.reduceRemaining(found[0], 321);
    expect(index.byDocumentNumber("FT-4321")[0].remaining).toBe(5_000);
    index.markSeen("ab".repeat(16), 17);
    expect(index.seenRow("ab".repeat(16))).toBe(17);
    expect(index.seenRow("cd".repeat(16))).toBeUndefined();
  });
});
