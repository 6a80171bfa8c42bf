/**
 * Training rollout maths: planned vs trained by professional group × health authority, who lags
 * behind, and the cumulative curve of people trained against a gate date. Pure; dates are ISO.
 */
import { addDays, daysBetween, type IsoDate } from "~/domain/core/dates";

export interface RolloutWave {
  id: number;
  group: string;
  authorityId: number;
  startDate: IsoDate;
  endDate: IsoDate;
  targetHeadcount: number;
}

export interface RolloutCompletion {
  waveId: number;
  date: IsoDate;
  count: number;
}

/**
 * A cell (or row, column, total) lags when, of the people its waves should have trained by
 * `asOf` on a straight-line schedule, fewer than this share have been trained.
 */
export const LAG_THRESHOLD = 0.8;

/** Share of a wave's target that a straight-line plan expects trained by `asOf` (0…1). */
export function plannedShare(wave: Pick<RolloutWave, "startDate" | "endDate">, asOf: IsoDate): number {
  if (asOf < wave.startDate) return 0;
  if (asOf >= wave.endDate) return 1;
  const span = daysBetween(wave.startDate, wave.endDate);
  // A one-day wave (start = end) is handled above; here span >= 1.
  return (daysBetween(wave.startDate, asOf) + 1) / (span + 1);
}

export interface RolloutCell {
  /** Target headcount of every wave in the cell. */
  planned: number;
  /** People the straight-line plan expects trained by `asOf` (may be fractional). */
  expected: number;
  /** Completions recorded up to and including `asOf`. */
  trained: number;
  waveCount: number;
  /** trained / planned, or null when nothing is planned. */
  coverage: number | null;
  lagging: boolean;
}

export interface RolloutMatrix {
  groups: string[];
  authorityIds: number[];
  cells: Record<string, Record<number, RolloutCell>>;
  byGroup: Record<string, RolloutCell>;
  byAuthority: Record<number, RolloutCell>;
  total: RolloutCell;
}

function emptyCell(): RolloutCell {
  return { planned: 0, expected: 0, trained: 0, waveCount: 0, coverage: null, lagging: false };
}

function finish(cell: RolloutCell): RolloutCell {
  const coverage = cell.planned > 0 ? cell.trained / cell.planned : null;
  const lagging = cell.expected > 0 && cell.trained < LAG_THRESHOLD * cell.expected;
  return { ...cell, coverage, lagging };
}

function add(cell: RolloutCell, planned: number, expected: number, trained: number) {
  cell.planned += planned;
  cell.expected += expected;
  cell.trained += trained;
  cell.waveCount += 1;
}

/**
 * Every group × authority pair listed appears in the matrix (empty when no wave covers it), so
 * the heatmap keeps a fixed shape. Waves of groups or authorities not listed are still counted.
 */
export function buildRolloutMatrix(
  waves: RolloutWave[],
  completions: RolloutCompletion[],
  asOf: IsoDate,
  axes: { groups: readonly string[]; authorityIds: readonly number[] },
): RolloutMatrix {
  const trainedByWave = new Map<number, number>();
  for (const completion of completions) {
    if (completion.date > asOf) continue;
    trainedByWave.set(completion.waveId, (trainedByWave.get(completion.waveId) ?? 0) + completion.count);
  }
  const groups = [...axes.groups];
  const authorityIds = [...axes.authorityIds];
  for (const wave of waves) {
    if (!groups.includes(wave.group)) groups.push(wave.group);
    if (!authorityIds.includes(wave.authorityId)) authorityIds.push(wave.authorityId);
  }
  const cells: Record<string, Record<number, RolloutCell>> = {};
  const byGroup: Record<string, RolloutCell> = {};
  const byAuthority: Record<number, RolloutCell> = {};
  for (const group of groups) {
    cells[group] = {};
    byGroup[group] = emptyCell();
    for (const authorityId of authorityIds) cells[group][authorityId] = emptyCell();
  }
  for (const authorityId of authorityIds) byAuthority[authorityId] = emptyCell();
  const total = emptyCell();
  for (const wave of waves) {
    const expected = wave.targetHeadcount * plannedShare(wave, asOf);
    const trained = trainedByWave.get(wave.id) ?? 0;
    for (const cell of [cells[wave.group][wave.authorityId], byGroup[wave.group], byAuthority[wave.authorityId], total])
      add(cell, wave.targetHeadcount, expected, trained);
  }
  for (const group of groups) {
    byGroup[group] = finish(byGroup[group]);
    for (const authorityId of authorityIds) cells[group][authorityId] = finish(cells[group][authorityId]);
  }
  for (const authorityId of authorityIds) byAuthority[authorityId] = finish(byAuthority[authorityId]);
  return { groups, authorityIds, cells, byGroup, byAuthority, total: finish(total) };
}

