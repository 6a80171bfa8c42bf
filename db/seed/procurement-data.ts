import { partitaIvaCheckDigit } from "../../app/domain/procurement/identifiers";
import type { PartyRole, ProcedureType } from "../../app/domain/procurement/values";

/**
 * Demo procurement register (*demo*: realistic, not published facts). Every CIG the demo ledger
 * names has its procedure here: a call-off from Intercent-ER's cloud convention, open tenders,
 * a framework agreement's specific contract, a negotiated procedure for licences, direct awards.
 */

/** A fictional but check-digit-valid partita IVA: 7 progressive digits, the province office, the check digit. */
export function demoPartitaIva(progressive: number, office: string) {
  const first10 = `${String(progressive).padStart(7, "0")}${office}`;
  return `${first10}${partitaIvaCheckDigit(first10)}`;
}

export interface SupplierSeed {
  name: string;
  taxCode: string;
  legalForm: string;
  atecoCode: string;
}

const spa = "Società per azioni";
const srl = "Società a responsabilità limitata";

export const supplierSeeds: SupplierSeed[] = [
  { name: "Appennino Data Systems S.p.A.", taxCode: demoPartitaIva(3127640, "037"), legalForm: spa, atecoCode: "62.09.09" },
  { name: "Reno Networking S.r.l.", taxCode: demoPartitaIva(2844410, "037"), legalForm: srl, atecoCode: "61.90.99" },
  { name: "Cablaggi Padani S.r.l.", taxCode: demoPartitaIva(1954320, "036"), legalForm: srl, atecoCode: "43.21.02" },
  { name: "Via Emilia Cloud S.p.A.", taxCode: demoPartitaIva(3566120, "035"), legalForm: spa, atecoCode: "63.11.30" },
  { name: "Secura Informatica S.r.l.", taxCode: demoPartitaIva(2211870, "034"), legalForm: srl, atecoCode: "62.02.00" },
  { name: "Interop Sanità S.r.l.", taxCode: demoPartitaIva(3390450, "037"), legalForm: srl, atecoCode: "62.01.00" },
  { name: "Gateway Clinico S.p.A.", taxCode: demoPartitaIva(1688230, "038"), legalForm: spa, atecoCode: "58.29.00" },
  { name: "Consulenze PNRR Emilia S.r.l.", taxCode: demoPartitaIva(3741190, "037"), legalForm: srl, atecoCode: "70.22.09" },
  { name: "Documentale Salute S.p.A.", taxCode: demoPartitaIva(2977310, "039"), legalForm: spa, atecoCode: "62.01.00" },
  { name: "Sistemi Ospedalieri ER S.r.l.", taxCode: demoPartitaIva(2509980, "040"), legalForm: srl, atecoCode: "62.01.00" },
  { name: "Medicina Digitale S.p.A.", taxCode: demoPartitaIva(3015560, "036"), legalForm: spa, atecoCode: "62.01.00" },
  { name: "Pediatria Connessa S.r.l.", taxCode: demoPartitaIva(3820070, "041"), legalForm: srl, atecoCode: "62.01.00" },
  { name: "Formazione Sanità ER S.c.r.l.", taxCode: demoPartitaIva(3654400, "037"), legalForm: "Società consortile a responsabilità limitata", atecoCode: "85.59.20" },
  { name: "Università Digitale Emilia S.r.l.", taxCode: demoPartitaIva(3288810, "036"), legalForm: srl, atecoCode: "85.59.20" },
  { name: "Aula Virtuale S.r.l.", taxCode: demoPartitaIva(2733650, "037"), legalForm: srl, atecoCode: "62.01.00" },
  { name: "Studio Comunicazione Pubblica S.r.l.", taxCode: demoPartitaIva(2490120, "037"), legalForm: srl, atecoCode: "73.11.02" },
];

export interface ProcedureSeed {
  cig: string;
  subject: string;
  procedureType: ProcedureType;
  /** Budget lines financed (codes). */
  lines: string[];
  /** Tendered above awarded, in per mille (1120 = base 12% above the award). */
  baseRatio: number;
  winners: { name: string; role: PartyRole }[];
  subcontractors?: string[];
}

