/** Training waves as rows of the Gantt chart, under their work package. */
import type { GanttRow } from "~/domain/gantt/rows";
import type { GanttRowSource } from "~/models/gantt/chart.server";
import { requirePermission } from "~/models/core/actor.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { listTrainingWavesForGantt, waveState } from "./rollout.server";

/**
 * Training waves as rows of the Gantt (issue 3's extension point), under their work package.
 * Cached per worker until the waves, their completions or the work packages change (read-cache):
 * plan edits elsewhere leave it be.
 */
export const trainingGanttRows: GanttRowSource = (actor, programmeId, asOf) => {
  requirePermission(actor, "read:programme");
  return cachedRead("training.ganttRows", [programmeId, asOf], ["training_wave", "training_completion", "health_authority", "work_package"], () =>
    computeTrainingGanttRows(actor, programmeId, asOf),
  );
};

const computeTrainingGanttRows: GanttRowSource = (actor, programmeId, asOf) => {
  const rows = new Map<number, GanttRow[]>();
  for (const group of listTrainingWavesForGantt(actor, programmeId, asOf))
    rows.set(
      group.workPackageId,
      group.waves.map((w) => ({
        id: `w${w.id}`,
        kind: "extra" as const,
        extraKind: "training",
        code: w.code,
        title: w.title,
        owner: w.healthAuthorityName,
        start: w.startDate,
        end: w.endDate,
        progress: w.progress,
        state: waveState(w, w.trained, asOf),
        gateId: null,
        slack: null,
        critical: false,
        dependencies: [],
        editable: false,
        version: 1,
      })),
    );
  return rows;
};
