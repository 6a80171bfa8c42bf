import { createHash } from "node:crypto";
import { importFields, type ImportField } from "~/domain/finance/finance-values";
import { normalizeValue, type MovementType } from "~/domain/finance/ledger-csv";

/** Header guessing and the mapping of columns and values the user confirms in the preview. */

/** Column index in the file for each field; -1 or missing = not mapped. */
export type ImportMapping = Partial<Record<ImportField, number>>;

/**
 * What the file's VALUES stand for: a budget-line cell → the line's id, a movement-type cell → a
 * movement type. Keys are normalised cell values; 0 / "" = explicitly "not mapped".
 */
export interface ValueMapping {
  lines: Record<string, number>;
  kinds: Record<string, MovementType | "">;
}

const synonyms: Record<ImportField, string[]> = {
  entryDate: ["data", "data registrazione", "data documento", "data operazione", "data movimento", "data contabile"],
  kind: ["tipo", "tipologia", "tipo movimento", "movimento", "causale movimento", "tipo operazione"],
  lineCode: ["linea", "linea di budget", "codice linea", "voce", "voce di spesa", "linea budget", "capitolo", "voce di bilancio"],
  amount: ["importo", "importo euro", "importo eur", "valore", "ammontare"],
  supplier: ["fornitore", "beneficiario", "ragione sociale", "creditore"],
  cig: ["cig", "codice cig"],
  documentNumber: ["numero documento", "n documento", "documento", "numero", "protocollo", "numero atto", "n atto"],
  description: ["descrizione", "causale", "oggetto", "note"],
  reference: ["riferimento", "rif", "rif documento", "documento stornato", "documento origine", "documento di riferimento", "storna"],
};

/** Maps columns by their header names (accents, case, '€' and punctuation ignored). */
export function guessMapping(header: readonly string[]): ImportMapping {
  const normalized = header.map(normalizeValue);
  const mapping: ImportMapping = {};
  for (const field of importFields) {
    const index = normalized.findIndex((name) => synonyms[field].includes(name));
    if (index >= 0) mapping[field] = index;
  }
  return mapping;
}

/** A source's identity: its set of column names, in any order. */
export function headerKey(header: readonly string[]) {
  const names = [...new Set(header.map(normalizeValue).filter(Boolean))].sort();
  return createHash("sha256").update(names.join("\u001f")).digest("hex").slice(0, 32);
}

export function isMapped(mapping: ImportMapping, field: ImportField, width: number) {
  const index = mapping[field];
  return index !== undefined && index >= 0 && index < width;
}
