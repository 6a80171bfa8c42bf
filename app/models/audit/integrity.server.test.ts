import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tamperWith } from "#db/tamper";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { auditHead, parseAnchor, verifyAuditChain } from "~/models/audit/audit.server";
import { getDb } from "~/models/core/db.server";
import { takeSnapshot, verifyAuditTrail } from "~/models/snapshots/snapshot.server";
import { createHash } from "node:crypto";
import { canonicalJson } from "~/domain/core/canonical";

/**
 * Issue 11, the audit chain anchored: each attack the security review made, as someone who can
 * write the database file (they drop the triggers first), and what catches it.
 */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

type Row = Record<string, unknown> & { id: number; hash: string; prev_hash: string };
const columns = ["at", "actorId", "actorName", "actorRole", "action", "entityType", "entityId", "entityLabel", "beforeJson", "afterJson", "prevHash"] as const;
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function rehash(row: Row, prev: string) {
  const record = Object.fromEntries(columns.map((key) => [key, key === "prevHash" ? prev : row[snake(key)]]));
  return createHash("sha256").update(canonicalJson(record)).digest("hex");
}

function withCopy<T>(work: (raw: Database.Database) => T): T {
  // Each attack runs on its own copy of the database, so they do not add up.
  const raw = new Database(database.file);
  raw.exec("begin");
  try {
    return work(raw);
  } finally {
    raw.exec("rollback");
    raw.close();
  }
}

describe("append-only in the database itself", () => {
  it("refuses UPDATE and DELETE on audit_log and indicator_measurement, and stray writes to ledger_month", () => {
    const raw = new Database(database.file);
    try {
      expect(() => raw.prepare("update audit_log set actor_name = 'x' where id = 1").run()).toThrow(/append-only/);
      expect(() => raw.prepare("delete from audit_log where id = (select max(id) from audit_log)").run()).toThrow(/append-only/);
      expect((raw.prepare("select count(*) as n from indicator_measurement").get() as { n: number }).n).toBeGreaterThan(0);
      expect(() => raw.prepare("delete from indicator_measurement").run()).toThrow(/append-only/);
      expect(() => raw.prepare("update ledger_month set amount_cents = amount_cents + 100").run()).toThrow(/maintained by the ledger/);
      const some = raw.prepare("select budget_line_id as line from ledger_month limit 1").get() as { line: number };
      expect(() => raw.prepare("insert into ledger_month values (?, 'payment', '2099-01', 500, 1)").run(some.line)).toThrow(/maintained by the ledger/);
      expect(() => raw.prepare("delete from ledger_month").run()).toThrow(/maintained by the ledger/);
      // The ledger's own trigger still keeps the totals: a new entry moves its month by its amount.
      const before = raw.prepare("select coalesce(sum(amount_cents), 0) as c from ledger_month where budget_line_id = ? and kind = 'payment' and month = '2025-03'").get(some.line) as { c: number };
      raw
        .prepare("insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, document_number, fingerprint, created_at) values (?, 'payment', '2025-03-10', 1234, 'Test', 'T-1', 'fp-integrity', '2025-03-10T00:00:00Z')")
        .run(some.line);
      const after = raw.prepare("select amount_cents as c from ledger_month where budget_line_id = ? and kind = 'payment' and month = '2025-03'").get(some.line) as { c: number };
      expect(after.c).toBe(before.c + 1234);
    } finally {
      raw.close();
    }
    expect(verifyAuditTrail(auditor).ledgerMonths.differences).toEqual([]);
  });

  it("refuses values outside the domain bounds whatever the code does", () => {
    const raw = new Database(database.file);
    try {
      expect(() => raw.prepare("update training_wave set end_date = '9999-12-31' where id = 1").run()).toThrow(/bounds: training_wave/);
      expect(() => raw.prepare("update task set start_date = '1999-12-31' where id = 1").run()).toThrow(/bounds: task/);
      expect(() =>
        raw
          .prepare("insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, document_number, fingerprint, created_at) values (1, 'payment', '2025-03-10', 9007199254740991, 'x', 'y', 'fp-max', 'now')")
          .run(),
      ).toThrow(/bounds: ledger_entry/);
      // The bounds themselves are allowed.
      raw.exec("begin");
      raw.prepare("update task set start_date = '2000-01-01', end_date = '2100-12-31' where id = 1").run();
      raw.exec("rollback");
    } finally {
      raw.close();
    }
  });
});

