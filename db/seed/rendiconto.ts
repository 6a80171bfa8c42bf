import { and, eq } from "drizzle-orm";
import { addMonths, monthEnd, periodOf } from "../../app/domain/close/period";
import { isIsoDate, todayInRome } from "../../app/domain/core/dates";
import type { ChecklistAnswer } from "../../app/domain/checklists/values";
import type { Actor } from "../../app/models/core/actor.server";
import { appendAudit } from "../../app/models/audit/audit.server";
import { completeChecklist, createChecklist, reviewChecklist, saveAnswers, getChecklist } from "../../app/models/checklists/checklist.server";
import { insertTemplateVersion, latestTemplate } from "../../app/models/checklists/template.server";
import { closeMonth, getPreCheck, latestClosedPeriod } from "../../app/models/close/close.server";
import { withSeedClock } from "../../app/models/core/db.server";
import type { Db } from "../client";
import { checklist, programme, user } from "../schema";
import { checklistTemplateSeeds } from "./checklist-templates";
import { FINANCE_CUP } from "./finance-data";
import { programmeSeed } from "./fse-data";
import { seedExpenseReports } from "./reports";

const seedActor: Actor = { id: 0, name: "Caricamento iniziale", role: "admin" };

/** How many months the demo has closed, ending two months before today (the month before last). */
export const SEEDED_CLOSES = 12;

type Plan = {
  templateCode: string;
  subjectKey: string;
  subjectLabel: string;
  /** Answers by position; missing positions stay unanswered. */
  answers: (ChecklistAnswer | [ChecklistAnswer, string])[];
  filledBy: "finance" | "manager";
  outcome?: "completed" | "verified" | { rejected: string; flag: number[] };
};

/** When the demo checklists were filled in: before report n. 1 (created 08/07/2024), which attests them. */
const CHECKLISTS_SEEDED_AT = "2024-07-01T07:30:00.000Z";

const yes = (n: number): ChecklistAnswer[] => Array.from({ length: n }, () => "yes");

/**
 * Demo checklists in every state (demo subjects: the seed ledger's CIGs and CUP; the supplier's
 * partita IVA is a demo value). Marco Bassi (finance) and Giulia Ferri (manager) fill in and
 * review each other's, as four eyes requires.
 */
const checklistPlans: Plan[] = [
  {
    templateCode: "procedure_regularity",
    subjectKey: "96228851F0",
    subjectLabel: "Servizi cloud qualificati – Via Emilia Cloud S.p.A. (adesione a convenzione Intercent-ER)",
    answers: [...yes(7), ["yes", "Adesione alla convenzione Intercent-ER «Servizi cloud» con ordinativo del 12/03/2024."], ...yes(2), ["na", "Adesione a convenzione: nessuna commissione giudicatrice."], ...yes(3)],
    filledBy: "finance",
    outcome: "verified",
  },
  {
    templateCode: "conflict_of_interest",
    subjectKey: "96228851F0",
    subjectLabel: "Servizi cloud qualificati – Via Emilia Cloud S.p.A.",
    answers: ["yes", ["na", "Nessuna commissione: adesione a convenzione."], "yes", ["yes", "Controllo a campione su ARACHNE del 20/05/2024, nessuna segnalazione."], "yes", ["na", "Nessun conflitto emerso."], "yes"],
    filledBy: "finance",
    outcome: "verified",
  },
  {
    templateCode: "procedure_regularity",
    subjectKey: "A56F3172AA",
    subjectLabel: "Percorsi formativi dei professionisti sanitari – Formazione Sanità ER S.c.r.l. (procedura aperta)",
    answers: [...yes(9), ["yes", "Commissione nominata il 02/05/2024, dopo la scadenza delle offerte."], ...yes(4)],
    filledBy: "finance",
    outcome: "completed",
  },
  {
    templateCode: "procedure_regularity",
    subjectKey: "A34D1F5088",
    subjectLabel: "Integrazione delle cartelle cliniche di MMG e PLS – Medicina Digitale S.p.A.",
    answers: ["yes", "yes", "yes", "yes", ["yes", "Procedura negoziata ex art. 50 D.Lgs. 36/2023."]],
    filledBy: "finance",
  },
  {
    templateCode: "dnsh",
    subjectKey: FINANCE_CUP,
    subjectLabel: "FSE 2.0 – Rafforzamento dell'infrastruttura tecnologica (M6C2 1.3.1)",
    answers: [["yes", "Regime 2: la misura M6C2 1.3.1 contribuisce solo al rispetto del DNSH."], "yes", "yes", "yes", ["no", "Il fornitore cloud non ha ancora trasmesso l'adesione al Codice di condotta europeo per i data center."], "yes", ["na", "Nessun nuovo impianto di generazione."], "yes", "yes"],
    filledBy: "finance",
    outcome: { rejected: "La risposta 5 va integrata con la richiesta formale al fornitore e la data prevista di adesione; la 8 è «Sì» ma il verbale di collaudo dei nodi di calcolo non riporta le certificazioni Energy Star.", flag: [5, 8] },
  },
  {
    templateCode: "double_funding",
    subjectKey: FINANCE_CUP,
    subjectLabel: "FSE 2.0 – Rafforzamento dell'infrastruttura tecnologica (M6C2 1.3.1)",
    answers: [...yes(3), ["yes", "Verifica su OpenCoesione e sul sistema regionale del 10/10/2025: CUP presente solo sul PNRR."], "yes", "yes", ["na", "Nessun cumulo con altre forme di sostegno."]],
    filledBy: "manager",
    outcome: "verified",
  },
  {
    templateCode: "beneficial_owner",
    subjectKey: "03512850371",
    subjectLabel: "Via Emilia Cloud S.p.A. (partita IVA dimostrativa)",
    answers: [],
    filledBy: "finance",
  },
  {
    templateCode: "conflict_of_interest",
    subjectKey: "A56F3172AA",
    subjectLabel: "Percorsi formativi dei professionisti sanitari – Formazione Sanità ER S.c.r.l.",
    answers: ["yes", "yes"],
    filledBy: "manager",
  },
];

