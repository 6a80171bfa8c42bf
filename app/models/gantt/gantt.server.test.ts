import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { listAudit } from "~/models/audit/audit.server";
import { ConflictError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getGanttChart, type GanttRow } from "./chart.server";
import { ganttCalendarEvents, ganttCsv } from "./exports.server";
import { previewReschedule, rescheduleItem } from "./reschedule.server";
import { undoLastChange } from "./undo.server";
import { getPlan, updateTask, updateWorkPackage } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const adminAsOtherManager: Actor = { id: 1, name: "Paolo Venturi", role: "manager" };
const today = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(manager).id;
const plan = () => getPlan(manager, programmeId());
const taskByCode = (code: string) => plan().tasks.find((t) => t.code === code)!;
const milestoneByCode = (code: string) => plan().milestones.find((m) => m.code === code)!;
const wpByCode = (code: string) => plan().workPackages.find((wp) => wp.code === code)!;
const auditTotal = () => listAudit(manager, {}).total;

describe("gantt chart data", () => {
  it("groups tasks and milestones under work packages with states, slack and the critical path", () => {
    const chart = getGanttChart(manager, programmeId(), today);
    expect(chart.gates.map((g) => g.dueDate)).toEqual(["2025-12-31", "2026-06-30"]);
    const wp2 = chart.workPackages.find((wp) => wp.code === "WP2")!;
    const codes = wp2.rows.map((row) => row.code);
    expect(codes).toContain("WP2.7");
    expect(codes).toContain("WP2.M2");
    const rows = chart.workPackages.flatMap((wp) => wp.rows);
    expect(rows.some((row) => row.critical)).toBe(true);
    expect(rows.every((row) => row.slack === null || row.slack >= 0)).toBe(true);
    const wp27 = rows.find((row) => row.code === "WP2.7")!;
    expect(wp27.dependencies).toEqual([`t${taskByCode("WP2.6").id}`]);
    expect(rows.find((row) => row.code === "WP2.M2")!.kind).toBe("milestone");
    expect(chart.lastChange).toBeNull();
  });

  it("takes extra rows from another model under their work package", () => {
    const wpId = wpByCode("WP4").id;
    const extra: GanttRow = {
      id: "w1",
      kind: "extra",
      extraKind: "training",
      code: "ONDATA 1",
      title: "Formazione MMG",
      owner: "AUSL Bologna",
      start: "2025-09-01",
      end: "2025-10-31",
      progress: 40,
      state: "on_track",
      gateId: null,
      slack: null,
      critical: false,
      dependencies: [],
      editable: false,
      version: 1,
    };
    const chart = getGanttChart(manager, programmeId(), today, [() => new Map([[wpId, [extra]]])]);
    expect(chart.workPackages.find((wp) => wp.id === wpId)!.rows.some((row) => row.id === "w1")).toBe(true);
  });
});

describe("chart cache", () => {
  it("reuses the plan computation only while the plan is unchanged", () => {
    const first = getGanttChart(manager, programmeId(), today);
    const again = getGanttChart(manager, programmeId(), today);
    expect(again.workPackages[0].rows[0]).toBe(first.workPackages[0].rows[0]);
    expect(again.workPackages[0].rows).not.toBe(first.workPackages[0].rows);

    const task = taskByCode("WP2.7");
    updateTask(manager, { ...task, progress: task.progress + 1 });
    const afterModel = getGanttChart(manager, programmeId(), today).workPackages.flatMap((wp) => wp.rows).find((row) => row.code === "WP2.7")!;
    expect(afterModel.progress).toBe(task.progress + 1);
    expect(afterModel.version).toBe(task.version + 1);

    // An edit made outside the models (as e2e fixtures do) is seen too.
    const raw = new Database(database.file);
    raw.prepare("update task set start_date = '2023-02-20' where code = 'WP7.6'").run();
    raw.close();
    const afterRaw = getGanttChart(manager, programmeId(), today).workPackages.flatMap((wp) => wp.rows).find((row) => row.code === "WP7.6")!;
    expect(afterRaw.start).toBe("2023-02-20");
    // Another day, other states: not served from the cache of the previous day.
    expect(getGanttChart(manager, programmeId(), "2030-01-01").workPackages.every((wp) => wp.state === "late" || wp.state === "done")).toBe(true);
  });
});

