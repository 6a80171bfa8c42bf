import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareAwards, cupsIn, readAwardsFile, type RegisteredProcedure } from "./awards";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "__fixtures__", name));
const CUP = "E39J22001830006";
const register: RegisteredProcedure[] = [
  { id: 1, cig: "96228851F0", subject: "Cloud", parties: [{ taxCode: "35661200358", name: "Via Emilia Cloud S.p.A.", kind: "winner", role: "sole" }] },
  {
    id: 2,
    cig: "A56F3172AA",
    subject: "Formazione",
    parties: [
      { taxCode: "36544000379", name: "Formazione Sanità ER S.c.r.l.", kind: "winner", role: "mandataria" },
      { taxCode: "32888100362", name: "Università Digitale Emilia S.r.l.", kind: "winner", role: "mandante" },
    ],
  },
  { id: 3, cig: "A34D1F5088", subject: "MMG", parties: [{ taxCode: "30155600361", name: "Medicina Digitale S.p.A.", kind: "winner", role: "sole" }] },
  { id: 4, cig: "A9A375BEEF", subject: "AT", parties: [] },
];

describe("Italia Domani awards files", () => {
  it("reads the winners file (',' separated) and the subcontractors file (';' with BOM)", () => {
    const winners = readAwardsFile(fixture("aggiudicatari-sample.csv"));
    expect(winners.kind).toBe("winner");
    expect(winners.rows).toHaveLength(7);
    expect(winners.rows[1]).toMatchObject({ cup: CUP, cig: "A56F3172AA", taxCode: "36544000379", role: "mandataria", atecoCode: "85.59.20" });
    const subs = readAwardsFile(fixture("subappaltatori-sample.csv"));
    expect(subs.kind).toBe("subcontractor");
    expect(subs.rows[0]).toMatchObject({ cig: "94112270E1", name: "CABLAGGI PADANI S.R.L.", role: "subcontractor", kind: "subcontractor" });
    expect(cupsIn(winners.rows)[0]).toEqual({ cup: CUP, cigCount: 4, rowCount: 6 });
    expect(() => readAwardsFile("a;b\n1;2\n")).toThrow(/missing CUP, CIG/);
  });

  it("shows, for one CUP, which CIGs and winners each side holds and what differs", () => {
    const rows = [...readAwardsFile(fixture("aggiudicatari-sample.csv")).rows, ...readAwardsFile(fixture("subappaltatori-sample.csv")).rows];
    const comparison = compareAwards(rows, register, CUP);
    expect(comparison.map((c) => [c.cig, c.difference])).toEqual([
      ["94112270E1", "onlyPublished"],
      ["96228851F0", "same"],
      ["A34D1F5088", "parties"],
      ["A56F3172AA", "parties"],
      ["A9A375BEEF", "onlyRegistered"],
      ["B9F0C12A77", "onlyPublished"],
    ]);
    expect(comparison[2].parties).toEqual([expect.objectContaining({ taxCode: "30155600361", difference: "role", publishedRole: "mandataria", registeredRole: "sole" })]);
    expect(comparison[3].parties.map((p) => [p.taxCode, p.difference])).toEqual([
      ["11111100373", "onlyPublished"],
      ["32888100362", "same"],
      ["36544000379", "same"],
    ]);
  });
});

const realDir = path.resolve(__dirname, "../../../../shared/data/italia-domani/open-data");
const realWinners = path.join(realDir, "PNRR_Aggiudicatari_Gare__estr2025-03-31__M6C2I1.03.01.csv");
describe.skipIf(!fs.existsSync(realWinners))("on the real Italia Domani files (skipped when ../shared is absent)", () => {
  it("reads 506 winner rows, 97 CUPs and 361 CIG values (360 CIGs and an empty one), and compares a CUP with an empty register", () => {
    const { rows, kind } = readAwardsFile(fs.readFileSync(realWinners));
    expect(kind).toBe("winner");
    expect(rows).toHaveLength(506);
    expect(cupsIn(rows)).toHaveLength(97);
    expect(new Set(rows.map((r) => r.cig)).size).toBe(361);
    expect(rows.filter((r) => !r.cig)).toHaveLength(6);
    const comparison = compareAwards(rows, [], "J77H22004700001");
    expect(comparison.length).toBeGreaterThan(0);
    expect(comparison.every((c) => c.difference === "onlyPublished")).toBe(true);
    const subs = readAwardsFile(fs.readFileSync(path.join(realDir, "PNRR_Subappaltatori_Gare__estr2025-03-31__M6C2I1.03.01.csv")));
    expect(subs.rows).toHaveLength(13);
    expect(new Set(subs.rows.map((r) => r.cup))).toEqual(new Set(["J54F22001690006", "B41J22000430001"]));
  });
});
