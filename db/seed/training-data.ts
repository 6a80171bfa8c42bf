/**
 * Demo training rollout and programme indicators (see shared DOMAIN.md). The 14 health
 * authorities, the professional groups and the indicators' cited figures are published facts;
 * headcounts, wave calendars, completions and the measurements not marked "cited" are *demo*.
 */
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../app/models/audit/audit.server";
import type { Actor } from "../../app/models/core/actor.server";
import { addDays, daysBetween } from "../../app/domain/core/dates";
import { monthEnds, plannedShare } from "../../app/domain/training/rollout";
import type { DeliveryMode, IndicatorUnit, ProfessionalGroup } from "../../app/domain/training/training-values";
import type { Db } from "../client";
import { healthAuthority, indicator, indicatorMeasurement, programme, trainingCompletion, trainingSession, trainingWave, workPackage } from "../schema";
import { programmeSeed } from "./fse-data";

/** Code = short label shown in the heatmap's column headers. */
export const healthAuthoritySeeds = [
  { code: "AUSL PC", name: "AUSL Piacenza" },
  { code: "AUSL PR", name: "AUSL Parma" },
  { code: "AUSL RE", name: "AUSL-IRCCS Reggio Emilia" },
  { code: "AUSL MO", name: "AUSL Modena" },
  { code: "AUSL BO", name: "AUSL Bologna" },
  { code: "AUSL IM", name: "AUSL Imola" },
  { code: "AUSL FE", name: "AUSL Ferrara" },
  { code: "AUSL RO", name: "AUSL della Romagna" },
  { code: "AOU PR", name: "AOU Parma" },
  { code: "AOU MO", name: "AOU Modena" },
  { code: "AOU BO", name: "IRCCS AOU Bologna" },
  { code: "AOU FE", name: "AOU Ferrara" },
  { code: "IOR", name: "IRCCS Istituto Ortopedico Rizzoli" },
  { code: "IRST", name: "IRCCS IRST Meldola" },
] as const;

type AuthorityCode = (typeof healthAuthoritySeeds)[number]["code"];
const territorial: AuthorityCode[] = ["AUSL PC", "AUSL PR", "AUSL RE", "AUSL MO", "AUSL BO", "AUSL IM", "AUSL FE", "AUSL RO"];
const all: AuthorityCode[] = healthAuthoritySeeds.map((a) => a.code);

/** Rough share of the regional workforce per authority (demo, after population served). */
const size: Record<AuthorityCode, number> = {
  "AUSL PC": 0.065, "AUSL PR": 0.1, "AUSL RE": 0.12, "AUSL MO": 0.155, "AUSL BO": 0.195, "AUSL IM": 0.03, "AUSL FE": 0.08, "AUSL RO": 0.255,
  "AOU PR": 0.11, "AOU MO": 0.1, "AOU BO": 0.15, "AOU FE": 0.07, IOR: 0.04, IRST: 0.025,
};

interface WavePlan {
  group: ProfessionalGroup;
  suffix: string;
  label: string;
  authorities: AuthorityCode[];
  /** Regional headcount split across the authorities by `size`. */
  regional: number;
  start: string;
  end: string;
  mode: DeliveryMode;
}

const wavePlans: WavePlan[] = [
  { group: "gp", suffix: "MMG-1", label: "FSE 2.0 per MMG – 1ª edizione", authorities: territorial, regional: 1500, start: "2024-11-04", end: "2025-03-28", mode: "e_learning" },
  { group: "gp", suffix: "MMG-2", label: "FSE 2.0 per MMG – 2ª edizione", authorities: territorial, regional: 1480, start: "2025-04-01", end: "2025-09-30", mode: "blended" },
  { group: "paediatrician", suffix: "PLS", label: "FSE 2.0 per PLS", authorities: territorial, regional: 620, start: "2024-11-04", end: "2025-09-30", mode: "blended" },
  { group: "specialist", suffix: "SPEC", label: "Specialisti ambulatoriali: referti e ricette nel FSE", authorities: territorial, regional: 1900, start: "2025-01-07", end: "2025-11-28", mode: "blended" },
  { group: "hospital_doctor", suffix: "OSP", label: "Medici ospedalieri: lettere di dimissione e verbali PS in CDA2", authorities: all, regional: 5200, start: "2025-01-07", end: "2025-11-28", mode: "e_learning" },
  { group: "pharmacist", suffix: "FARM", label: "Farmacisti: ricetta dematerializzata e FSE", authorities: territorial, regional: 900, start: "2025-02-03", end: "2025-10-31", mode: "e_learning" },
  { group: "nurse", suffix: "INF", label: "Infermieri e professioni sanitarie: il FSE 2.0", authorities: all, regional: 9000, start: "2025-02-03", end: "2025-12-12", mode: "e_learning" },
  { group: "admin_booking", suffix: "CUP", label: "Personale amministrativo e CUP: consensi e deleghe", authorities: all, regional: 2400, start: "2025-02-03", end: "2025-12-12", mode: "in_person" },
  { group: "ict", suffix: "ICT", label: "Personale ICT: integrazione FHIR e gateway nazionale", authorities: all, regional: 420, start: "2024-11-04", end: "2025-06-30", mode: "blended" },
];

