import { describe, expect, it } from "vitest";
import { evidenceItemsFor, evidenceState, splitVerificationMechanism } from "./evidence";

// Written in the catalogue's style (run-on sentences, "a) b)" lists), not copied from it.
const twoReports = "Copy of the six-monthly reports by each Region on progress, with a link to the website.Report on the training given to general practitioners, with the number trained per Region";
const annexed = "Summary document justifying how the milestone was fulfilled. This document shall include as an annex the following documentary evidence:a) certificate of completion signed by the contractor;b) a report on the support provided to health providers.";

describe("evidence items from the verification mechanism", () => {
  it("splits run-on sentences and lettered lists, dropping connectors", () => {
    expect(splitVerificationMechanism(twoReports)).toEqual([
      "Copy of the six-monthly reports by each Region on progress, with a link to the website",
      "Report on the training given to general practitioners, with the number trained per Region",
    ]);
    expect(splitVerificationMechanism(annexed)).toEqual([
      "Summary document justifying how the milestone was fulfilled",
      "certificate of completion signed by the contractor",
      "a report on the support provided to health providers",
    ]);
    expect(splitVerificationMechanism("N/A")).toEqual([]);
    expect(splitVerificationMechanism(null)).toEqual([]);
  });

  it("gives the FSE items Italian titles, with or without the catalogue", () => {
    const fromCatalogue = evidenceItemsFor("M6C2-11", twoReports);
    expect(fromCatalogue.map((i) => i.key)).toEqual(["M6C2-11#1", "M6C2-11#2"]);
    expect(fromCatalogue[1].title).toMatch(/formazione dei medici di medicina generale/);
    expect(fromCatalogue[1].source).toMatch(/general practitioners/);
    expect(evidenceItemsFor("M6C2-11", null).map((i) => i.title)).toHaveLength(2);
    expect(evidenceItemsFor("M6C2-00-ITA-14", "N/A")).toEqual([]);
    expect(evidenceItemsFor("M1C1-99", annexed).map((i) => i.title)).toEqual(splitVerificationMechanism(annexed));
  });

  it("is missing, uploaded or verified", () => {
    expect(evidenceState([])).toBe("missing");
    expect(evidenceState([{ verified: false }])).toBe("uploaded");
    expect(evidenceState([{ verified: false }, { verified: true }])).toBe("verified");
  });
});

import fs from "node:fs";
import path from "node:path";
import { readCatalogue } from "~/domain/indicators/pnrr-catalogue";

const catalogueFile = path.resolve(__dirname, "../../../../shared/data/italia-domani/PNRR_MeT_OA_programmazione_v03.csv");
describe.skipIf(!fs.existsSync(catalogueFile))("on the real Italia Domani catalogue (skipped when ../shared is absent)", () => {
  it("finds 2, 2 and 3 evidence items for M6C2-11, -12 and -13, and none for the national milestone", () => {
    const { items } = readCatalogue(fs.readFileSync(catalogueFile, "utf8"));
    const counts = Object.fromEntries(["M6C2-11", "M6C2-12", "M6C2-13", "M6C2-00-ITA-14"].map((code) => [code, evidenceItemsFor(code, items.find((i) => i.code === code)?.verificationMechanism).length]));
    expect(counts).toEqual({ "M6C2-11": 2, "M6C2-12": 2, "M6C2-13": 3, "M6C2-00-ITA-14": 0 });
  });
});
