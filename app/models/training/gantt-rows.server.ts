/** Training waves as rows of the Gantt chart, under their work package. */
import type { GanttRow } from "~/domain/gantt/rows";
import type { GanttRowSource } from "~/models/gantt/chart.server";
import { listTrainingWavesForGantt, waveState } from "./rollout.server";

/** Training waves as rows of the Gantt (issue 3's extension point), under their work package. */
export const trainingGanttRows: GanttRowSource = (actor, programmeId, asOf) => {
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
