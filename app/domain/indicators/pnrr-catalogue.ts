/**
 * The Italia Domani catalogue of PNRR milestones and targets (PNRR_MeT_OA_programmazione), read
 * as published: BOM, ";" separators, quoted multi-line fields, "N/A", headers with stray spaces.
 * The CSV reading and the values are the shared italian-csv.ts / italian-format.ts; this file only
 * knows the catalogue's columns and what makes one of its rows valid.
 */
import type { CatalogueKind, CatalogueScope } from "~/domain/training/training-values";
import { blankToNull, cellReader, missingHeaders, readCsv, type CsvRow } from "~/domain/core/italian-csv";

export const CATALOGUE_COLUMNS = {
  submeasure: "Codice Univoco Submisura",
  measure: "Codice Univoco Misura",
  code: "Codice univoco Milestone-Target",
  kind: "Milestone-Target",
  name: "Nome Milestone-Target",
  description: "Descrizione specifica di ogni Milestone e Target",
  scope: "ITA-UE",
  qualitativeIndicator: "Indicatori qualitativi Milestone",
  unit: "Unità di misura Target (riclassificata)",
  baseline: "Riferimento di partenza Target",
  targetValue: "Valore-obiettivo Target",
  quarter: "Trimestre di conseguimento",
  year: "Anno di conseguimento",
  verificationMechanism: "OA - Meccanismo di verifica",
  furtherInfo: "OA - Ulteriori Informazioni",
} as const;

/** The FSE investment's code in the catalogue (a sub-measure of M6C2I1.03). */
export const FSE_MEASURE_CODE = "M6C2I1.03.01";

export interface CatalogueItem {
  line: number;
  code: string;
  kind: CatalogueKind;
  scope: CatalogueScope;
  measureCode: string;
  name: string;
  description: string;
  qualitativeIndicator: string | null;
  unit: string | null;
  baseline: string | null;
  /** As written in the file ("85", "21"); null for milestones and "N/A". */
  targetValue: string | null;
  quarter: number;
  year: number;
  verificationMechanism: string | null;
  furtherInfo: string | null;
}

export interface CatalogueProblem {
  line: number;
  column: string;
  value: string;
}

export class CatalogueFormatError extends Error {
  constructor(public missingColumns: string[]) {
    super(`Not a PNRR milestones and targets catalogue: missing ${missingColumns.join(", ")}`);
  }
}

function toItem(record: CsvRow, cell: ReturnType<typeof cellReader>, problems: CatalogueProblem[]): CatalogueItem | null {
  const get = (column: string) => cell(record, column).trim();
  const code = get(CATALOGUE_COLUMNS.code);
  const rawKind = get(CATALOGUE_COLUMNS.kind).toLowerCase();
  const rawScope = get(CATALOGUE_COLUMNS.scope).toUpperCase();
  const rawQuarter = get(CATALOGUE_COLUMNS.quarter).toUpperCase();
  const rawYear = get(CATALOGUE_COLUMNS.year);
  const before = problems.length;
  const bad = (column: string, value: string) => problems.push({ line: record.line, column, value });
  if (!code) bad(CATALOGUE_COLUMNS.code, code);
  if (rawKind !== "milestone" && rawKind !== "target") bad(CATALOGUE_COLUMNS.kind, rawKind);
  if (rawScope !== "ITA" && rawScope !== "UE") bad(CATALOGUE_COLUMNS.scope, rawScope);
  const quarter = /^[QT]([1-4])$/.exec(rawQuarter);
  if (!quarter) bad(CATALOGUE_COLUMNS.quarter, rawQuarter);
  if (!/^20\d\d$/.test(rawYear)) bad(CATALOGUE_COLUMNS.year, rawYear);
  if (problems.length > before) return null;
  const kind = rawKind as CatalogueKind;
  const unit = blankToNull(get(CATALOGUE_COLUMNS.unit));
  return {
    line: record.line,
    code,
    kind,
    scope: rawScope as CatalogueScope,
    measureCode: get(CATALOGUE_COLUMNS.submeasure) || get(CATALOGUE_COLUMNS.measure),
    name: get(CATALOGUE_COLUMNS.name),
    description: get(CATALOGUE_COLUMNS.description),
    qualitativeIndicator: blankToNull(get(CATALOGUE_COLUMNS.qualitativeIndicator)),
    unit,
    baseline: blankToNull(get(CATALOGUE_COLUMNS.baseline)),
    // A milestone carries "0" as its target value in the file: it has none.
    targetValue: kind === "target" ? blankToNull(get(CATALOGUE_COLUMNS.targetValue)) : null,
    quarter: Number(quarter![1]),
    year: Number(rawYear),
    verificationMechanism: blankToNull(get(CATALOGUE_COLUMNS.verificationMechanism)),
    furtherInfo: blankToNull(get(CATALOGUE_COLUMNS.furtherInfo)),
  };
}

/**
 * Every milestone and target of one measure (default: the FSE's). Rows of other measures are not
 * even validated; a malformed row of the wanted measure is reported, not silently dropped.
 */
export function readCatalogue(text: string, measureCode: string = FSE_MEASURE_CODE) {
  const required = [CATALOGUE_COLUMNS.submeasure, CATALOGUE_COLUMNS.code, CATALOGUE_COLUMNS.kind, CATALOGUE_COLUMNS.scope, CATALOGUE_COLUMNS.quarter, CATALOGUE_COLUMNS.year];
  // A broken file throws CsvFormatError (with its row); an empty one lacks every column.
  const table = readCsv(text, { allowEmpty: true });
  const missing = missingHeaders(table.header, required);
  if (missing.length) throw new CatalogueFormatError(missing);
  const cell = cellReader(table.header);
  const problems: CatalogueProblem[] = [];
  const items: CatalogueItem[] = [];
  for (const record of table.rows) {
    if (cell(record, CATALOGUE_COLUMNS.submeasure).trim() !== measureCode) continue;
    const item = toItem(record, cell, problems);
    if (item) items.push(item);
  }
  return { totalRows: table.rows.length, items, problems };
}

// Formatting helpers live with the value sets so screens can use them without the CSV reader.
export { catalogueDueDate, catalogueQuarter } from "~/domain/training/training-values";
