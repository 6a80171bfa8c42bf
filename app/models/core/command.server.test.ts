import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { task } from "#db/schema";
import { useTestDatabase } from "#db/testing";
import { listAudit } from "~/models/audit/audit.server";
import type { Actor } from "./actor.server";
import { command, commandIn, entity, insertAudited, loadRow, loadVersioned, updateVersioned } from "./command.server";
import { getDb } from "./db.server";
import { ConflictError, NotFoundError, PermissionError } from "./errors.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const otherManager: Actor = { id: 1, name: "Paolo Venturi", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const tasks = entity("task", task, (row) => `${row.code} ${row.title}`);

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const auditTotal = () => listAudit(manager, {}).total;
const firstTask = () => getDb().select().from(task).orderBy(task.id).limit(1).get()!;
const taskById = (id: number) => getDb().select().from(task).where(eq(task.id, id)).get()!;
/** A new task's values copied from an existing one, under another code. */
function copyOf(row: typeof task.$inferSelect, code: string) {
  const { id: _id, version: _version, createdAt: _c, updatedAt: _u, updatedById: _by, ...values } = row;
  return { ...values, code };
}

describe("the write kernel", () => {
  it("refuses an actor without the permission before running anything, writing nothing", () => {
    const before = auditTotal();
    const current = firstTask();
    let ran = false;
    expect(() =>
      command(auditor, "update:plan", (tx) => {
        ran = true;
        return updateVersioned(tx, auditor, tasks, current, { title: "Mai scritto" });
      }),
    ).toThrow(PermissionError);
    expect(ran).toBe(false);
    expect(taskById(current.id).title).toBe(current.title);
    expect(auditTotal()).toBe(before);
  });

  it("checks the permission in composed commands too", () => {
    expect(() => command(manager, "update:plan", (tx) => commandIn(tx, auditor, "update:plan", () => "never"))).toThrow(PermissionError);
  });

  it("writes changed fields with version + 1 and one audit record holding before and after", () => {
    const current = firstTask();
    const before = auditTotal();
    const updated = command(manager, "update:plan", (tx) => updateVersioned(tx, manager, tasks, current, { title: `${current.title} (rivista)`, owner: current.owner }));
    expect(updated).toMatchObject({ version: current.version + 1, title: `${current.title} (rivista)`, updatedById: manager.id });
    expect(auditTotal()).toBe(before + 1);
    const [record] = listAudit(manager, { entityType: "task", entityId: String(current.id) }).entries;
    expect(record).toMatchObject({ action: "update", actorName: manager.name, entityLabel: `${current.code} ${current.title} (rivista)` });
    // Only what changed: the owner was sent unchanged and is not in the record.
    expect(record.before).toEqual({ title: current.title });
    expect(record.after).toEqual({ title: `${current.title} (rivista)` });
  });

  it("writes nothing and audits nothing when an update changes nothing", () => {
    const current = firstTask();
    const before = auditTotal();
    const result = command(manager, "update:plan", (tx) => updateVersioned(tx, manager, tasks, current, { title: current.title, progress: current.progress }));
    expect(result).toBe(current);
    expect(taskById(current.id).version).toBe(current.version);
    expect(auditTotal()).toBe(before);
  });

  it("answers a stale version with a conflict that names who changed the row and when", () => {
    const seen = firstTask();
    command(otherManager, "update:plan", (tx) => updateVersioned(tx, otherManager, tasks, seen, { owner: `${seen.owner} e altri` }));
    const changed = taskById(seen.id);
    let refused: unknown;
    try {
      command(manager, "update:plan", (tx) => loadVersioned(tx, tasks, seen.id, seen.version));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ entityType: "task", entityId: seen.id, updatedByName: "Paolo Venturi", updatedAt: changed.updatedAt });
    // updateVersioned with the stale row refuses the same way, before writing.
    expect(() => command(manager, "update:plan", (tx) => updateVersioned(tx, manager, tasks, seen, { title: "Sovrascritto" }))).toThrow(ConflictError);
    expect(taskById(seen.id).title).toBe(changed.title);
  });

  it("answers a missing row with NotFoundError", () => {
    expect(() => command(manager, "update:plan", (tx) => loadRow(tx, tasks, 999_999))).toThrow(NotFoundError);
    expect(() => command(manager, "update:plan", (tx) => loadVersioned(tx, tasks, 999_999, 1))).toThrow(NotFoundError);
  });

  it("rolls back every write and audit record of a command that throws", () => {
    const current = firstTask();
    const before = auditTotal();
    const taskCount = getDb().select().from(task).all().length;
    expect(() =>
      command(manager, "update:plan", (tx) => {
        updateVersioned(tx, manager, tasks, current, { title: "Annullato" });
        insertAudited(tx, manager, tasks, copyOf(current, `${current.code}-COPIA`));
        throw new Error("a later check failed");
      }),
    ).toThrow("a later check failed");
    expect(taskById(current.id)).toMatchObject({ title: current.title, version: current.version });
    expect(getDb().select().from(task).all().length).toBe(taskCount);
    expect(auditTotal()).toBe(before);
  });

  it("inserts a row with its stamps and a create record", () => {
    const template = firstTask();
    const before = auditTotal();
    const created = command(manager, "update:plan", (tx) =>
      insertAudited(tx, manager, tasks, copyOf(template, `${template.code}-NUOVA`), { extraAudit: { reason: "prova" } }),
    );
    expect(created).toMatchObject({ code: `${template.code}-NUOVA`, version: 1, updatedById: manager.id });
    expect(created.createdAt).toBe(created.updatedAt);
    const [record] = listAudit(manager, { entityType: "task", entityId: String(created.id) }).entries;
    expect(record).toMatchObject({ action: "create", entityLabel: `${template.code}-NUOVA ${template.title}` });
    expect(record.after).toMatchObject({ code: `${template.code}-NUOVA`, reason: "prova" });
    expect(auditTotal()).toBe(before + 1);
  });
});