export const procedureSeeds: ProcedureSeed[] = [
  { cig: "94112270E1", subject: "Fornitura di nodi di calcolo e storage per il FSE 2.0", procedureType: "open", lines: ["WP1-HW"], baseRatio: 1140, winners: [{ name: "Appennino Data Systems S.p.A.", role: "sole" }], subcontractors: ["Cablaggi Padani S.r.l."] },
  { cig: "9507342A14", subject: "Apparati di rete per i data center regionali", procedureType: "framework_call_off", lines: ["WP1-HW"], baseRatio: 1000, winners: [{ name: "Reno Networking S.r.l.", role: "sole" }] },
  { cig: "96228851F0", subject: "Servizi cloud qualificati – adesione alla convenzione Intercent-ER «Cloud regionale 2»", procedureType: "convention_call_off", lines: ["WP1-CLOUD"], baseRatio: 1000, winners: [{ name: "Via Emilia Cloud S.p.A.", role: "sole" }] },
  { cig: "A01D44C9B3", subject: "Servizi di sicurezza, backup e disaster recovery", procedureType: "framework_call_off", lines: ["WP1-SEC"], baseRatio: 1050, winners: [{ name: "Secura Informatica S.r.l.", role: "sole" }] },
  { cig: "97330471C5", subject: "Adeguamento FHIR del repository regionale", procedureType: "open", lines: ["WP2-DEV"], baseRatio: 1180, winners: [{ name: "Interop Sanità S.r.l.", role: "sole" }] },
  { cig: "9858016B6A", subject: "Licenze e servizi del gateway nazionale FSE", procedureType: "negotiated_without_notice", lines: ["WP2-SW"], baseRatio: 1020, winners: [{ name: "Gateway Clinico S.p.A.", role: "sole" }] },
  { cig: "9961428C8D", subject: "Assistenza tecnica all'integrazione – adesione all'accordo quadro Consip «Supporto PNRR»", procedureType: "convention_call_off", lines: ["WP2-AT"], baseRatio: 1000, winners: [{ name: "Consulenze PNRR Emilia S.r.l.", role: "sole" }] },
  { cig: "A12B9F3E66", subject: "Sviluppo dei documenti clinici CDA2", procedureType: "open", lines: ["WP3-DEV"], baseRatio: 1160, winners: [{ name: "Documentale Salute S.p.A.", role: "sole" }] },
  { cig: "A23C0E4F77", subject: "Adeguamento dei sistemi delle aziende sanitarie", procedureType: "restricted", lines: ["WP3-AZ"], baseRatio: 1100, winners: [{ name: "Sistemi Ospedalieri ER S.r.l.", role: "sole" }] },
  { cig: "A34D1F5088", subject: "Integrazione delle cartelle cliniche dei MMG", procedureType: "open", lines: ["WP4-SW"], baseRatio: 1120, winners: [{ name: "Medicina Digitale S.p.A.", role: "sole" }] },
  { cig: "A45E206199", subject: "Integrazione delle cartelle cliniche dei PLS", procedureType: "direct_award", lines: ["WP4-SW"], baseRatio: 1000, winners: [{ name: "Pediatria Connessa S.r.l.", role: "sole" }] },
  { cig: "A56F3172AA", subject: "Percorsi formativi dei professionisti sanitari sul FSE 2.0", procedureType: "open", lines: ["WP5-FORM"], baseRatio: 1090, winners: [{ name: "Formazione Sanità ER S.c.r.l.", role: "mandataria" }, { name: "Università Digitale Emilia S.r.l.", role: "mandante" }] },
  { cig: "A670428BBC", subject: "Piattaforma di e-learning", procedureType: "direct_award", lines: ["WP5-PIAT"], baseRatio: 1000, winners: [{ name: "Aula Virtuale S.r.l.", role: "sole" }] },
  { cig: "A781539CCD", subject: "Campagna di comunicazione FSE 2.0", procedureType: "open", lines: ["WP6-CAMP"], baseRatio: 1130, winners: [{ name: "Studio Comunicazione Pubblica S.r.l.", role: "sole" }] },
  { cig: "A89264ADDE", subject: "Materiali informativi accessibili", procedureType: "direct_award", lines: ["WP6-MAT"], baseRatio: 1000, winners: [{ name: "Studio Comunicazione Pubblica S.r.l.", role: "sole" }] },
  { cig: "A9A375BEEF", subject: "Assistenza tecnica alla rendicontazione PNRR", procedureType: "direct_award", lines: ["WP7-AT"], baseRatio: 1000, winners: [{ name: "Consulenze PNRR Emilia S.r.l.", role: "sole" }] },
];