describe("reschedule", () => {
  it("previews the dependents a move pushes and the gate a work package then misses", () => {
    const wp26 = taskByCode("WP2.6");
    const preview = previewReschedule(manager, { key: `t${wp26.id}`, version: wp26.version, startDate: "2025-12-31", endDate: "2026-03-29", pushDependents: false });
    expect(preview.days).toBe(30);
    // WP2.7 follows WP2.6; the milestone WP2.M2 follows WP2.7; WP7.M2 follows WP2.M2.
    expect(preview.shifts.map((s) => [s.code, s.days])).toEqual([
      ["WP2.7", 28],
      ["WP2.M2", 10],
      ["WP7.M2", 10],
    ]);
    expect(preview.workPackages).toContainEqual(expect.objectContaining({ code: "WP2", endDate: "2026-07-10", exceedsGate: true, widened: true }));
    // Every pushed item is named with its old and new dates; the achieved EU milestones stand out.
    expect(preview.shifts.find((s) => s.code === "WP2.7")).toMatchObject({ title: expect.any(String), fromStart: "2026-03-02", fromEnd: "2026-06-12", start: "2026-03-30", end: "2026-07-10" });
    expect(preview.achieved.map((a) => [a.euCode, a.code, a.achievedDate])).toEqual([
      ["M6C2-12", "WP2.M2", "2026-06-26"],
      ["M6C2-13", "WP7.M2", expect.any(String)],
    ]);
  });

  it("refuses to move items reported achieved without the explicit confirmation, naming them and writing nothing", () => {
    const wp26 = taskByCode("WP2.6");
    const before = auditTotal();
    let refused: unknown;
    try {
      rescheduleItem(manager, { key: `t${wp26.id}`, version: wp26.version, startDate: "2025-12-31", endDate: "2026-03-29", pushDependents: true });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    const message = (refused as ValidationError).issues[0].message;
    expect(message.key).toBe("gantt.validation.movesAchieved");
    expect(message.params).toMatchObject({ count: 2, list: expect.stringContaining("M6C2-12 (WP2.M2)") });
    expect(String(message.params?.list)).toContain("M6C2-13 (WP7.M2)");
    expect(auditTotal()).toBe(before);
    expect(taskByCode("WP2.6").startDate).toBe("2025-12-01");
  });

  it("refuses a move that breaks a link unless the manager accepted pushing, writing nothing", () => {
    const wp26 = taskByCode("WP2.6");
    const before = auditTotal();
    expect(() => rescheduleItem(manager, { key: `t${wp26.id}`, version: wp26.version, startDate: "2025-12-11", endDate: "2026-03-09", pushDependents: false })).toThrow(ValidationError);
    expect(auditTotal()).toBe(before);
    expect(taskByCode("WP2.6").startDate).toBe("2025-12-01");
  });

  it("saves the move and the pushed dependents in one audited change, then undoes it as a new change", () => {
    const wp26 = taskByCode("WP2.6");
    const wp27 = taskByCode("WP2.7");
    const m2 = milestoneByCode("WP2.M2");
    const wp2 = wpByCode("WP2");
    const before = auditTotal();
    const result = rescheduleItem(manager, { key: `t${wp26.id}`, version: wp26.version, startDate: "2025-12-31", endDate: "2026-03-29", pushDependents: true, confirmAchieved: true });
    expect(result.changeId).not.toBeNull();
    expect(taskByCode("WP2.6")).toMatchObject({ startDate: "2025-12-31", endDate: "2026-03-29", version: wp26.version + 1 });
    expect(taskByCode("WP2.7")).toMatchObject({ startDate: "2026-03-30", endDate: "2026-07-10" });
    expect(milestoneByCode("WP2.M2").dueDate).toBe("2026-07-10");
    expect(wpByCode("WP2").endDate).toBe("2026-07-10");
    const preview = result.preview;
    const writes = 1 + preview.shifts.length + preview.workPackages.filter((wp) => wp.widened).length;
    expect(writes).toBeGreaterThanOrEqual(5);
    expect(auditTotal()).toBe(before + writes);
    const [latest] = listAudit(manager, { entityType: "milestone", entityId: String(m2.id) }).entries;
    expect(latest.after).toEqual({ dueDate: "2026-07-10" });

    const chart = getGanttChart(manager, programmeId(), today);
    expect(chart.lastChange?.id).toBe(result.changeId);
    // Another user cannot undo it: it is not their last change.
    expect(() => undoLastChange(adminAsOtherManager, programmeId(), result.changeId!)).toThrow(ValidationError);

    const auditBeforeUndo = auditTotal();
    undoLastChange(manager, programmeId(), result.changeId!);
    expect(taskByCode("WP2.6")).toMatchObject({ startDate: wp26.startDate, endDate: wp26.endDate, version: wp26.version + 2 });
    expect(taskByCode("WP2.7")).toMatchObject({ startDate: wp27.startDate, endDate: wp27.endDate });
    expect(milestoneByCode("WP2.M2").dueDate).toBe(m2.dueDate);
    expect(wpByCode("WP2")).toMatchObject({ startDate: wp2.startDate, endDate: wp2.endDate });
    // One restoring update per row written, plus the record of the undo; nothing deleted.
    expect(auditTotal()).toBe(auditBeforeUndo + writes + 1);
    expect(getGanttChart(manager, programmeId(), today).lastChange).toBeNull();
    expect(() => undoLastChange(manager, programmeId(), result.changeId!)).toThrow(ValidationError);
  });

  it("refuses to undo when someone changed a row since, and leaves everything as it was", () => {
    const wp38 = taskByCode("WP3.8");
    const result = rescheduleItem(manager, { key: `t${wp38.id}`, version: wp38.version, startDate: wp38.startDate, endDate: wp38.endDate, progress: 95, pushDependents: false });
    const saved = taskByCode("WP3.8");
    expect(saved.progress).toBe(95);
    updateTask(adminAsOtherManager, { ...saved, progress: 90 });
    const before = auditTotal();
    expect(() => undoLastChange(manager, programmeId(), result.changeId!)).toThrow(ConflictError);
    expect(auditTotal()).toBe(before);
    expect(taskByCode("WP3.8").progress).toBe(90);
  });

  it("names who changed a widened work package when its undo is refused, and rolls the whole undo back", () => {
    const wp26 = taskByCode("WP2.6");
    const result = rescheduleItem(manager, { key: `t${wp26.id}`, version: wp26.version, startDate: "2025-12-31", endDate: "2026-03-29", pushDependents: true, confirmAchieved: true });
    const widened = wpByCode("WP2");
    expect(widened.endDate).toBe("2026-07-10");
    updateWorkPackage(adminAsOtherManager, { ...widened, description: `${widened.description} (rivisto)` });
    const before = auditTotal();
    let refused: unknown;
    try {
      undoLastChange(manager, programmeId(), result.changeId!);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ entityType: "work_package", entityId: widened.id, updatedByName: "Paolo Venturi" });
    // The items restored before the work package was reached are rolled back with it.
    expect(taskByCode("WP2.6").startDate).toBe("2025-12-31");
    expect(auditTotal()).toBe(before);
  });

  it("sets the task status with progress: 100% completes it, less reopens it", () => {
    const wp38 = taskByCode("WP3.8");
    rescheduleItem(manager, { key: `t${wp38.id}`, version: wp38.version, startDate: wp38.startDate, endDate: wp38.endDate, progress: 100, pushDependents: false });
    expect(taskByCode("WP3.8")).toMatchObject({ progress: 100, status: "completed" });
    const done = taskByCode("WP3.8");
    rescheduleItem(manager, { key: `t${done.id}`, version: done.version, startDate: done.startDate, endDate: done.endDate, progress: 60, pushDependents: false });
    expect(taskByCode("WP3.8")).toMatchObject({ progress: 60, status: "in_progress" });
  });

  it("refuses stale versions, bad dates and other roles", () => {
    const wp38 = taskByCode("WP3.8");
    expect(() =>
      rescheduleItem(manager, { key: `t${wp38.id}`, version: wp38.version - 1, startDate: wp38.startDate, endDate: "2026-12-31", pushDependents: true }),
    ).toThrow(ConflictError);
    expect(() => rescheduleItem(manager, { key: `t${wp38.id}`, version: wp38.version, startDate: "2026-02-30", endDate: "2026-03-01", pushDependents: true })).toThrow(ValidationError);
    expect(() => rescheduleItem(manager, { key: `t${wp38.id}`, version: wp38.version, startDate: "2026-03-01", endDate: "2026-02-01", pushDependents: true })).toThrow(ValidationError);
    const m = milestoneByCode("WP2.M1");
    expect(() => rescheduleItem(manager, { key: `m${m.id}`, version: m.version, startDate: "2025-06-01", endDate: "2025-06-02", pushDependents: true })).toThrow(ValidationError);
    expect(() => rescheduleItem(auditor, { key: `t${wp38.id}`, version: wp38.version, startDate: wp38.startDate, endDate: wp38.endDate, pushDependents: true })).toThrow(PermissionError);
    expect(() => previewReschedule(auditor, { key: `t${wp38.id}`, version: wp38.version, startDate: wp38.startDate, endDate: wp38.endDate, pushDependents: true })).toThrow(PermissionError);
  });

  it("moves a milestone by whole days across the October clock change", () => {
    const m = milestoneByCode("WP2.M1");
    // WP2.M1 is reported achieved: moving it takes the explicit confirmation.
    expect(() => rescheduleItem(manager, { key: `m${m.id}`, version: m.version, startDate: "2025-10-27", endDate: "2025-10-27", pushDependents: true })).toThrow(ValidationError);
    rescheduleItem(manager, { key: `m${m.id}`, version: m.version, startDate: "2025-10-27", endDate: "2025-10-27", pushDependents: true, confirmAchieved: true });
    expect(milestoneByCode("WP2.M1").dueDate).toBe("2025-10-27");
  });
});

describe("exports", () => {
  it("writes the plan as semicolon CSV with Italian dates and neutralised formulas", () => {
    const chart = getGanttChart(manager, programmeId(), today);
    chart.workPackages[0].rows[0] = { ...chart.workPackages[0].rows[0], title: '=HYPERLINK("x";"y")' };
    const csv = ganttCsv(chart, ["a", "b"], (state) => state, (kind) => kind);
    expect(csv.startsWith("\uFEFFa;b\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[1]).toMatch(/^WP1;workPackage;WP1;/);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"";""y"")"`);
    expect(lines[2]).toMatch(/;\d{2}\/\d{2}\/\d{4};/);
  });

  it("lists gates and milestones as calendar events", () => {
    const events = ganttCalendarEvents(manager, programmeId());
    expect(events.find((e) => e.uid.startsWith("gate-") && e.date === "2025-12-31")).toMatchObject({ end: "2026-01-01" });
    expect(events.filter((e) => e.uid.startsWith("milestone-")).length).toBe(plan().milestones.length);
  });
});
