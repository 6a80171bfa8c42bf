/**
 * Builds the ReGiS data pack's flat files from plain data (no I/O): one file per entity, a header
 * line of field names, then one line per record, fields in the order of ./structures.ts.
 * Same input, same bytes: rows are sorted by stable keys and nothing depends on the clock.
 */
import { createHash } from "node:crypto";
import { csvMoney, toCsv, type CsvValue } from "../core/csv";
import type { IsoDate } from "../core/dates";
import type { Period } from "../close/period";
import { REGIS_MANIFEST, REGIS_SEPARATOR, REGIS_STRUCTURES, type RegisFileName, type RegisStructure } from "./structures";

export type RegisPackStatus = "DEFINITIVO" | "PROVVISORIO" | "RICOSTRUITO";

export interface RegisProject {
  cup: string;
  /** The programme's own CUP carries its indicators and milestones; other CUPs only their money. */
  isProgrammeCup: boolean;
  title: string;
  summary: string;
  startDate: IsoDate;
  endDate: IsoDate;
  actualEndDate: IsoDate | null;
  measureCode: string;
  implementingBodyTaxCode: string | null;
  implementingBodyName: string;
}

export interface RegisCost {
  lineCode: string;
  title: string;
  fundingSource: string;
  amountCents: number;
}

export interface RegisProcedure {
  id: number;
  cig: string;
  subject: string;
  procedureType: string;
  tenderedCents: number;
  awardedCents: number | null;
  noticeDate: IsoDate | null;
  awardDate: IsoDate | null;
  contractDate: IsoDate | null;
}

export interface RegisParty {
  cig: string;
  taxCode: string;
  name: string;
  legalForm: string;
  atecoCode: string;
  kind: "winner" | "subcontractor";
  role: string;
}

export interface RegisLedgerEntry {
  id: number;
  kind: "commitment" | "payment";
  entryDate: IsoDate;
  amountCents: number;
  supplier: string;
  supplierTaxCode: string | null;
  cig: string | null;
  documentNumber: string;
  description: string;
  reversesEntryId: number | null;
}

export interface RegisDocument {
  id: number;
  ledgerEntryId: number;
  ledgerKind: "commitment" | "payment";
  role: string;
  name: string;
  kind: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  replacesDocumentId: number | null;
}

export interface RegisIndicator {
  code: string;
  name: string;
  unit: string;
  targetValue: number;
  euCode: string | null;
  latest: { date: IsoDate; value: number } | null;
  measurementsInPeriod: number;
}

export interface RegisMilestone {
  code: string;
  title: string;
  dueDate: IsoDate;
  achievedDate: IsoDate | null;
  euCode: string;
  catalogue: { kind: "milestone" | "target"; scope: string; name: string; targetValue: string | null; quarter: number; year: number } | null;
  evidence: { required: number; uploaded: number; verified: number };
}

export interface RegisPackInput {
  period: Period;
  status: RegisPackStatus;
  /** The last day the data speak for: the month's end, or today in an open month. */
  asOf: IsoDate;
  project: RegisProject;
  costs: RegisCost[];
  procedures: RegisProcedure[];
  parties: RegisParty[];
  ledger: RegisLedgerEntry[];
  documents: RegisDocument[];
  indicators: RegisIndicator[];
  milestones: RegisMilestone[];
}

export interface RegisFile {
  name: string;
  text: string;
  rows: number;
  sha256: string;
}

/** dd/mm/yyyy, the PUC's date format. */
export function pucDate(iso: IsoDate | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** 1234567,89: the PUC's amount format (decimal comma, no thousands separator). */
export function pucAmount(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? "" : csvMoney(cents);
}

/** A decimal with two digits after a comma (the PUC writes indicator values so). */
export function pucDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return value.toFixed(2).replace(".", ",");
}

/** Flat records: one line each, so line breaks and tabs in free text become spaces. */
export function flatText(value: string | null | undefined): string {
  return (value ?? "").replace(/[\r\n\t]+/g, " ").replace(/ {2,}/g, " ").trim();
}

