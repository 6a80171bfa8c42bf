import { localeTag, numberFormat } from "./core/intl-cache";
import { formatEuro, type Cents } from "./core/money";
import { formatDate, type IsoDate } from "./core/dates";
import type { ItemState } from "./plan/status";

/**
 * Earned value management for a work package (or the whole programme).
 * BAC budget at completion, PV planned value to date, EV earned value = BAC × physical progress,
 * AC actual cost = payments to date. Indices are null when their denominator is zero.
 */
export interface EvmInput {
  budget: Cents;
  plannedValue: Cents;
  /** Physical progress 0–100 (from the plan's task progress). */
  progress: number;
  actualCost: Cents;
}

export interface EvmResult {
  bac: Cents;
  pv: Cents;
  ev: Cents;
  ac: Cents;
  /** Schedule variance EV − PV and cost variance EV − AC. */
  sv: Cents;
  cv: Cents;
  spi: number | null;
  cpi: number | null;
  /** Estimate at completion BAC ÷ CPI (BAC while nothing is earned or spent). */
  eac: Cents;
  /** Variance at completion BAC − EAC: positive means under budget. */
  vac: Cents;
}

export function computeEvm({ budget, plannedValue, progress, actualCost }: EvmInput): EvmResult {
  if (!Number.isFinite(progress) || progress < 0 || progress > 100) throw new RangeError(`Progress out of range: ${progress}`);
  const ev = Math.round((budget * progress) / 100);
  const spi = plannedValue > 0 ? ev / plannedValue : null;
  const cpi = actualCost > 0 ? ev / actualCost : null;
  // With nothing earned yet a CPI of 0 would forecast an infinite cost: fall back to the budget,
  // or to what is already spent if that is more.
  const eac = cpi && cpi > 0 ? Math.round(budget / cpi) : Math.max(budget, actualCost);
  return { bac: budget, pv: plannedValue, ev, ac: actualCost, sv: ev - plannedValue, cv: ev - actualCost, spi, cpi, eac, vac: budget - eac };
}

/** Sums several results (e.g. every work package) and recomputes the indices on the totals. */
export function sumEvm(results: readonly EvmResult[]): EvmResult {
  const bac = results.reduce((a, r) => a + r.bac, 0);
  const pv = results.reduce((a, r) => a + r.pv, 0);
  const ev = results.reduce((a, r) => a + r.ev, 0);
  const ac = results.reduce((a, r) => a + r.ac, 0);
  const eac = results.reduce((a, r) => a + r.eac, 0);
  return { bac, pv, ev, ac, sv: ev - pv, cv: ev - ac, spi: pv > 0 ? ev / pv : null, cpi: ac > 0 ? ev / ac : null, eac, vac: bac - eac };
}

/** Within ±5% counts as on plan. */
const TOLERANCE = 0.05;

