import type { BudgetCategory, FundingSource, LedgerKind } from "../../app/domain/finance/finance-values";
import { addMonths, allocate, spreadAmount, type SpreadMethod } from "../../app/domain/finance/profile";

/**
 * Demo finance of the FSE 2.0 programme (all *demo* values, see shared DOMAIN.md): 16 budget lines
 * over the 7 work packages summing to exactly € 39.000.000,00, each with a monthly profile, and a
 * ledger of contracts (impegni) and invoices paid (pagamenti) through September 2026.
 */
export const FINANCE_CUP = "E39J22001830006";

export interface BudgetLineSeed {
  wp: string;
  code: string;
  title: string;
  category: BudgetCategory;
  fundingSource: FundingSource;
  amountCents: number;
  from: string;
  to: string;
  method: SpreadMethod;
  /** Suppliers of the line's contracts, in award order; in-house work has no CIG. */
  suppliers: { name: string; cig: string | null; share: number }[];
  /** How actual invoicing tracks the plan, in thousandths (1000 = exactly on plan). */
  pace: number;
}

const lepida = { name: "Lepida ScpA", cig: null };

export const budgetLineSeeds: BudgetLineSeed[] = [
  { wp: "WP1", code: "WP1-HW", title: "Nodi di calcolo e storage", category: "infrastructure", fundingSource: "pnrr", amountCents: 6_187_450_36, from: "2023-12", to: "2024-09", method: "front", pace: 1000, suppliers: [{ name: "Appennino Data Systems S.p.A.", cig: "9A41C2D7E1", share: 80 }, { name: "Reno Networking S.r.l.", cig: "9B07F3A214", share: 20 }] },
  { wp: "WP1", code: "WP1-CLOUD", title: "Servizi cloud qualificati", category: "cloud_software", fundingSource: "pnrr", amountCents: 3_812_549_64, from: "2024-03", to: "2025-12", method: "even", pace: 960, suppliers: [{ name: "Via Emilia Cloud S.p.A.", cig: "9C22B8E5F0", share: 100 }] },
  { wp: "WP1", code: "WP1-SEC", title: "Sicurezza, backup e disaster recovery", category: "cloud_software", fundingSource: "pnrr", amountCents: 1_500_000_00, from: "2024-09", to: "2025-10", method: "even", pace: 1040, suppliers: [{ name: "Secura Informatica S.r.l.", cig: "A01D44C9B3", share: 100 }] },
  { wp: "WP2", code: "WP2-DEV", title: "Adeguamento FHIR del repository regionale", category: "development", fundingSource: "pnrr", amountCents: 4_900_000_00, from: "2023-06", to: "2026-03", method: "even", pace: 930, suppliers: [{ ...lepida, share: 60 }, { name: "Interop Sanità S.r.l.", cig: "9D3E0A7C52", share: 40 }] },
  { wp: "WP2", code: "WP2-SW", title: "Licenze e servizi del gateway nazionale", category: "cloud_software", fundingSource: "pnrr", amountCents: 2_100_000_00, from: "2024-01", to: "2026-06", method: "even", pace: 1000, suppliers: [{ name: "Gateway Clinico S.p.A.", cig: "9E58D1B6A4", share: 100 }] },
  { wp: "WP2", code: "WP2-AT", title: "Assistenza tecnica all'integrazione", category: "technical_assistance", fundingSource: "pnrr", amountCents: 1_200_000_00, from: "2023-03", to: "2026-06", method: "even", pace: 980, suppliers: [{ name: "Consulenze PNRR Emilia S.r.l.", cig: "9F61A2C8D0", share: 100 }] },
  { wp: "WP3", code: "WP3-DEV", title: "Sviluppo dei documenti clinici CDA2", category: "development", fundingSource: "pnrr", amountCents: 5_100_000_00, from: "2023-09", to: "2026-04", method: "back", pace: 820, suppliers: [{ ...lepida, share: 50 }, { name: "Documentale Salute S.p.A.", cig: "A12B9F3E66", share: 50 }] },
  { wp: "WP3", code: "WP3-AZ", title: "Adeguamento dei sistemi delle aziende sanitarie", category: "development", fundingSource: "pnrr", amountCents: 2_200_000_00, from: "2024-03", to: "2026-06", method: "back", pace: 880, suppliers: [{ name: "Sistemi Ospedalieri ER S.r.l.", cig: "A23C0E4F77", share: 100 }] },
  { wp: "WP4", code: "WP4-SW", title: "Integrazione delle cartelle cliniche di MMG e PLS", category: "cloud_software", fundingSource: "pnrr", amountCents: 3_150_000_00, from: "2023-10", to: "2025-11", method: "even", pace: 1010, suppliers: [{ name: "Medicina Digitale S.p.A.", cig: "A34D1F5088", share: 70 }, { name: "Pediatria Connessa S.r.l.", cig: "A45E206199", share: 30 }] },
  { wp: "WP4", code: "WP4-AT", title: "Supporto on-site a medici e specialisti", category: "technical_assistance", fundingSource: "pnrr", amountCents: 1_200_000_00, from: "2024-01", to: "2025-12", method: "even", pace: 1000, suppliers: [{ ...lepida, share: 100 }] },
  { wp: "WP5", code: "WP5-FORM", title: "Percorsi formativi dei professionisti sanitari", category: "training", fundingSource: "pnrr", amountCents: 3_700_000_00, from: "2024-04", to: "2025-12", method: "back", pace: 900, suppliers: [{ name: "Formazione Sanità ER S.c.r.l.", cig: "A56F3172AA", share: 100 }] },
  { wp: "WP5", code: "WP5-PIAT", title: "Piattaforma di e-learning", category: "cloud_software", fundingSource: "pnrr", amountCents: 900_000_00, from: "2024-01", to: "2025-06", method: "front", pace: 1000, suppliers: [{ name: "Aula Virtuale S.r.l.", cig: "A670428BBC", share: 100 }] },
  { wp: "WP6", code: "WP6-CAMP", title: "Campagna di comunicazione FSE 2.0", category: "communication", fundingSource: "pnrr", amountCents: 950_000_00, from: "2025-03", to: "2026-06", method: "even", pace: 1080, suppliers: [{ name: "Studio Comunicazione Pubblica S.r.l.", cig: "A781539CCD", share: 100 }] },
  { wp: "WP6", code: "WP6-MAT", title: "Materiali informativi accessibili", category: "communication", fundingSource: "pnrr", amountCents: 300_000_00, from: "2024-03", to: "2025-09", method: "even", pace: 1000, suppliers: [{ name: "Studio Comunicazione Pubblica S.r.l.", cig: "A89264ADDE", share: 100 }] },
  { wp: "WP7", code: "WP7-PERS", title: "Personale dedicato al programma", category: "personnel", fundingSource: "pnrr", amountCents: 1_050_000_00, from: "2023-01", to: "2026-06", method: "even", pace: 1000, suppliers: [{ name: "Regione Emilia-Romagna – personale", cig: null, share: 100 }] },
  { wp: "WP7", code: "WP7-AT", title: "Assistenza tecnica alla rendicontazione PNRR", category: "technical_assistance", fundingSource: "pnrr", amountCents: 750_000_00, from: "2023-03", to: "2026-06", method: "even", pace: 950, suppliers: [{ name: "Consulenze PNRR Emilia S.r.l.", cig: "A9A375BEEF", share: 100 }] },
];