describe("the audit chain anchored", () => {
  it("a snapshot freezes the chain head in its hashed content", () => {
    const head = auditHead()!;
    const taken = takeSnapshot(manager, { label: "Ancoraggio", asOf: "2025-11-14" });
    const stored = getDb().$client.prepare("select content from snapshot where id = ?").get(taken.id) as { content: string };
    expect(JSON.parse(stored.content).meta.auditHead).toEqual({ id: head.id, hash: head.hash });
    const report = verifyAuditTrail(auditor);
    expect(report.ok).toBe(true);
    expect(report.anchors.checked).toBeGreaterThanOrEqual(1);
  });

  it("deleting the last records is caught against the snapshot's anchor and the auditor's", () => {
    const held = auditHead()!; // what an auditor copied from an evidence pack
    const anchored = JSON.parse((getDb().$client.prepare("select content from snapshot order by id desc limit 1").get() as { content: string }).content).meta.auditHead;
    withCopy((raw) => {
      tamperWith(raw, "audit_log", () => raw.prepare("delete from audit_log where id >= ?").run(anchored.id));
      // The chain itself still verifies: what is left is a valid prefix.
      const chainAlone = verifyAuditChain(drizzleOf(raw));
      expect(chainAlone.ok).toBe(true);
      const report = verifyAuditTrail(null, [parseAnchor(`${held.id}:${held.hash}`)!], drizzleOf(raw));
      expect(report.ok).toBe(false);
      expect(report.anchors.problems.map((p) => [p.anchor.source, p.problem])).toEqual([
        ["snapshot", "missing"],
        ["external", "missing"],
      ]);
    });
  });

  it("editing a record and re-hashing everything after it is caught at the anchored record", () => {
    const anchored = JSON.parse((getDb().$client.prepare("select content from snapshot order by id desc limit 1").get() as { content: string }).content).meta.auditHead;
    withCopy((raw) => {
      tamperWith(raw, "audit_log", () => {
        const rows = raw.prepare("select * from audit_log order by id").all() as Row[];
        let prev = "0".repeat(64);
        for (const row of rows) {
          if (row.id === 3) row.actor_name = "Qualcun altro";
          const hash = rehash(row, prev);
          raw.prepare("update audit_log set actor_name = ?, prev_hash = ?, hash = ? where id = ?").run(row.actor_name, prev, hash, row.id);
          prev = hash;
        }
      });
      const db = drizzleOf(raw);
      expect(verifyAuditChain(db).ok).toBe(true); // the chain alone is fooled
      const report = verifyAuditTrail(null, [], db);
      expect(report.ok).toBe(false);
      expect(report.anchors.problems).toEqual([expect.objectContaining({ anchor: expect.objectContaining({ source: "snapshot", id: anchored.id }), problem: "changed" })]);
    });
  });

  it("a forged record appended after the last anchor is caught only against a later anchor the auditor holds", () => {
    const held = auditHead()!;
    withCopy((raw) => {
      tamperWith(raw, "audit_log", () => {
        const last = raw.prepare("select * from audit_log order by id desc limit 1").get() as Row;
        // Forge: remove the real last record and append a different one in its place, correctly chained.
        raw.prepare("delete from audit_log where id = ?").run(last.id);
        const forged = { ...last, entity_label: "Falso" } as Row;
        raw.prepare("insert into audit_log (id, at, actor_id, actor_name, actor_role, action, entity_type, entity_id, entity_label, before_json, after_json, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?)").run(
          last.id, forged.at, forged.actor_id, forged.actor_name, forged.actor_role, forged.action, forged.entity_type, forged.entity_id, forged.entity_label, forged.before_json, forged.after_json, last.prev_hash, rehash(forged, last.prev_hash),
        );
      });
      const db = drizzleOf(raw);
      // Against what the database holds, nothing is wrong: the forged record is after every snapshot's anchor.
      expect(verifyAuditTrail(null, [], db).ok).toBe(true);
      // Against the head the auditor took away, it is.
      const report = verifyAuditTrail(null, [parseAnchor(`${held.id}:${held.hash}`)!], db);
      expect(report.anchors.problems).toEqual([expect.objectContaining({ problem: "changed" })]);
    });
  });

  it("UPDATE ledger_month with the trigger dropped is reported by the recomputation", () => {
    withCopy((raw) => {
      tamperWith(raw, "ledger_month", () => raw.prepare("update ledger_month set amount_cents = amount_cents + 100000 where rowid = (select min(rowid) from ledger_month)").run());
      const report = verifyAuditTrail(null, [], drizzleOf(raw));
      expect(report.ok).toBe(false);
      expect(report.ledgerMonths.differences).toHaveLength(1);
      const [difference] = report.ledgerMonths.differences;
      expect(difference.storedCents! - difference.entriesCents!).toBe(100000);
    });
  });
});

import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "#db/schema";
function drizzleOf(raw: Database.Database) {
  return drizzle(raw, { schema, casing: "snake_case" }) as unknown as ReturnType<typeof getDb>;
}
