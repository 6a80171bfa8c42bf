/**
 * Italia Domani's published awards: PNRR_Aggiudicatari_Gare (winners) and
 * PNRR_Subappaltatori_Gare (subcontractors), one row per CUP × CIG × subject. Read as published
 * (the portal: ';', BOM, Title Case headers) or as the Parquet-derived copies (','): the
 * separator is detected, headers are matched case-insensitively ("Codice interno PDA" and
 * "Codice Interno PDA" both occur). Then compared, for one CUP, with the procurement register.
 */
import { cellReader, missingHeaders, readCsv } from "~/domain/core/italian-csv";
import { roleFromItaliaDomani, type PartyKind, type PartyRole } from "./values";

export const AWARD_COLUMNS = {
  cup: "CUP",
  cig: "CIG",
  winnerTaxCode: "Codice Fiscale/P.IVA",
  winnerName: "Denominazione Aggiudicatario",
  winnerRole: "Ruolo Soggetto",
  winnerRoleText: "Descrizione Ruolo Soggetto",
  winnerLegalForm: "Descrizione Forma Giuridica Aggiudicatario",
  winnerAteco: "Codice ATECO Aggiudicatario",
  subTaxCode: "Codice Fiscale/P.IVA Sub-Appaltatore",
  subName: "Denominazione Sub-Appaltatore",
  subLegalForm: "Descrizione Forma Giuridica Sub-Appaltatore",
  subAteco: "Codice ATECO Sub-Appaltatore",
  extractionDate: "Data di Estrazione",
} as const;

export interface PublishedAward {
  line: number;
  kind: PartyKind;
  cup: string;
  cig: string;
  taxCode: string;
  name: string;
  role: PartyRole;
  legalForm: string;
  atecoCode: string;
  extractionDate: string;
}

export class AwardsFormatError extends Error {
  constructor(public missingColumns: string[]) {
    super(`Not an Italia Domani awards file: missing ${missingColumns.join(", ")}`);
  }
}

/** Numeric tax codes that lost their leading zeros in a spreadsheet get them back (11 digits). */
function taxCodeOf(value: string) {
  const v = value.trim().toUpperCase();
  return /^\d{1,10}$/.test(v) ? v.padStart(11, "0") : v;
}

/** Reads a winners or a subcontractors file (told apart by its columns). */
export function readAwardsFile(input: string | Buffer): { kind: PartyKind; rows: PublishedAward[] } {
  const table = readCsv(input, { allowEmpty: true });
  const cell = cellReader(table.header);
  const isSub = missingHeaders(table.header, [AWARD_COLUMNS.subTaxCode]).length === 0;
  const required = isSub ? [AWARD_COLUMNS.cup, AWARD_COLUMNS.cig, AWARD_COLUMNS.subTaxCode, AWARD_COLUMNS.subName] : [AWARD_COLUMNS.cup, AWARD_COLUMNS.cig, AWARD_COLUMNS.winnerTaxCode, AWARD_COLUMNS.winnerName];
  const missing = missingHeaders(table.header, required);
  if (missing.length) throw new AwardsFormatError(missing);
  const rows = table.rows.map((row) => ({
    line: row.line,
    kind: (isSub ? "subcontractor" : "winner") as PartyKind,
    cup: cell(row, AWARD_COLUMNS.cup).trim().toUpperCase(),
    cig: cell(row, AWARD_COLUMNS.cig).trim().toUpperCase(),
    taxCode: taxCodeOf(cell(row, isSub ? AWARD_COLUMNS.subTaxCode : AWARD_COLUMNS.winnerTaxCode)),
    name: cell(row, isSub ? AWARD_COLUMNS.subName : AWARD_COLUMNS.winnerName).trim(),
    role: isSub ? ("subcontractor" as PartyRole) : roleFromItaliaDomani(cell(row, AWARD_COLUMNS.winnerRole).trim(), cell(row, AWARD_COLUMNS.winnerRoleText)),
    legalForm: cell(row, isSub ? AWARD_COLUMNS.subLegalForm : AWARD_COLUMNS.winnerLegalForm).trim(),
    atecoCode: cell(row, isSub ? AWARD_COLUMNS.subAteco : AWARD_COLUMNS.winnerAteco).trim(),
    extractionDate: cell(row, AWARD_COLUMNS.extractionDate).trim(),
  }));
  return { kind: isSub ? "subcontractor" : "winner", rows };
}

/** The CUPs of a file, with their CIG and row counts, most CIGs first. */
export function cupsIn(rows: PublishedAward[]) {
  const byCup = new Map<string, { cup: string; cigs: Set<string>; rows: number }>();
  for (const row of rows) {
    const entry = byCup.get(row.cup) ?? { cup: row.cup, cigs: new Set<string>(), rows: 0 };
    if (row.cig) entry.cigs.add(row.cig);
    entry.rows++;
    byCup.set(row.cup, entry);
  }
  return [...byCup.values()].map((e) => ({ cup: e.cup, cigCount: e.cigs.size, rowCount: e.rows })).sort((a, b) => b.cigCount - a.cigCount || a.cup.localeCompare(b.cup));
}

export interface RegisteredProcedure {
  id: number;
  cig: string;
  subject: string;
  parties: { taxCode: string; name: string; kind: PartyKind; role: PartyRole }[];
}

export interface PartyComparison {
  taxCode: string;
  kind: PartyKind;
  publishedName: string | null;
  registeredName: string | null;
  publishedRole: PartyRole | null;
  registeredRole: PartyRole | null;
  difference: "same" | "onlyPublished" | "onlyRegistered" | "role";
}

export interface CigComparison {
  cig: string;
  procedureId: number | null;
  subject: string | null;
  difference: "same" | "onlyPublished" | "onlyRegistered" | "parties";
  parties: PartyComparison[];
}

/**
 * Side by side for one CUP: every CIG either source names, and for each its winners and
 * subcontractors by tax code, with what differs. Rows without a CIG are listed under "".
 */
export function compareAwards(published: PublishedAward[], register: RegisteredProcedure[], cup: string): CigComparison[] {
  const rows = published.filter((row) => row.cup === cup);
  const cigs = [...new Set([...rows.map((row) => row.cig), ...register.map((p) => p.cig)])].sort();
  return cigs.map((cig) => {
    const procedure = register.find((p) => p.cig === cig) ?? null;
    const mine = procedure?.parties ?? [];
    const theirs = rows.filter((row) => row.cig === cig);
    const keys = [...new Set([...theirs.map((r) => `${r.kind}|${r.taxCode}`), ...mine.map((p) => `${p.kind}|${p.taxCode}`)])].sort();
    const parties = keys.map((key): PartyComparison => {
      const [kind, taxCode] = key.split("|") as [PartyKind, string];
      const pub = theirs.find((r) => r.kind === kind && r.taxCode === taxCode);
      const reg = mine.find((p) => p.kind === kind && p.taxCode === taxCode);
      const difference = !reg ? "onlyPublished" : !pub ? "onlyRegistered" : pub.role !== reg.role && pub.role !== "unclassified" ? "role" : "same";
      return { taxCode, kind, publishedName: pub?.name ?? null, registeredName: reg?.name ?? null, publishedRole: pub?.role ?? null, registeredRole: reg?.role ?? null, difference };
    });
    const difference = !procedure ? "onlyPublished" : !theirs.length ? "onlyRegistered" : parties.some((p) => p.difference !== "same") ? "parties" : "same";
    return { cig, procedureId: procedure?.id ?? null, subject: procedure?.subject ?? null, difference, parties };
  });
}