/** Runs model code (which opens the database through DATABASE_PATH) against the seed's file. */
function againstSeedFile<T>(db: Db, work: () => T): T {
  const before = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = db.$client.name;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = before;
  }
}

function actorFor(db: Db, email: string): Actor {
  const row = db.select().from(user).where(eq(user.email, email)).get();
  if (!row) throw new Error(`Seed: user ${email} is missing`);
  return { id: row.id, name: row.name, role: row.role };
}

/** The templates: product data, always seeded (version 1 of each code when none exists). */
export function seedChecklistTemplates(db: Db) {
  let created = 0;
  db.transaction((tx) => {
    for (const seed of checklistTemplateSeeds) {
      if (latestTemplate(tx, seed.code)) continue;
      insertTemplateVersion(tx, seedActor, seed, 1);
      created++;
    }
    if (created) appendAudit(tx, seedActor, { action: "seed", entityType: "checklist_template", entityLabel: "Modelli di checklist RGS", after: { templates: created } });
  });
  return created;
}

/**
 * The demo's reporting activity: checklists in every state and the months closed up to the month
 * before last (relative to TRAGUARDI_TODAY or today), each with its month-end snapshot. Written
 * through the real model functions, so the audit trail, four eyes and the locks hold as in use.
 * Idempotent: a checklist is looked up by template and subject, a month by its close.
 */
export function seedReportingActivity(db: Db) {
  const created = { checklist: 0, expenseReport: 0, monthClose: 0 };
  const prog = db.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
  if (!prog) return created;
  const pinned = process.env.TRAGUARDI_TODAY;
  const today = pinned && isIsoDate(pinned) ? pinned : todayInRome();
  const finance = actorFor(db, "finanza@traguardi.demo");
  const manager = actorFor(db, "responsabile@traguardi.demo");
  againstSeedFile(db, () => {
    // Filled in and reviewed in the days before report n. 1 (presented 15/07/2024), which attests them.
    withSeedClock(CHECKLISTS_SEEDED_AT, () => {
      for (const plan of checklistPlans) {
        const exists = db.select({ id: checklist.id }).from(checklist).where(and(eq(checklist.programmeId, prog.id), eq(checklist.templateCode, plan.templateCode), eq(checklist.subjectKey, plan.subjectKey))).get();
        if (exists) continue;
        const filler = plan.filledBy === "finance" ? finance : manager;
        const reviewer = plan.filledBy === "finance" ? manager : finance;
        let row = createChecklist(filler, prog.id, { templateCode: plan.templateCode, subjectKey: plan.subjectKey, subjectLabel: plan.subjectLabel });
        created.checklist++;
        if (!plan.answers.length) continue;
        const items = getChecklist(filler, row.id).items;
        const answers = plan.answers.map((given, index) => {
          const [answer, note] = Array.isArray(given) ? given : [given, ""];
          return { itemId: items[index].id, answer, note, documentIds: [] };
        });
        row = saveAnswers(filler, { id: row.id, version: row.version, answers }).checklist;
        if (!plan.outcome) continue;
        row = completeChecklist(filler, { id: row.id, version: row.version });
        if (plan.outcome === "completed") continue;
        if (plan.outcome === "verified") reviewChecklist(reviewer, { id: row.id, version: row.version, outcome: "verified", note: "Evidenze controllate a campione.", flaggedItemIds: [] });
        else
          reviewChecklist(reviewer, {
            id: row.id,
            version: row.version,
            outcome: "rejected",
            note: plan.outcome.rejected,
            flaggedItemIds: plan.outcome.flag.map((position) => items[position - 1].id),
          });
      }
    });

    created.expenseReport = seedExpenseReports(db, prog.id, finance, manager, today);

    const cutoff = addMonths(periodOf(today), -2);
    let period = latestClosedPeriod(db, prog.id);
    period = period ? addMonths(period, 1) : addMonths(cutoff, -(SEEDED_CLOSES - 1));
    for (; period <= cutoff; period = addMonths(period, 1)) {
      if (monthEnd(period) >= today) break;
      const preCheck = getPreCheck(manager, period, today);
      closeMonth(
        manager,
        {
          period,
          acceptedKeys: preCheck.findings.map((f) => f.key),
          reason: "Rilievi noti alla validazione ReGiS del mese, presi in carico: le correzioni sono registrate nei mesi successivi.",
        },
        today,
      );
      created.monthClose++;
    }
  });
  return created;
}