/**
 * How much of the plan each wave delivers (demo): most close to target; pharmacists lag
 * everywhere, AUSL Ferrara lags across groups, nurses of AUSL della Romagna and ICT at IRST too.
 */
function performance(group: ProfessionalGroup, authority: AuthorityCode, code: string): number {
  let factor = 0.94 + (hash(code) % 8) / 100; // 0.94 … 1.01
  if (group === "pharmacist") factor = 0.68;
  if (authority === "AUSL FE") factor = Math.min(factor, 0.62);
  if (authority === "AUSL RO" && group === "nurse") factor = 0.58;
  if (authority === "IRST" && group === "ict") factor = 0.45;
  return factor;
}

function hash(text: string) {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 100_003;
  return h;
}

const shortCode = (authority: AuthorityCode) => authority.replace(/\s+/g, "");

export interface WaveSeed {
  code: string;
  title: string;
  group: ProfessionalGroup;
  authority: AuthorityCode;
  mode: DeliveryMode;
  start: string;
  end: string;
  target: number;
  sessions: { date: string; capacity: number; location: string }[];
  completions: { date: string; count: number }[];
}

/** People trained lag the straight-line plan by about two weeks, then settle at `performance`. */
export function buildWaveSeeds(): WaveSeed[] {
  const seeds: WaveSeed[] = [];
  for (const plan of wavePlans) {
    const share = plan.authorities.reduce((sum, a) => sum + size[a], 0);
    for (const authority of plan.authorities) {
      const code = `${plan.suffix}-${shortCode(authority)}`;
      const target = Math.max(10, Math.round((plan.regional * size[authority]) / share));
      const wave = { startDate: plan.start, endDate: plan.end };
      const span = daysBetween(plan.start, plan.end);
      const sessions = [1 / 6, 1 / 2, 5 / 6].map((at) => ({
        date: addDays(plan.start, Math.round(span * at)),
        capacity: Math.ceil((target * 1.1) / 3),
        location: plan.mode === "e_learning" ? "Piattaforma e-learning regionale" : `Aula formazione ${healthAuthoritySeeds.find((a) => a.code === authority)!.name}`,
      }));
      const factor = performance(plan.group, authority, code);
      const completions: { date: string; count: number }[] = [];
      let recorded = 0;
      // Month ends through the wave's end and one month beyond (late registrations), within 2025.
      for (const date of monthEnds(plan.start, addDays(plan.end, 31))) {
        if (date > "2025-12-31") break;
        const cumulative = Math.round(target * factor * plannedShare(wave, addDays(date, -15)));
        if (cumulative > recorded) {
          completions.push({ date, count: cumulative - recorded });
          recorded = cumulative;
        }
      }
      seeds.push({ code, title: plan.label, group: plan.group, authority, mode: plan.mode, start: plan.start, end: plan.end, target, sessions, completions });
    }
  }
  return seeds;
}

export interface IndicatorSeed {
  code: string;
  name: string;
  unit: IndicatorUnit;
  baseline: number;
  baselineDate: string;
  targetValue: number;
  dueDate: string;
  euCode?: string;
  measurements: { date: string; value: number; source: string; evidenceNote: string }[];
}

const PRESS = "Regione Emilia-Romagna, comunicato stampa del 17/09/2025";
const DASHBOARD = "Cruscotto regionale FSE (dato dimostrativo)";