/** Italia Domani's "Ruolo Soggetto" codes (PNRR_Aggiudicatari_Gare) for the roles we keep. */
const ROLE_CODES: Record<string, { code: string; description: string }> = {
  sole: { code: "8888888898", description: "IMPRESA SINGOLA" },
  mandataria: { code: "8888888802", description: "MANDATARIA" },
  mandante: { code: "8888888801", description: "MANDANTE" },
  consorziata: { code: "8888888805", description: "CONSORZIATA" },
  subcontractor: { code: "SUB", description: "SUBAPPALTATORE" },
  unclassified: { code: "ND", description: "NON CLASSIFICATO" },
};

const MILESTONE_STATES = { achieved: "CONSEGUITO", overdue: "SCADUTO", open: "DA_CONSEGUIRE" } as const;

function milestoneState(m: RegisMilestone, asOf: IsoDate) {
  if (m.achievedDate && m.achievedDate <= asOf) return MILESTONE_STATES.achieved;
  return m.dueDate < asOf ? MILESTONE_STATES.overdue : MILESTONE_STATES.open;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows of each data file, in the fields' order. */
export function regisRows(input: RegisPackInput): Record<RegisFileName, CsvValue[][]> {
  const { project, asOf } = input;
  const local = project.cup; // assumed: the CUP is the local project code (README)
  const ledger = input.ledger.filter((e) => e.entryDate <= asOf).sort((a, b) => byText(a.entryDate, b.entryDate) || a.id - b.id);
  const ledgerIds = new Set(ledger.map((e) => e.id));
  const entryCode = (id: number) => `TG${id}`;
  const docs = input.documents.filter((d) => ledgerIds.has(d.ledgerEntryId)).sort((a, b) => a.ledgerEntryId - b.ledgerEntryId || a.id - b.id);
  const docsPerEntry = new Map<number, number>();
  for (const d of docs) docsPerEntry.set(d.ledgerEntryId, (docsPerEntry.get(d.ledgerEntryId) ?? 0) + 1);
  const note = (e: RegisLedgerEntry) => flatText([e.supplier, e.description].filter(Boolean).join(" - "));
  const procedures = [...input.procedures].sort((a, b) => byText(a.cig, b.cig));
  const financing = new Map<string, number>();
  for (const c of input.costs) financing.set(c.fundingSource, (financing.get(c.fundingSource) ?? 0) + c.amountCents);
  const payments = ledger.filter((e) => e.kind === "payment");

  return {
    "AP00_anagrafica_progetto.txt": [
      [local, flatText(project.title), flatText(project.summary), "", project.cup, "", pucDate(project.startDate), pucDate(project.endDate), pucDate(project.actualEndDate && project.actualEndDate <= asOf ? project.actualEndDate : null), "", "", "", project.measureCode, project.implementingBodyTaxCode ?? "", flatText(project.implementingBodyName)],
    ],
    "FN00_finanziamento.txt": [...financing.entries()].sort(([a], [b]) => byText(a, b)).map(([source, cents]) => [local, source.toUpperCase(), "", "", "", "", pucAmount(cents), ""]),
    "FN01_costo_ammesso.txt": [...input.costs].sort((a, b) => byText(a.lineCode, b.lineCode)).map((c) => [local, "PNRR", project.measureCode, pucAmount(c.amountCents), "", flatText(`${c.lineCode} ${c.title}`)]),
    "PG00_procedure_aggiudicazione.txt": procedures.map((p) => [
      local,
      `PG${p.id}`,
      p.cig,
      "",
      flatText(p.subject),
      p.procedureType.toUpperCase(),
      pucAmount(p.tenderedCents),
      pucDate(p.noticeDate),
      p.awardDate && p.awardDate <= asOf ? pucAmount(p.awardedCents) : "",
      p.awardDate && p.awardDate <= asOf ? pucDate(p.awardDate) : "",
      "",
      p.contractDate && p.contractDate <= asOf ? pucDate(p.contractDate) : "",
    ]),
    "AGGIUDICATARI.txt": [...input.parties]
      .sort((a, b) => byText(a.cig, b.cig) || byText(a.kind, b.kind) || byText(a.taxCode, b.taxCode))
      .map((party) => {
        const role = ROLE_CODES[party.role] ?? ROLE_CODES.unclassified;
        return [project.cup, party.cig, party.taxCode, flatText(party.name), role.code, role.description, flatText(party.legalForm), party.atecoCode, party.kind === "winner" ? "AGGIUDICATARIO" : "SUBAPPALTATORE"];
      }),
    "FN04_impegni.txt": ledger
      .filter((e) => e.kind === "commitment")
      .map((e) => [local, entryCode(e.id), e.reversesEntryId ? "D" : "I", pucDate(e.entryDate), pucAmount(Math.abs(e.amountCents)), "", note(e), "", e.cig ?? "", flatText(e.documentNumber), e.reversesEntryId ? entryCode(e.reversesEntryId) : ""]),
    "FN06_pagamenti.txt": payments.map((e) => [local, entryCode(e.id), e.reversesEntryId ? "R" : "P", pucDate(e.entryDate), pucAmount(Math.abs(e.amountCents)), "", note(e), "", e.cig ?? "", flatText(e.documentNumber), e.reversesEntryId ? entryCode(e.reversesEntryId) : "", docsPerEntry.get(e.id) ?? 0]),
    "FN08_percettori.txt": payments.map((e) => [local, entryCode(e.id), e.reversesEntryId ? "R" : "P", pucDate(e.entryDate), e.supplierTaxCode ?? "", e.supplierTaxCode ? "N" : "", "", pucAmount(Math.abs(e.amountCents)), "", flatText(e.supplier)]),
    "GIUSTIFICATIVI.txt": docs.map((d) => [local, d.ledgerKind === "payment" ? "FN06" : "FN04", entryCode(d.ledgerEntryId), d.id, d.role.toUpperCase(), flatText(d.name), d.kind.toUpperCase(), d.sizeBytes, d.sha256, pucDate(d.uploadedAt.slice(0, 10)), d.replacesDocumentId ?? ""]),
    "IN01_indicatori_output.txt": project.isProgrammeCup
      ? [...input.indicators]
          .sort((a, b) => byText(a.code, b.code))
          .map((i) => [local, "DPR", i.code, pucDecimal(i.targetValue), i.latest ? pucDecimal(i.latest.value) : "", "", flatText(i.name), i.unit.toUpperCase(), pucDate(i.latest?.date), i.measurementsInPeriod, i.euCode ?? ""])
      : [],
    "MILESTONE_TARGET.txt": project.isProgrammeCup
      ? [...input.milestones]
          .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.code, b.code))
          .map((m) => [
            local,
            m.euCode,
            m.catalogue ? (m.catalogue.kind === "target" ? "Target" : "Milestone") : "",
            m.catalogue ? m.catalogue.scope : m.euCode.includes("-ITA-") ? "ITA" : "UE",
            flatText(m.catalogue?.name ?? m.title),
            flatText(m.catalogue?.targetValue ?? ""),
            m.catalogue?.quarter ?? "",
            m.catalogue?.year ?? "",
            m.code,
            pucDate(m.dueDate),
            pucDate(m.achievedDate && m.achievedDate <= asOf ? m.achievedDate : null),
            milestoneState(m, asOf),
            m.evidence.required,
            m.evidence.uploaded,
            m.evidence.verified,
          ])
      : [],
  } as Record<RegisFileName, CsvValue[][]>;
}

