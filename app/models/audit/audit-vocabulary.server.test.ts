import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { listAuditActors, listAuditEntityTypes } from "./audit.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

/** An audit row appended by another process (another worker). */
function appendFromAnotherProcess(
  actorId: number,
  actorName: string,
  entityType: string
) {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("busy_timeout = 5000");
    db.prepare("insert into audit_log (at, actor_id, actor_name, actor_role, action, entity_type, prev_hash, hash) values (?, ?, ?, 'manager', 'update', ?, 'x', 'y')")
      .run(new Date().toISOString(), Number(process.argv[2]), process.argv[3], process.argv[4]); db.close();`;
  const result = spawnSync(
    process.execPath,
    ["-e", script, database.file, String(actorId), actorName, entityType],
    { encoding: "utf8" }
  );
  if (result.status !== 0) throw new Error(result.stderr);
}

describe("audit filters' actors and entity types", () => {
  it("match a scan of the whole log, and pick up rows another process appends", () => {
    const scan = () => {
      const client = getDb().$client;
      return {
        actors: client
          .prepare(
            "select distinct actor_id as actorId, actor_name as actorName from audit_log order by actor_name, actor_id"
          )
          .all(),
        types: client
          .prepare(
            "select distinct entity_type from audit_log order by entity_type"
          )
          .pluck()
          .all(),
      };
    };
    expect(listAuditActors(manager)).toEqual(scan().actors);
    expect(listAuditEntityTypes(manager)).toEqual(scan().types);

    appendFromAnotherProcess(77, "Aaron Altri", "zz_new_kind");
    expect(listAuditActors(manager)[0]).toEqual({
      actorId: 77,
      actorName: "Aaron Altri",
    });
    expect(listAuditEntityTypes(manager)).toContain("zz_new_kind");
    expect(listAuditActors(manager)).toEqual(scan().actors);
    expect(listAuditEntityTypes(manager)).toEqual(scan().types);
  });

  it("leave out what a rolled-back transaction wrote", () => {
    const client = getDb().$client;
    expect(() =>
      client.transaction(() => {
        client
          .prepare(
            "insert into audit_log (at, actor_id, actor_name, actor_role, action, entity_type, prev_hash, hash) values (?, 78, 'Rolled Back', 'manager', 'update', 'rolled_back', 'x', 'y')"
          )
          .run(new Date().toISOString());
        expect(listAuditEntityTypes(manager)).toContain("rolled_back");
        throw new Error("abandoned");
      })()
    ).toThrow("abandoned");
    expect(listAuditEntityTypes(manager)).not.toContain("rolled_back");
    expect(
      listAuditActors(manager).some((a) => a.actorName === "Rolled Back")
    ).toBe(false);
  });
});
