/**
 * The evidence each EU milestone or target needs, read from its verification mechanism in the
 * Italia Domani catalogue ("OA - Meccanismo di verifica"). The catalogue writes it in English as
 * run-on sentences and "a) … b) …" lists; each becomes one item, keyed "<code>#<n>". For the FSE
 * measure's own milestones and targets the items carry an Italian title written here, and are
 * known even before the catalogue is imported.
 */
export interface EvidenceItemDefinition {
  key: string;
  code: string;
  title: string;
  /** The catalogue's own words, when the item was read from it. */
  source: string | null;
}

export type EvidenceState = "missing" | "uploaded" | "verified";

/** Italian titles of the FSE measure's evidence items (M6C2I1.03.01), in catalogue order. */
const knownTitles: Record<string, string[]> = {
  "M6C2-11": [
    "Relazioni semestrali di ciascuna Regione sull'avanzamento dell'intervento, con il link al sito dove sono pubblicate",
    "Relazione sul supporto specialistico e sulla formazione dei medici di medicina generale (MMG) per le competenze digitali, con il numero di MMG formati e gli obiettivi formativi, per Regione",
  ],
  "M6C2-12": [
    "Documento di sintesi che motiva il pieno conseguimento del milestone in tutti i suoi elementi",
    "Certificato di ultimazione firmato dall'appaltatore e dall'autorità competente: Sistema TS e infrastruttura di interoperabilità del FSE operativi, con link al sito",
  ],
  "M6C2-13": [
    "Documento esplicativo che motiva il conseguimento del target",
    "Relazione dell'ufficio competente del Ministero della Salute sul conseguimento del target",
    "Relazione sul supporto finanziario e di competenze dato alle strutture sanitarie per l'adozione del FSE",
  ],
};

/** Splits a verification mechanism into its evidence items (connectors like "shall include as an annex" dropped). */
export function splitVerificationMechanism(text: string | null | undefined): string[] {
  const source = (text ?? "").replace(/\s+/g, " ").trim();
  if (!source || /^n\/?a\.?$/i.test(source)) return [];
  return source
    .replace(/(^|[\s:;,.])([a-z])\)\s*/g, "$1\u0001") // "a) …", "b) …" list markers
    .replace(/([a-z0-9)])\.(?=[A-Z])/g, "$1.\u0001") // "accessed.Report on …" (no space in the source)
    .replace(/\.\s+(?=[A-Z])/g, ".\u0001")
    .split("\u0001")
    .map((part) => part.replace(/[;:,.\s]+$/, "").trim())
    .filter((part) => part.length >= 15 && !/shall include as an annex|following documentary evidence\s*$/i.test(part));
}

/** The evidence items of one milestone/target code. */
export function evidenceItemsFor(code: string, verificationMechanism: string | null | undefined): EvidenceItemDefinition[] {
  const parts = splitVerificationMechanism(verificationMechanism);
  const titles = knownTitles[code] ?? [];
  const count = verificationMechanism == null ? titles.length : parts.length;
  const items: EvidenceItemDefinition[] = [];
  for (let i = 0; i < count; i++) items.push({ key: `${code}#${i + 1}`, code, title: titles[i] ?? parts[i], source: parts[i] ?? null });
  return items;
}

/** An item's state from its current documents: none → missing; any verified by a second person → verified. */
export function evidenceState(documents: { verified: boolean }[]): EvidenceState {
  if (!documents.length) return "missing";
  return documents.some((doc) => doc.verified) ? "verified" : "uploaded";
}
