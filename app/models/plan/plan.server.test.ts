import Database from "better-sqlite3";
import { tamperWith } from "#db/tamper";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { ConflictError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { createDependency, createMilestone, deleteTask, deleteWorkPackage, getPlan, updateTask, updateWorkPackage } from "./plan.server";
import { getCurrentProgramme } from "./programme.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { manager, finance, auditor } = demoActors;
const otherManager: Actor = { id: 2, name: "Giulia Ferri (altra scheda)", role: "manager" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

function plan() {
  return getPlan(manager, getCurrentProgramme(manager).id);
}
function taskByCode(code: string) {
  return plan().tasks.find((t) => t.code === code)!;
}
function auditCount() {
  return listAudit(manager, {}).total;
}

describe("plan model", () => {
  it("updates a task, bumps its version and audits the changed fields only", () => {
    const before = taskByCode("WP3.8");
    const updated = updateTask(manager, { ...before, progress: 85, status: "in_progress" });
    expect(updated.version).toBe(before.version + 1);
    const [entry] = listAudit(manager, { entityType: "task", entityId: String(before.id) }).entries;
    expect(entry.action).toBe("update");
    expect(entry.actorName).toBe("Giulia Ferri");
    expect(entry.before).toEqual({ progress: 80 });
    expect(entry.after).toEqual({ progress: 85 });
  });

  it("refuses a stale version with who changed the row, and writes nothing", () => {
    const seen = taskByCode("WP2.7");
    updateTask(manager, { ...seen, progress: 75 });
    const count = auditCount();
    let error: unknown;
    try {
      updateTask(otherManager, { ...seen, progress: 90 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).updatedByName).toBe("Giulia Ferri");
    expect(taskByCode("WP2.7").progress).toBe(75);
    expect(auditCount()).toBe(count);
  });

  it("rejects an end before the start, progress outside 0–100 and an unknown work package", () => {
    const task = taskByCode("WP7.7");
    expect(issuesOf(() => updateTask(manager, { ...task, endDate: "2026-01-01" }))).toEqual(["endDate:validation.endBeforeStart"]);
    expect(issuesOf(() => updateTask(manager, { ...task, progress: 101 }))).toEqual(["progress:validation.progressRange"]);
    expect(issuesOf(() => updateTask(manager, { ...task, progress: -1 }))).toEqual(["progress:validation.progressRange"]);
    expect(issuesOf(() => updateTask(manager, { ...task, workPackageId: 9999 }))).toEqual(["workPackageId:validation.unknownId"]);
    expect(taskByCode("WP7.7")).toEqual(task);
  });

  it("rejects a milestone outside its work package's dates", () => {
    const wp = plan().workPackages.find((w) => w.code === "WP4")!;
    expect(
      issuesOf(() =>
        createMilestone(manager, { workPackageId: wp.id, code: "WP4.M9", title: "Fuori periodo", dueDate: "2026-03-01", gateId: wp.gateId }),
      ),
    ).toEqual(["dueDate:validation.milestoneOutsideWp"]);
  });

  it("rejects shrinking a work package so that a milestone falls outside it", () => {
    const wp = plan().workPackages.find((w) => w.code === "WP4")!;
    expect(issuesOf(() => updateWorkPackage(manager, { ...wp, endDate: "2025-12-01" }))).toEqual(["endDate:validation.wpRange"]);
  });

  it("rejects a dependency that would close a cycle, naming the path", () => {
    const a = taskByCode("WP1.1");
    const c = taskByCode("WP1.3");
    let error: ValidationError | undefined;
    try {
      createDependency(manager, { predecessor: `t${c.id}`, successor: `t${a.id}` });
    } catch (caught) {
      error = caught as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues[0].message.key).toBe("validation.cycle");
    expect(error!.issues[0].message.params!.path).toBe("WP1.1 → WP1.2 → WP1.3 → WP1.1");
  });

  it("rejects a duplicate and an unknown dependency end", () => {
    const a = taskByCode("WP1.1");
    const b = taskByCode("WP1.2");
    expect(issuesOf(() => createDependency(manager, { predecessor: `t${a.id}`, successor: `t${b.id}` }))).toEqual([
      "successor:validation.duplicateDependency",
    ]);
    expect(issuesOf(() => createDependency(manager, { predecessor: "t99999", successor: `t${b.id}` }))).toEqual([
      "predecessor:validation.unknownId",
    ]);
  });

  it("lets only managers change the plan", () => {
    const task = taskByCode("WP6.5");
    expect(() => updateTask(auditor, { ...task, progress: 10, status: "in_progress" })).toThrow(PermissionError);
    expect(() => updateTask(finance, { ...task, progress: 10, status: "in_progress" })).toThrow(PermissionError);
    expect(() => deleteTask(auditor, task.id, task.version)).toThrow(PermissionError);
    expect(taskByCode("WP6.5")).toEqual(task);
  });

  it("deletes a task with its links and audits what went with it", () => {
    const task = taskByCode("WP6.5");
    deleteTask(manager, task.id, task.version);
    expect(plan().tasks.find((t) => t.code === "WP6.5")).toBeUndefined();
    expect(plan().dependencies.some((d) => d.predecessorKey === `t${task.id}` || d.successorKey === `t${task.id}`)).toBe(false);
    const [entry] = listAudit(manager, { entityType: "task", entityId: String(task.id) }).entries;
    expect(entry.action).toBe("delete");
    expect(entry.before!.deletedDependencies).toEqual(["WP6.4 → WP6.5"]);
  });
});

describe("audit chain", () => {
  it("verifies, then catches a row altered directly in SQLite", () => {
    expect(verifyAuditChain()).toMatchObject({ ok: true });
    const raw = new Database(database.file);
    const target = raw.prepare("select id from audit_log order by id limit 1 offset 1").get() as { id: number };
    tamperWith(raw, "audit_log", () => raw.prepare("update audit_log set actor_name = 'Qualcun altro' where id = ?").run(target.id));
    raw.close();
    expect(verifyAuditChain()).toMatchObject({ ok: false, firstBrokenId: target.id, reason: "hash" });
  });
});

describe("deleting a work package", () => {
  it("with budget lines or training waves is refused with why (400), not a foreign-key failure", () => {
    const raw = new Database(database.file);
    const used = raw
      .prepare("select w.id, w.code, w.version, (select count(*) from budget_line b where b.work_package_id = w.id) as lines, (select count(*) from training_wave t where t.work_package_id = w.id) as waves from work_package w where exists (select 1 from budget_line b where b.work_package_id = w.id) limit 1")
      .get() as { id: number; code: string; version: number; lines: number; waves: number };
    raw.close();
    const before = listAudit(manager, {}).total;
    let error: unknown;
    try {
      deleteWorkPackage(manager, used.id, used.version);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0].message).toEqual({ key: "bounds.workPackageInUse", params: { code: used.code, lines: used.lines, waves: used.waves } });
    expect(getPlan(manager, getCurrentProgramme(manager).id).workPackages.some((wp) => wp.id === used.id)).toBe(true);
    expect(listAudit(manager, {}).total).toBe(before);
  });
});