export function formatIndex(value: number | null, locale: "it" | "en" = "it"): string {
  if (value === null) return "—";
  return numberFormat(localeTag(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

function percent(value: number, locale: "it" | "en") {
  return `${numberFormat(localeTag(locale)).format(Math.round(value * 100))}%`;
}

/**
 * Where the work stands on the calendar, from the plan's state rules (~/domain/plan/status). When
 * given, it decides the schedule verdict: a work package past its end unfinished is late whatever
 * its SPI says (the spend profile may have been drawn as late as the work).
 */
export interface EvmSchedule {
  state: ItemState;
  endDate: IsoDate;
}

function scheduleVerdict(schedule: EvmSchedule, progress: number, it: boolean, locale: "it" | "en"): string {
  const end = formatDate(schedule.endDate);
  switch (schedule.state) {
    case "done":
      return it ? "il lavoro è completato" : "the work is complete";
    case "late":
      return it
        ? `il lavoro è in ritardo rispetto al piano (fine prevista ${end}, avanzamento ${progress}%)`
        : `work is behind schedule (planned end ${end}, ${progress}% done)`;
    case "at_risk":
      return it ? "il lavoro è a rischio di ritardo rispetto al piano" : "work is at risk of falling behind schedule";
    case "on_track":
      return it ? "il lavoro procede secondo il piano" : "work is on schedule";
  }
}

/** A few sentences for people who are not earned-value specialists. */
export function explainEvm(result: EvmResult, progress: number, locale: "it" | "en" = "it", schedule?: EvmSchedule): string[] {
  const euro = (cents: Cents) => formatEuro(cents, locale);
  const it = locale === "it";
  const lines: string[] = [];
  lines.push(
    it
      ? `Secondo il piano, a questa data si sarebbero dovuti spendere ${euro(result.pv)} (valore pianificato, PV).`
      : `According to the plan, ${euro(result.pv)} should have been spent by this date (planned value, PV).`,
  );
  lines.push(
    it
      ? `Il lavoro svolto vale ${euro(result.ev)}: il ${progress}% del budget di ${euro(result.bac)} (valore realizzato, EV).`
      : `The work done is worth ${euro(result.ev)}: ${progress}% of the ${euro(result.bac)} budget (earned value, EV).`,
  );
  lines.push(it ? `Sono stati pagati ${euro(result.ac)} (costo effettivo, AC).` : `${euro(result.ac)} has been paid (actual cost, AC).`);
  if (schedule) {
    const verdict = scheduleVerdict(schedule, progress, it, locale);
    lines.push(
      result.spi === null
        ? it
          ? `Il piano non prevedeva ancora spesa, quindi l'indice dei tempi (SPI) non si calcola; sul calendario ${verdict}.`
          : `No spend was planned yet, so the schedule index (SPI) cannot be computed; on the calendar, ${verdict}.`
        : it
          ? `SPI ${formatIndex(result.spi, locale)}: è stato realizzato il ${percent(result.spi, locale)} del valore pianificato a oggi; sul calendario ${verdict}.`
          : `SPI ${formatIndex(result.spi, locale)}: ${percent(result.spi, locale)} of the value planned to date is earned; on the calendar, ${verdict}.`,
    );
  } else if (result.spi === null) {
    lines.push(it ? "Il piano non prevedeva ancora spesa: l'indice dei tempi (SPI) non si calcola." : "No spend was planned yet, so the schedule index (SPI) cannot be computed.");
  } else {
    const verdict =
      result.spi < 1 - TOLERANCE
        ? it ? "il lavoro è in ritardo rispetto al piano" : "work is behind schedule"
        : result.spi > 1 + TOLERANCE
          ? it ? "il lavoro è in anticipo rispetto al piano" : "work is ahead of schedule"
          : it ? "il lavoro procede secondo il piano" : "work is on schedule";
    lines.push(
      it
        ? `SPI ${formatIndex(result.spi, locale)}: è stato realizzato il ${percent(result.spi, locale)} di quanto previsto a oggi, quindi ${verdict}.`
        : `SPI ${formatIndex(result.spi, locale)}: ${percent(result.spi, locale)} of the work planned to date is done, so ${verdict}.`,
    );
  }
  if (result.cpi === null) {
    lines.push(it ? "Non risultano ancora pagamenti: l'indice dei costi (CPI) non si calcola." : "Nothing has been paid yet, so the cost index (CPI) cannot be computed.");
  } else {
    const verdict =
      result.cpi < 1 - TOLERANCE
        ? it ? "si sta spendendo più del valore prodotto" : "more is being spent than the work is worth"
        : result.cpi > 1 + TOLERANCE
          ? it ? "si sta spendendo meno del valore prodotto" : "less is being spent than the work is worth"
          : it ? "la spesa è in linea con il valore prodotto" : "spending is in line with the work done";
    lines.push(
      it
        ? `CPI ${formatIndex(result.cpi, locale)}: ogni euro pagato ha prodotto ${euro(Math.round(result.cpi * 100))} di lavoro, quindi ${verdict}.`
        : `CPI ${formatIndex(result.cpi, locale)}: every euro paid has produced ${euro(Math.round(result.cpi * 100))} of work, so ${verdict}.`,
    );
  }
  const gap = Math.abs(result.vac);
  lines.push(
    result.vac === 0
      ? it ? `Con questo andamento, a fine lavori la spesa sarà pari al budget: ${euro(result.eac)} (stima a finire, EAC).` : `At this rate the final cost will equal the budget: ${euro(result.eac)} (estimate at completion, EAC).`
      : result.vac > 0
        ? it ? `Con questo andamento, a fine lavori si spenderanno ${euro(result.eac)} (stima a finire, EAC): ${euro(gap)} meno del budget.` : `At this rate the final cost will be ${euro(result.eac)} (estimate at completion, EAC): ${euro(gap)} under budget.`
        : it ? `Con questo andamento, a fine lavori si spenderanno ${euro(result.eac)} (stima a finire, EAC): ${euro(gap)} oltre il budget.` : `At this rate the final cost will be ${euro(result.eac)} (estimate at completion, EAC): ${euro(gap)} over budget.`,
  );
  return lines;
}