export const indicatorSeeds: IndicatorSeed[] = [
  {
    code: "IND-01",
    name: "Fascicoli sanitari elettronici attivi",
    unit: "count",
    baseline: 4_000_000,
    baselineDate: "2023-12-31",
    targetValue: 4_500_000,
    dueDate: "2026-06-30",
    measurements: [
      { date: "2024-06-30", value: 4_150_000, source: DASHBOARD, evidenceNote: "Estrazione semestrale dall'anagrafe FSE." },
      { date: "2025-03-31", value: 4_310_000, source: PRESS, evidenceNote: "«Oltre 4,3 milioni di fascicoli attivi» (dato citato)." },
      { date: "2025-09-30", value: 4_380_000, source: DASHBOARD, evidenceNote: "Estrazione trimestrale." },
      { date: "2026-06-30", value: 4_520_000, source: DASHBOARD, evidenceNote: "Estrazione semestrale." },
    ],
  },
  {
    code: "IND-02",
    name: "Cittadini che consentono la consultazione del proprio FSE",
    unit: "percent",
    baseline: 85,
    baselineDate: "2023-12-31",
    targetValue: 95,
    dueDate: "2026-06-30",
    measurements: [
      { date: "2024-06-30", value: 87.5, source: DASHBOARD, evidenceNote: "Consensi registrati / fascicoli attivi." },
      { date: "2025-03-31", value: 90, source: PRESS, evidenceNote: "«Circa il 90% dei cittadini ha dato il consenso» (dato citato)." },
      { date: "2025-09-30", value: 91, source: DASHBOARD, evidenceNote: "Consensi registrati / fascicoli attivi." },
      { date: "2026-06-30", value: 95.2, source: DASHBOARD, evidenceNote: "Consensi registrati / fascicoli attivi." },
    ],
  },
  {
    code: "IND-03",
    name: "Popolazione che ha usato il FSE almeno una volta",
    unit: "percent",
    baseline: 55,
    baselineDate: "2023-12-31",
    targetValue: 80,
    dueDate: "2026-06-30",
    measurements: [
      { date: "2024-06-30", value: 59, source: DASHBOARD, evidenceNote: "Assistiti con almeno un accesso / popolazione residente." },
      { date: "2025-03-31", value: 65, source: PRESS, evidenceNote: "65% in Emilia-Romagna contro il 21% nazionale, I trimestre 2025 (dato citato)." },
      { date: "2025-09-30", value: 67, source: DASHBOARD, evidenceNote: "Assistiti con almeno un accesso / popolazione residente." },
      { date: "2026-06-30", value: 74, source: DASHBOARD, evidenceNote: "Assistiti con almeno un accesso / popolazione residente." },
    ],
  },
  {
    code: "IND-04",
    name: "MMG e PLS che usano il FSE",
    unit: "percent",
    baseline: 96,
    baselineDate: "2023-12-31",
    targetValue: 100,
    dueDate: "2025-12-31",
    measurements: [
      { date: "2024-06-30", value: 98, source: DASHBOARD, evidenceNote: "Medici con almeno un documento inviato nel semestre." },
      { date: "2025-03-31", value: 100, source: PRESS, evidenceNote: "«100% di MMG e PLS» (dato citato)." },
    ],
  },
  {
    code: "IND-05",
    name: "Specialisti che usano il FSE",
    unit: "percent",
    baseline: 88,
    baselineDate: "2023-12-31",
    targetValue: 100,
    dueDate: "2026-06-30",
    measurements: [
      { date: "2024-06-30", value: 92, source: DASHBOARD, evidenceNote: "Specialisti con almeno un referto inviato nel semestre." },
      { date: "2025-03-31", value: 97, source: PRESS, evidenceNote: "«97% degli specialisti» (dato citato)." },
      { date: "2025-09-30", value: 97.5, source: DASHBOARD, evidenceNote: "Specialisti con almeno un referto inviato nel trimestre." },
      { date: "2026-06-30", value: 100, source: DASHBOARD, evidenceNote: "Tutti gli ambulatori specialistici integrati (WP4.4)." },
    ],
  },
  {
    code: "IND-06",
    name: "Tipologie documentali disponibili nel FSE (su 16 del DM 7/9/2023)",
    unit: "count",
    baseline: 12,
    baselineDate: "2023-12-31",
    targetValue: 16,
    dueDate: "2026-06-30",
    measurements: [
      { date: "2024-12-31", value: 13, source: DASHBOARD, evidenceNote: "Verifica di conformità al gateway nazionale." },
      { date: "2025-03-31", value: 14, source: PRESS, evidenceNote: "14 tipologie su 16 (88%) contro il 74% nazionale (dato citato)." },
      { date: "2026-02-16", value: 15, source: DASHBOARD, evidenceNote: "Inviti agli screening in produzione (WP3.7)." },
    ],
  },
  {
    code: "IND-07",
    name: "MMG che alimentano il FSE (target UE M6C2-11: 85%)",
    unit: "percent",
    baseline: 62,
    baselineDate: "2023-12-31",
    targetValue: 85,
    dueDate: "2025-12-31",
    euCode: "M6C2-11",
    measurements: [
      { date: "2024-06-30", value: 70, source: DASHBOARD, evidenceNote: "MMG con almeno un profilo sanitario sintetico o referto inviato nel semestre." },
      { date: "2024-12-31", value: 76, source: DASHBOARD, evidenceNote: "Relazione semestrale regionale sull'avanzamento." },
      { date: "2025-06-30", value: 82, source: DASHBOARD, evidenceNote: "Relazione semestrale regionale sull'avanzamento." },
      { date: "2025-09-30", value: 86, source: DASHBOARD, evidenceNote: "Monitoraggio trimestrale; relazione sulla formazione dei MMG con il numero di formati per azienda." },
    ],
  },
];

