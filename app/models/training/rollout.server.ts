/** The training rollout as it stands on a date: heatmap, lagging groups and authorities, curve. */
import { asc, eq } from "drizzle-orm";
import { deadlineGate, workPackage } from "#db/schema";
import type { IsoDate } from "~/domain/core/dates";
import type { ItemState } from "~/domain/plan/status";
import { buildRolloutCurve, buildRolloutMatrix, LAG_THRESHOLD, plannedShare, waveProgress, type RolloutWave } from "~/domain/training/rollout";
import { professionalGroups, type ProfessionalGroup } from "~/domain/training/training-values";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { completionsOf, listHealthAuthorities, programmeWaves, type TrainingWave } from "./waves.server";

const toRolloutWave = (wave: TrainingWave): RolloutWave => ({
  id: wave.id,
  group: wave.professionalGroup,
  authorityId: wave.healthAuthorityId,
  startDate: wave.startDate,
  endDate: wave.endDate,
  targetHeadcount: wave.targetHeadcount,
});

/** The gate the training must meet: the first one (31/12/2025, "digital skills completed"). */
function trainingGate(conn: Conn, programmeId: number) {
  return conn.select().from(deadlineGate).where(eq(deadlineGate.programmeId, programmeId)).orderBy(asc(deadlineGate.sortOrder), asc(deadlineGate.dueDate)).limit(1).get() ?? null;
}

/**
 * Heatmap, lagging groups and authorities, and the cumulative curve, as they stand on `asOf`.
 * Cached per worker until a training table or the gates are written (read-cache).
 */
export function getRolloutOverview(actor: Actor, programmeId: number, asOf: IsoDate) {
  requirePermission(actor, "read:programme");
  return cachedRead("training.overview", [programmeId, asOf], ["health_authority", "training_wave", "training_completion", "deadline_gate"], () =>
    computeRolloutOverview(actor, programmeId, asOf),
  );
}

function computeRolloutOverview(actor: Actor, programmeId: number, asOf: IsoDate) {
  const db = getDb();
  const authorities = listHealthAuthorities(actor);
  const waves = programmeWaves(db, programmeId);
  const completions = completionsOf(db, waves.map((w) => w.id));
  const rolloutWaves = waves.map(toRolloutWave);
  const matrix = buildRolloutMatrix(rolloutWaves, completions, asOf, { groups: professionalGroups, authorityIds: authorities.map((a) => a.id) });
  const gate = trainingGate(db, programmeId);
  const gateDate = gate?.dueDate ?? "2025-12-31";
  const curve = buildRolloutCurve(rolloutWaves, completions, asOf, gateDate);
  return {
    asOf,
    authorities: authorities.map((a) => ({ id: a.id, code: a.code, name: a.name })),
    groups: matrix.groups as ProfessionalGroup[],
    matrix,
    curve,
    gate: gate ? { code: gate.code, name: gate.name, nameEn: gate.nameEn, dueDate: gate.dueDate } : null,
    laggingGroups: matrix.groups.filter((g) => matrix.byGroup[g].lagging) as ProfessionalGroup[],
    laggingAuthorities: authorities.filter((a) => matrix.byAuthority[a.id]?.lagging).map((a) => ({ id: a.id, code: a.code, name: a.name })),
  };
}

/**
 * For the Gantt (issue 3): waves grouped under their work package, with dates and how far each
 * has got (people trained up to `asOf`, default: everything recorded).
 */
export function listTrainingWavesForGantt(actor: Actor, programmeId: number, asOf: IsoDate = "9999-12-31") {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const waves = programmeWaves(db, programmeId);
  const completions = completionsOf(db, waves.map((w) => w.id));
  const authorities = new Map(listHealthAuthorities(actor).map((a) => [a.id, a.name]));
  const wps = db.select().from(workPackage).where(eq(workPackage.programmeId, programmeId)).orderBy(asc(workPackage.sortOrder), asc(workPackage.code)).all();
  return wps
    .map((wp) => ({
      workPackageId: wp.id,
      workPackageCode: wp.code,
      workPackageTitle: wp.title,
      waves: waves
        .filter((w) => w.workPackageId === wp.id)
        .map((w) => {
          const progress = waveProgress(w.targetHeadcount, completions.filter((c) => c.waveId === w.id), asOf);
          return {
            id: w.id,
            code: w.code,
            title: w.title,
            professionalGroup: w.professionalGroup,
            healthAuthorityName: authorities.get(w.healthAuthorityId) ?? "",
            deliveryMode: w.deliveryMode,
            startDate: w.startDate,
            endDate: w.endDate,
            targetHeadcount: w.targetHeadcount,
            trained: progress.trained,
            /** 0–100, capped: for a bar's fill. */
            progress: Math.round(progress.share * 100),
          };
        }),
    }))
    .filter((group) => group.waves.length > 0);
}

/**
 * A wave's state on the plan's scale: done once its target is trained; late when it has ended
 * short of it; at risk when behind the calendar (the heatmap's lag rule); else on track.
 */
export function waveState(wave: { startDate: IsoDate; endDate: IsoDate; targetHeadcount: number }, trained: number, asOf: IsoDate): ItemState {
  if (trained >= wave.targetHeadcount) return "done";
  if (asOf > wave.endDate) return "late";
  const expected = wave.targetHeadcount * plannedShare(wave, asOf);
  return expected > 0 && trained < LAG_THRESHOLD * expected ? "at_risk" : "on_track";
}