export interface CurvePoint {
  date: IsoDate;
  /** Straight-line plan, cumulative. */
  planned: number;
  /** Completions recorded up to this date; null after `asOf` (the future is not known). */
  trained: number | null;
}

export interface RolloutCurve {
  points: CurvePoint[];
  /** Sum of every wave's target: where the planned line ends. */
  totalTarget: number;
  gateDate: IsoDate;
  /** Planned headcount due by the gate (waves ending after it count only in part). */
  plannedAtGate: number;
  trainedToDate: number;
  /** Trained at the gate if the pace of the last `paceDays` continues; null when the gate is past. */
  projectedAtGate: number | null;
  /** projectedAtGate (or trained at the gate, once past) reaches plannedAtGate. */
  onCourse: boolean;
}

/** Last day of each month from `from`'s month to `to`'s month, with `to` itself appended. */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let [y, m] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
    const end = addDays(nextMonth, -1);
    out.push(end > to ? to : end);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Cumulative people trained, sampled at month ends from the first wave's start to the later of
 * the gate and the last wave's end, plus `asOf` itself so the curve ends exactly at today.
 */
export function buildRolloutCurve(
  waves: RolloutWave[],
  completions: RolloutCompletion[],
  asOf: IsoDate,
  gateDate: IsoDate,
  paceDays = 90,
): RolloutCurve {
  const totalTarget = waves.reduce((sum, wave) => sum + wave.targetHeadcount, 0);
  const plannedBy = (date: IsoDate) => waves.reduce((sum, wave) => sum + wave.targetHeadcount * plannedShare(wave, date), 0);
  const trainedBy = (date: IsoDate) => completions.reduce((sum, c) => (c.date <= date ? sum + c.count : sum), 0);
  const trainedToDate = trainedBy(asOf);
  const plannedAtGate = plannedBy(gateDate);
  if (waves.length === 0)
    return { points: [], totalTarget, gateDate, plannedAtGate, trainedToDate, projectedAtGate: null, onCourse: trainedToDate >= plannedAtGate };
  const first = waves.reduce((min, wave) => (wave.startDate < min ? wave.startDate : min), waves[0].startDate);
  const last = waves.reduce((max, wave) => (wave.endDate > max ? wave.endDate : max), gateDate);
  const dates = new Set(monthEnds(first, last));
  if (asOf >= first && asOf <= last) dates.add(asOf);
  dates.add(gateDate);
  const points = [...dates]
    .sort()
    .map((date) => ({ date, planned: plannedBy(date), trained: date <= asOf ? trainedBy(date) : null }));

  let projectedAtGate: number | null = null;
  let onCourse: boolean;
  if (asOf >= gateDate) {
    onCourse = trainedBy(gateDate) >= plannedAtGate;
  } else {
    const since = addDays(asOf, -paceDays);
    const perDay = (trainedToDate - trainedBy(since)) / paceDays;
    projectedAtGate = trainedToDate + perDay * daysBetween(asOf, gateDate);
    onCourse = projectedAtGate >= plannedAtGate;
  }
  return { points, totalTarget, gateDate, plannedAtGate, trainedToDate, projectedAtGate, onCourse };
}

/** Sum of a wave's completions up to `asOf`, and its share of the target (capped at 1 for bars). */
export function waveProgress(targetHeadcount: number, completions: RolloutCompletion[], asOf: IsoDate) {
  const trained = completions.reduce((sum, c) => (c.date <= asOf ? sum + c.count : sum), 0);
  return { trained, share: targetHeadcount > 0 ? Math.min(1, Math.max(0, trained / targetHeadcount)) : 0 };
}