/** Last day the demo ledger reaches. */
export const LEDGER_SEED_END = "2026-09-30";

export interface LedgerSeed {
  /** Stable key inside the seed, so a reversal can name what it reverses. */
  key: string;
  lineCode: string;
  kind: LedgerKind;
  entryDate: string;
  amountCents: number;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  description: string;
  reverses?: string;
}

const maxMonth = (a: string, b: string) => (a > b ? a : b);

function lastDay(month: string, day = 28) {
  return `${month}-${String(day).padStart(2, "0")}`;
}

/**
 * The demo ledger, generated deterministically from the lines: each contract is committed a month
 * before its line's spending starts; invoices follow the plan two months late, at the line's pace,
 * and never exceed what is committed. One duplicate invoice is paid and then reversed.
 */
export function ledgerSeeds(): LedgerSeed[] {
  const entries: LedgerSeed[] = [];
  let invoice = 0;
  for (const line of budgetLineSeeds) {
    const shares = line.suppliers.map((s) => s.share);
    const contracts = allocate(line.amountCents, shares).map((amount, index) => ({
      ...line.suppliers[index],
      amount,
      paid: 0,
      // Awarded a month before spending starts, never before the programme itself (January 2023).
      date: lastDay(maxMonth(addMonths(line.from, index === 0 ? -1 : index * 2), "2023-01"), 15 + index),
      number: `DET-${line.code}-${index + 1}`,
    }));
    for (const contract of contracts) {
      if (contract.date > LEDGER_SEED_END) continue;
      entries.push({
        key: contract.number,
        lineCode: line.code,
        kind: "commitment",
        entryDate: contract.date,
        amountCents: contract.amount,
        supplier: contract.name,
        cig: contract.cig,
        documentNumber: contract.number,
        description: `Determina di affidamento – ${line.title}`,
      });
    }
    const profile = spreadAmount(line.amountCents, line.from, line.to, line.method);
    for (const { month, cents } of profile) {
      const payMonth = addMonths(month, 2);
      const date = lastDay(payMonth, 20 + (invoice % 8));
      if (date > LEDGER_SEED_END) continue;
      let amount = Math.round((cents * line.pace) / 1000);
      for (const contract of contracts) {
        if (amount <= 0) break;
        if (contract.date > date) continue;
        const part = Math.min(amount, contract.amount - contract.paid);
        if (part <= 0) continue;
        contract.paid += part;
        amount -= part;
        invoice++;
        const number = `FT-${payMonth.slice(0, 4)}-${String(invoice).padStart(4, "0")}`;
        entries.push({
          key: number,
          lineCode: line.code,
          kind: "payment",
          entryDate: date,
          amountCents: part,
          supplier: contract.name,
          cig: contract.cig,
          documentNumber: number,
          description: `Mandato di pagamento – ${line.title}, competenza ${month.slice(5)}/${month.slice(0, 4)}`,
        });
      }
    }
  }
  // A duplicate invoice on the gateway licences, paid twice and reversed a week later.
  const duplicated = entries.find((e) => e.lineCode === "WP2-SW" && e.kind === "payment" && e.entryDate.startsWith("2025-03"))!;
  entries.push({ ...duplicated, key: `${duplicated.key}-DUP`, documentNumber: `${duplicated.documentNumber}/bis`, entryDate: "2025-03-26", description: "Fattura registrata due volte" });
  entries.push({
    ...duplicated,
    key: `${duplicated.key}-STORNO`,
    documentNumber: `${duplicated.documentNumber}/bis`,
    entryDate: "2025-04-02",
    amountCents: -duplicated.amountCents,
    description: "Storno: fattura registrata due volte",
    reverses: `${duplicated.key}-DUP`,
  });
  return entries.sort((a, b) => (a.entryDate === b.entryDate ? a.key.localeCompare(b.key) : a.entryDate.localeCompare(b.entryDate)));
}
