/**
 * Reading an Italian e-invoice (FatturaPA 1.2, FPA12 to public administrations, FPR12 between
 * private parties) for what the ledger needs: who issued it, number, date, total, the VAT summary
 * and the CIG and CUP it cites. Parsed with @xmldom/xmldom; a DOCTYPE is refused outright (the
 * schema never uses one, and it is the door to entity-expansion attacks).
 */
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";

export interface VatSummaryRow {
  rateBasisPoints: number;
  nature: string | null;
  taxableCents: number;
  taxCents: number;
  chargeability: string | null;
}

export interface FatturaBody {
  documentType: string;
  currency: string;
  date: string;
  number: string;
  /** ImportoTotaleDocumento when given, else taxable + tax of the VAT summary. */
  totalCents: number;
  totalFromSummary: boolean;
  vatSummary: VatSummaryRow[];
  cigs: string[];
  cups: string[];
  description: string;
}

export interface FatturaPA {
  version: string;
  supplier: { vatNumber: string | null; countryCode: string | null; taxCode: string | null; name: string };
  buyer: { vatNumber: string | null; taxCode: string | null; name: string };
  bodies: FatturaBody[];
}

export type FatturaProblem = "notXml" | "doctype" | "notFatturaPA" | "missing";
export type FatturaResult = { ok: true; invoice: FatturaPA } | { ok: false; problem: FatturaProblem; detail: string };

/** A decimal of the schema ("1234.5", "-3.00") → integer cents, exactly (half away from zero). */
export function decimalToCents(value: string): number | null {
  const match = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(value);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  let cents = Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
  if (fraction.length > 2 && Number(fraction[2]) >= 5) cents += 1;
  return sign ? -cents : cents;
}

function children(parent: XmlElement | null | undefined, name: string): XmlElement[] {
  if (!parent) return [];
  const found: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && ((node as XmlElement).localName ?? (node as XmlElement).nodeName) === name) found.push(node as XmlElement);
  }
  return found;
}
const child = (parent: XmlElement | null | undefined, ...path: string[]) => {
  let current: XmlElement | null | undefined = parent;
  for (const name of path) current = children(current, name)[0];
  return current ?? null;
};
const text = (parent: XmlElement | null | undefined, ...path: string[]) => child(parent, ...path)?.textContent?.trim() ?? null;

function partyName(anagrafica: XmlElement | null) {
  const denominazione = text(anagrafica, "Denominazione");
  if (denominazione) return denominazione;
  return [text(anagrafica, "Nome"), text(anagrafica, "Cognome")].filter(Boolean).join(" ");
}

export function parseFatturaPA(xml: string): FatturaResult {
  const source = xml.replace(/^\uFEFF/, "");
  if (/<!DOCTYPE/i.test(source)) return { ok: false, problem: "doctype", detail: "DOCTYPE" };
  const errors: string[] = [];
  let root: XmlElement | null = null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") errors.push(message);
      },
    }).parseFromString(source, "text/xml");
    root = doc.documentElement as XmlElement | null;
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  if (errors.length || !root) return { ok: false, problem: "notXml", detail: (errors[0] ?? "no root element").split("\n")[0].slice(0, 200) };
  if ((root.localName ?? root.nodeName) !== "FatturaElettronica") return { ok: false, problem: "notFatturaPA", detail: root.nodeName };
  const header = child(root, "FatturaElettronicaHeader");
  const supplierData = child(header, "CedentePrestatore", "DatiAnagrafici");
  const buyerData = child(header, "CessionarioCommittente", "DatiAnagrafici");
  if (!header || !supplierData) return { ok: false, problem: "missing", detail: "CedentePrestatore" };
  const bodies: FatturaBody[] = [];
  for (const body of children(root, "FatturaElettronicaBody")) {
    const generali = child(body, "DatiGenerali");
    const documento = child(generali, "DatiGeneraliDocumento");
    const date = text(documento, "Data");
    const number = text(documento, "Numero");
    if (!documento || !date || !number) return { ok: false, problem: "missing", detail: "DatiGeneraliDocumento" };
    const vatSummary = children(child(body, "DatiBeniServizi"), "DatiRiepilogo").map((row) => ({
      rateBasisPoints: decimalToCents(text(row, "AliquotaIVA") ?? "0") ?? 0,
      nature: text(row, "Natura"),
      taxableCents: decimalToCents(text(row, "ImponibileImporto") ?? "0") ?? 0,
      taxCents: decimalToCents(text(row, "Imposta") ?? "0") ?? 0,
      chargeability: text(row, "EsigibilitaIVA"),
    }));
    const declared = text(documento, "ImportoTotaleDocumento");
    const declaredCents = declared ? decimalToCents(declared) : null;
    const references = ["DatiOrdineAcquisto", "DatiContratto", "DatiConvenzione"].flatMap((name) => children(generali, name));
    const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)).map((v) => v.toUpperCase()))];
    bodies.push({
      documentType: text(documento, "TipoDocumento") ?? "",
      currency: text(documento, "Divisa") ?? "EUR",
      date,
      number,
      totalCents: declaredCents ?? vatSummary.reduce((sum, row) => sum + row.taxableCents + row.taxCents, 0),
      totalFromSummary: declaredCents == null,
      vatSummary,
      cigs: unique(references.map((ref) => text(ref, "CodiceCIG"))),
      cups: unique(references.map((ref) => text(ref, "CodiceCUP"))),
      description: children(documento, "Causale").map((c) => c.textContent?.trim() ?? "").join(" ").slice(0, 500),
    });
  }
  if (!bodies.length) return { ok: false, problem: "missing", detail: "FatturaElettronicaBody" };
  return {
    ok: true,
    invoice: {
      version: root.getAttribute("versione") ?? "",
      supplier: {
        countryCode: text(supplierData, "IdFiscaleIVA", "IdPaese"),
        vatNumber: text(supplierData, "IdFiscaleIVA", "IdCodice"),
        taxCode: text(supplierData, "CodiceFiscale"),
        name: partyName(child(supplierData, "Anagrafica")),
      },
      buyer: {
        vatNumber: text(buyerData, "IdFiscaleIVA", "IdCodice"),
        taxCode: text(buyerData, "CodiceFiscale"),
        name: partyName(child(buyerData, "Anagrafica")),
      },
      bodies,
    },
  };
}
