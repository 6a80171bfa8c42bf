import Database from "better-sqlite3";
import { tamperWith } from "#db/tamper";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "#db/backup";
import { useTestDatabase } from "#db/testing";
import { sha256Hex } from "~/domain/snapshots/snapshot-hash";
import type { Actor } from "~/models/core/actor.server";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { getDb } from "~/models/core/db.server";
import { PermissionError, ValidationError } from "~/models/core/errors.server";
import { getPlan, updateMilestone } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import {
  compareSnapshots,
  getPreviousSnapshot,
  getSnapshot,
  listSnapshots,
  monthEndLabel,
  schedulerActor,
  takeMonthEndSnapshot,
  takeSnapshot,
  verifyAllSnapshots,
} from "./snapshot.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };
const admin: Actor = { id: 1, name: "Paolo Venturi", role: "admin" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const auditCount = () => listAudit(manager, {}).total;
const milestoneByCode = (code: string) => getPlan(manager, getCurrentProgramme(manager).id).milestones.find((m) => m.code === code)!;

describe("snapshot model", () => {
  it("takes a snapshot: stored canonical text, its SHA-256, an audit record", () => {
    const before = auditCount();
    const taken = takeSnapshot(manager, { label: "  Validazione ottobre  ", asOf: "2025-10-31" });
    const { summary, content, verified } = getSnapshot(auditor, taken.id);
    expect(summary.label).toBe("Validazione ottobre");
    expect(summary.takenByName).toBe("Giulia Ferri");
    expect(verified).toBe(true);
    const raw = getDb().$client.prepare("select content, hash, size_bytes from snapshot where id = ?").get(taken.id) as { content: string; hash: string; size_bytes: number };
    expect(raw.hash).toBe(sha256Hex(raw.content));
    expect(raw.size_bytes).toBe(Buffer.byteLength(raw.content));
    expect(content.meta).toMatchObject({ asOf: "2025-10-31", kind: "manual", label: "Validazione ottobre", takenBy: "Giulia Ferri" });
    expect(content.plan.tasks.length).toBeGreaterThan(20);
    expect(content.gates.map((g) => g.code)).toEqual(["G1", "G2"]);
    expect(content.gates[0].daysRemaining).toBe(61);
    expect(content.plan.dependencies.length).toBeGreaterThan(0);
    expect(content.plan.dependencies[0].from).not.toMatch(/^[tm]\d+$/);
    expect(auditCount()).toBe(before + 1);
    const record = listAudit(auditor, { entityType: "snapshot" }).entries[0];
    expect(record).toMatchObject({ action: "create", entityId: String(taken.id), after: { hash: taken.hash, asOf: "2025-10-31" } });
    expect(verifyAuditChain().ok).toBe(true);
  });

  it("freezes finance aggregates exactly as of the date, plus training and indicators", () => {
    const taken = takeSnapshot(manager, { label: "Con la spesa", asOf: "2025-06-15" });
    const { content } = getSnapshot(auditor, taken.id);
    const sqlite = getDb().$client;
    const raw = sqlite
      .prepare(
        "select count(*) as n, coalesce(sum(case when kind = 'payment' then amount_cents end), 0) as paid, coalesce(sum(case when kind = 'commitment' then amount_cents end), 0) as committed from ledger_entry where entry_date <= ?",
      )
      .get("2025-06-15") as { n: number; paid: number; committed: number };
    expect(raw.n).toBeGreaterThan(0);
    expect(content.finance).not.toBeNull();
    expect(content.finance!.entryCount).toBe(raw.n);
    expect(content.finance!.totals.paidCents).toBe(raw.paid);
    expect(content.finance!.totals.committedCents).toBe(raw.committed);
    const budget = sqlite.prepare("select sum(amount_cents) as total from budget_line").get() as { total: number };
    expect(content.finance!.totals.budgetCents).toBe(budget.total);
    expect(content.finance!.byWorkPackage.reduce((sum, wp) => sum + wp.paidCents, 0)).toBe(raw.paid);
    expect(content.finance!.budgetLines.reduce((sum, line) => sum + line.paidCents, 0)).toBe(raw.paid);
    // Aggregates, not the ledger: the content holds no entry rows.
    expect(JSON.stringify(content)).not.toMatch(/documentNumber|supplier/);
    expect(content.training?.rows.at(-1)?.key).toBe("total");
    expect(content.indicators?.rows.length).toBeGreaterThan(0);
    expect(content.indicators?.rows[0].values).toHaveProperty("status");
  });

  it("refuses other roles and bad input, writing nothing", () => {
    const snapshots = listSnapshots(auditor).length;
    const audits = auditCount();
    for (const actor of [auditor, finance, admin]) expect(() => takeSnapshot(actor, { label: "x", asOf: "2025-11-14" })).toThrow(PermissionError);
    expect(() => takeSnapshot(manager, { label: "   ", asOf: "2025-11-14" })).toThrow(ValidationError);
    expect(() => takeSnapshot(manager, { label: "ok", asOf: "31/11/2025" })).toThrow(ValidationError);
    expect(listSnapshots(auditor).length).toBe(snapshots);
    expect(auditCount()).toBe(audits);
  });

  it("cannot be changed or deleted: the database triggers refuse", () => {
    const [latest] = listSnapshots(auditor);
    const sqlite = getDb().$client;
    expect(() => sqlite.prepare("update snapshot set label = 'riscritta' where id = ?").run(latest.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare("update snapshot set content = '{}', hash = ? where id = ?").run("0".repeat(64), latest.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare("delete from snapshot where id = ?").run(latest.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare("delete from snapshot").run()).toThrow(/immutable/);
    expect(getSnapshot(auditor, latest.id).summary.label).toBe(latest.label);
    expect(getSnapshot(auditor, latest.id).verified).toBe(true);
  });

  it("takes one month-end snapshot per month, whoever runs the command again", () => {
    const first = takeMonthEndSnapshot(schedulerActor, "2025-11-30");
    expect(first.created).toBe(true);
    expect(first.snapshot.label).toBe(monthEndLabel("2025-11-30"));
    expect(first.snapshot.label).toBe("Chiusura mensile novembre 2025");
    const again = takeMonthEndSnapshot(schedulerActor, "2025-11-30");
    expect(again).toMatchObject({ created: false, snapshot: { id: first.snapshot.id } });
    expect(listSnapshots(auditor).filter((s) => s.kind === "month_end")).toHaveLength(1);
    expect(() => takeMonthEndSnapshot(auditor, "2025-12-31")).toThrow(PermissionError);
  });

  it("compares a snapshot with now and with a later snapshot: the moved milestone and its days", () => {
    const older = takeSnapshot(manager, { label: "Prima dello slittamento", asOf: "2025-11-14" });
    const m = milestoneByCode("WP3.M2");
    updateMilestone(manager, { ...m, dueDate: "2026-06-26", achievedDate: m.achievedDate, euCode: m.euCode });
    const withNow = compareSnapshots(auditor, older.id, "now", "2025-11-14");
    expect(withNow.before.side).toMatchObject({ kind: "snapshot" });
    expect(withNow.after.side).toMatchObject({ kind: "live" });
    expect(withNow.diff.moved).toEqual([expect.objectContaining({ kind: "milestone", code: "WP3.M2", endBefore: "2026-06-19", endAfter: "2026-06-26", endDays: 7 })]);

    const newer = takeSnapshot(manager, { label: "Dopo lo slittamento", asOf: "2025-11-14" });
    // Asked the other way round, the older one is still "before".
    const between = compareSnapshots(auditor, newer.id, older.id, "2025-11-14");
    expect(between.before.content.meta.label).toBe("Prima dello slittamento");
    expect(between.diff.moved.map((x) => [x.code, x.endDays])).toEqual([["WP3.M2", 7]]);
    expect(getPreviousSnapshot(auditor, newer.id)?.summary.id).toBe(older.id);
    // The older snapshot still shows the old date: it is frozen.
    expect(getSnapshot(auditor, older.id).content.plan.milestones.find((x) => x.code === "WP3.M2")?.dueDate).toBe("2026-06-19");
  });

  it("survives an online backup and restore with every hash identical", async () => {
    const source = getDb();
    const before = verifyAllSnapshots(source);
    expect(before.checked).toBeGreaterThanOrEqual(4);
    const dir = path.dirname(database.file);
    const backupFile = path.join(dir, "backups", "round-trip.db");
    // The app's connection stays open and writes go on meanwhile: an online backup.
    const pending = backupDatabase(database.file, backupFile);
    takeSnapshot(manager, { label: "Durante il backup", asOf: "2025-11-15" });
    await pending;
    const restoredFile = path.join(dir, "restored", "traguardi.db");
    restoreDatabase(backupFile, restoredFile);
    const restored = new Database(restoredFile, { readonly: true });
    try {
      const rows = restored.prepare("select id, content, hash from snapshot order by id").all() as { id: number; content: string; hash: string }[];
      const originalIds = new Set(before.hashes.map((h) => h.id));
      const common = rows.filter((row) => originalIds.has(row.id));
      expect(common.map((row) => ({ id: row.id, hash: row.hash }))).toEqual(before.hashes);
      for (const row of rows) expect(sha256Hex(row.content)).toBe(row.hash);
      expect(fs.existsSync(`${restoredFile}-wal`)).toBe(false);
    } finally {
      restored.close();
    }
  });

  it("audit chain verification finds a row altered directly in SQLite", () => {
    expect(verifyAuditChain().ok).toBe(true);
    const sqlite = getDb().$client;
    const target = sqlite.prepare("select id from audit_log where entity_type = 'snapshot' order by id limit 1").get() as { id: number };
    tamperWith(sqlite, "audit_log", () => sqlite.prepare("update audit_log set entity_label = 'Etichetta riscritta' where id = ?").run(target.id));
    const report = verifyAuditChain();
    expect(report).toMatchObject({ ok: false, firstBrokenId: target.id, reason: "hash" });
  });
});