function fileText(structure: RegisStructure, rows: CsvValue[][]): string {
  return toCsv([structure.fields.map((field) => field.name), ...rows], { separator: REGIS_SEPARATOR, bom: false });
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Every file of the pack, the manifest last. */
export function buildRegisFiles(input: RegisPackInput): RegisFile[] {
  const rows = regisRows(input);
  const files: RegisFile[] = REGIS_STRUCTURES.map((structure) => {
    const text = fileText(structure, rows[structure.file]);
    return { name: structure.file, text, rows: rows[structure.file].length, sha256: sha256(text) };
  });
  const manifestRows = REGIS_STRUCTURES.map((structure, index) => [input.project.cup, input.period, input.status, pucDate(input.asOf), structure.file, structure.code ?? "", structure.source, files[index].rows, files[index].sha256]);
  const manifest = fileText(REGIS_MANIFEST, manifestRows);
  return [...files, { name: REGIS_MANIFEST.file, text: manifest, rows: manifestRows.length, sha256: sha256(manifest) }];
}

/** The ZIP's file name: `regis_<CUP>_<YYYY-MM>[_provvisorio].zip`. */
export function regisPackFileName(cup: string, period: Period, status: RegisPackStatus) {
  return `regis_${cup}_${period}${status === "PROVVISORIO" ? "_provvisorio" : ""}.zip`;
}
