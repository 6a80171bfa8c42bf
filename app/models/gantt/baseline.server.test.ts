import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import { addDays } from "~/domain/core/dates";
import type { Actor } from "~/models/core/actor.server";
import { NotFoundError } from "~/models/core/errors.server";
import { getGanttBaseline } from "./baseline.server";
import { rescheduleItem } from "./reschedule.server";
import { createTask, getPlan } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { takeSnapshot } from "~/models/snapshots/snapshot.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(manager).id;
const plan = () => getPlan(manager, programmeId());

describe("gantt baseline", () => {
  it("gives each row on screen the dates it had in the snapshot, none for items added since", () => {
    const before = plan();
    const moved = before.tasks.find((t) => t.code === "WP2.7")!;
    const still = before.tasks.find((t) => t.code === "WP1.1")!;
    const milestone = before.milestones[0];
    const wp = before.workPackages[0];
    const taken = takeSnapshot(manager, { label: "Baseline di prova", asOf: "2025-11-14" });

    rescheduleItem(manager, { key: `t${moved.id}`, version: moved.version, startDate: addDays(moved.startDate, 5), endDate: addDays(moved.endDate, 5), pushDependents: true });
    const added = createTask(manager, { workPackageId: still.workPackageId, code: "WP1.99", title: "Aggiunta dopo", owner: "Giulia Ferri", startDate: "2025-12-01", endDate: "2025-12-05", progress: 0, status: "planned" });

    const ids = [`t${moved.id}`, `t${still.id}`, `m${milestone.id}`, `wp${wp.id}`, `t${added.id}`];
    const baseline = getGanttBaseline(auditor, programmeId(), taken.id, ids);
    expect(baseline).toMatchObject({ id: taken.id, label: "Baseline di prova", asOf: "2025-11-14", verified: true });
    expect(baseline.items[`t${moved.id}`]).toEqual({ start: moved.startDate, end: moved.endDate });
    expect(baseline.items[`t${still.id}`]).toEqual({ start: still.startDate, end: still.endDate });
    expect(baseline.items[`m${milestone.id}`]).toEqual({ start: milestone.dueDate, end: milestone.dueDate });
    expect(baseline.items[`wp${wp.id}`]).toEqual({ start: wp.startDate, end: wp.endDate });
    expect(baseline.items).not.toHaveProperty(`t${added.id}`);
    // Only the rows asked for travel to the browser.
    expect(Object.keys(getGanttBaseline(auditor, programmeId(), taken.id, [`t${still.id}`]).items)).toEqual([`t${still.id}`]);
    // The live plan moved on; the baseline (parsed once, then cached) did not.
    expect(plan().tasks.find((t) => t.id === moved.id)!.startDate).toBe(addDays(moved.startDate, 5));
    expect(getGanttBaseline(manager, programmeId(), taken.id, ids).items[`t${moved.id}`].start).toBe(moved.startDate);
  });

  it("refuses an unknown snapshot or one of another programme", () => {
    expect(() => getGanttBaseline(manager, programmeId(), 999_999, [])).toThrow(NotFoundError);
    const taken = takeSnapshot(manager, { label: "Altra", asOf: "2025-11-14" });
    expect(() => getGanttBaseline(manager, programmeId() + 1, taken.id, [])).toThrow(NotFoundError);
  });
});
