import type { IsoDate } from "../core/dates";
import type { ItemState } from "../plan/status";

/**
 * One row of the chart under a work package. Tasks and milestones come from the plan; other
 * models (training waves, issue 5) add rows of their own kind through a GanttRowSource.
 */
export interface GanttRow {
  /** Unique across the chart: "t12", "m5", or another model's prefix (e.g. "w3"). */
  id: string;
  kind: "task" | "milestone" | "extra";
  /** For extra rows: what they are, for styling and the popup ("training", …). */
  extraKind?: string;
  code: string;
  title: string;
  owner: string;
  start: IsoDate;
  end: IsoDate;
  progress: number;
  state: ItemState;
  gateId: number | null;
  /** Total float in days; null for rows outside the dependency schedule. */
  slack: number | null;
  critical: boolean;
  /** Predecessor row ids (finish-to-start). */
  dependencies: string[];
  /** Whether a manager may drag it here (only plan items are saved by this chart). */
  editable: boolean;
  version: number;
}

export interface GanttWorkPackage {
  id: number;
  code: string;
  title: string;
  owner: string;
  start: IsoDate;
  end: IsoDate;
  progress: number;
  state: ItemState;
  gateId: number;
  rows: GanttRow[];
}