const seedActor: Actor = { id: 0, name: "Caricamento iniziale", role: "admin" };

/**
 * Health authorities, training waves with sessions and completions, and indicators with
 * measurements. Idempotent: each row is looked up by its natural key and only added when
 * missing; a wave's sessions and completions are loaded only when the wave itself is new.
 */
export function seedTraining(db: Db) {
  const created = { healthAuthority: 0, trainingWave: 0, trainingSession: 0, trainingCompletion: 0, indicator: 0, indicatorMeasurement: 0 };
  const now = new Date().toISOString();
  const stamp = { createdAt: now, updatedAt: now, updatedById: null };
  db.transaction((tx) => {
    const prog = tx.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
    if (!prog) throw new Error("seedTraining needs the demo programme: run seedDemo first");
    const wp5 = tx.select().from(workPackage).where(and(eq(workPackage.programmeId, prog.id), eq(workPackage.code, "WP5"))).get();
    if (!wp5) throw new Error("seedTraining needs work package WP5");

    const authorityIds = new Map<string, number>();
    healthAuthoritySeeds.forEach((seed, index) => {
      let row = tx.select().from(healthAuthority).where(eq(healthAuthority.code, seed.code)).get();
      if (!row) {
        row = tx.insert(healthAuthority).values({ ...seed, sortOrder: index + 1 }).returning().get();
        created.healthAuthority++;
      }
      authorityIds.set(seed.code, row.id);
    });

    for (const seed of buildWaveSeeds()) {
      const exists = tx.select({ id: trainingWave.id }).from(trainingWave).where(and(eq(trainingWave.programmeId, prog.id), eq(trainingWave.code, seed.code))).get();
      if (exists) continue;
      const wave = tx
        .insert(trainingWave)
        .values({
          programmeId: prog.id,
          workPackageId: wp5.id,
          code: seed.code,
          title: seed.title,
          professionalGroup: seed.group,
          healthAuthorityId: authorityIds.get(seed.authority)!,
          deliveryMode: seed.mode,
          startDate: seed.start,
          endDate: seed.end,
          targetHeadcount: seed.target,
          ...stamp,
        })
        .returning()
        .get();
      created.trainingWave++;
      for (const session of seed.sessions) {
        tx.insert(trainingSession).values({ waveId: wave.id, ...session, ...stamp }).run();
        created.trainingSession++;
      }
      for (const completion of seed.completions) {
        tx.insert(trainingCompletion).values({ waveId: wave.id, date: completion.date, count: completion.count, source: "seed", note: "Registro presenze aziendale", createdAt: now, createdById: null }).run();
        created.trainingCompletion++;
      }
    }

    for (const seed of indicatorSeeds) {
      const exists = tx.select({ id: indicator.id }).from(indicator).where(and(eq(indicator.programmeId, prog.id), eq(indicator.code, seed.code))).get();
      if (exists) continue;
      const { measurements, euCode, ...fields } = seed;
      const row = tx.insert(indicator).values({ ...fields, euCode: euCode ?? null, programmeId: prog.id, ...stamp }).returning().get();
      created.indicator++;
      for (const m of measurements) {
        tx.insert(indicatorMeasurement).values({ indicatorId: row.id, ...m, createdAt: now, createdById: null }).run();
        created.indicatorMeasurement++;
      }
    }

    if (Object.values(created).some((n) => n > 0))
      appendAudit(tx, seedActor, { action: "seed", entityType: "training", entityId: prog.id, entityLabel: "Formazione e indicatori (dati dimostrativi)", after: created });
  });
  return created;
}
