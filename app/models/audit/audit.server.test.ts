import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { appendAudit, listAudit, listAuditBudgetLines, listAuditForExport } from "./audit.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

describe("audit log filters (issue 10)", () => {
  it("leaves sign-ins out unless asked, narrows to one budget line, and names what ids point to", () => {
    const [first, second] = listAuditBudgetLines(auditor);
    const db = getDb();
    appendAudit(db, finance, { action: "login", entityType: "session", entityLabel: "Marco Bassi" });
    appendAudit(db, finance, { action: "create", entityType: "ledger_entry", entityId: 9001, entityLabel: "A", after: { budgetLineId: first.id, amountCents: 100, kind: "payment", createdById: 3 } });
    appendAudit(db, finance, { action: "create", entityType: "ledger_entry", entityId: 9002, entityLabel: "B", after: { budgetLineId: second.id, amountCents: 200, kind: "commitment", createdById: 3 } });

    const all = listAudit(auditor, {});
    expect(all.entries.some((e) => e.action === "login")).toBe(false);
    expect(listAudit(auditor, { includeSessions: true }).entries.some((e) => e.action === "login")).toBe(true);

    const one = listAudit(auditor, { budgetLineId: first.id });
    expect(one.entries.map((e) => e.entityLabel)).toContain("A");
    expect(one.entries.map((e) => e.entityLabel)).not.toContain("B");
    expect(one.references.budgetLineId[String(first.id)]).toBe(`${first.code} ${first.title}`);
    expect(one.references.createdById["3"]).toBe("Marco Bassi");

    const exported = listAuditForExport(auditor, { budgetLineId: second.id });
    expect(exported.entries.map((e) => e.entityLabel)).toEqual(expect.arrayContaining(["B"]));
    expect(exported.entries.map((e) => e.entityLabel)).not.toContain("A");
  });
});
