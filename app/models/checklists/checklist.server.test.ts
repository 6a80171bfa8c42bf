import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { getDb } from "~/models/core/db.server";
import { ConflictError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { completeChecklist, createChecklist, getChecklist, listUnverifiedChecklists, reviewChecklist, RuleForbiddenError, saveAnswers } from "./checklist.server";
import { getTemplate, listTemplates, reviseTemplate } from "./template.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { admin, manager, finance, auditor } = demoActors;

beforeAll(async () => {
  database = await useTestDatabase();
}, 60_000);
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(auditor).id;

describe("checklist templates", () => {
  it("ships the five RGS templates, each with questions", () => {
    const templates = listTemplates(auditor);
    expect(templates.map((t) => `${t.code}:${t.subjectType}`)).toEqual([
      "procedure_regularity:procedure",
      "dnsh:cup",
      "beneficial_owner:supplier",
      "conflict_of_interest:procedure",
      "double_funding:cup",
    ]);
    for (const t of templates) expect(t.itemCount, t.code).toBeGreaterThanOrEqual(7);
  });

  it("refuses UPDATE of a template version in the database itself", () => {
    expect(() => getDb().$client.prepare("update checklist_template set title = 'x'").run()).toThrow(/versioned/);
  });
});

describe("a checklist's life", () => {
  it("runs draft → completed → rejected → completed again → verified, with four eyes and the history kept", () => {
    expect(() => createChecklist(auditor, programmeId(), { templateCode: "conflict_of_interest", subjectKey: "A23C0E4F77" })).toThrow(PermissionError);
    expect(issuesOf(() => createChecklist(finance, programmeId(), { templateCode: "conflict_of_interest", subjectKey: "SHORT" }))).toEqual(["subjectKey:checklist.error.subjectKey.procedure"]);
    let row = createChecklist(finance, programmeId(), { templateCode: "conflict_of_interest", subjectKey: " a23c0e4f77 ", subjectLabel: "Sistemi Ospedalieri ER" });
    expect(row).toMatchObject({ state: "draft", subjectKey: "A23C0E4F77", subjectType: "procedure" });
    expect(issuesOf(() => createChecklist(manager, programmeId(), { templateCode: "conflict_of_interest", subjectKey: "A23C0E4F77" }))).toEqual(["subjectKey:checklist.error.duplicate"]);

    const items = getChecklist(finance, row.id).items;
    expect(items).toHaveLength(7);
    // Completing with a missing answer and an unexplained "no" names both items.
    const partial = items.map((item, index) => ({ itemId: item.id, answer: index === 1 ? null : index === 2 ? ("no" as const) : ("yes" as const), note: "", documentIds: index === 0 ? [12, 7, 12] : [] }));
    expect(issuesOf(() => completeChecklist(finance, { id: row.id, version: row.version, answers: partial }))).toEqual([
      `answer-${items[1].id}:checklist.error.unanswered`,
      `note-${items[2].id}:checklist.error.noteForNo`,
    ]);
    row = saveAnswers(finance, { id: row.id, version: row.version, answers: partial }).checklist;
    expect(getChecklist(auditor, row.id).items[0].documentIds).toEqual([7, 12]);
    // The link is a real foreign key: an id that is no document is refused with the item's field, not a 500.
    const unknown = partial.map((a, index) => (index === 0 ? { ...a, documentIds: [7, 999_999] } : a));
    expect(issuesOf(() => saveAnswers(finance, { id: row.id, version: row.version, answers: unknown }))).toEqual([`documents-${items[0].id}:checklist.error.documentUnknown`]);
    expect(() => saveAnswers(finance, { id: row.id, version: row.version - 1, answers: partial })).toThrow(ConflictError);

    const full = partial.map((a, index) => ({ ...a, answer: a.answer ?? ("na" as const), note: index === 2 ? "Il commissario ha dichiarato un rapporto pregresso e si è astenuto." : "" }));
    row = completeChecklist(finance, { id: row.id, version: row.version, answers: full });
    expect(row).toMatchObject({ state: "completed", round: 1, completedById: finance.id });
    expect(issuesOf(() => saveAnswers(finance, { id: row.id, version: row.version, answers: full }))).toEqual(["null:checklist.error.notEditable"]);

    // Four eyes: the one who completed it may not review it, whatever the role allows.
    expect(() => reviewChecklist(finance, { id: row.id, version: row.version, outcome: "verified", note: "", flaggedItemIds: [] })).toThrow(RuleForbiddenError);
    expect(() => reviewChecklist(auditor, { id: row.id, version: row.version, outcome: "verified", note: "", flaggedItemIds: [] })).toThrow(PermissionError);
    expect(issuesOf(() => reviewChecklist(manager, { id: row.id, version: row.version, outcome: "rejected", note: " ", flaggedItemIds: [] }))).toEqual(["note:checklist.error.rejectNote"]);
    row = reviewChecklist(manager, { id: row.id, version: row.version, outcome: "rejected", note: "Allegare la DSAN del commissario.", flaggedItemIds: [items[1].id] });
    expect(row).toMatchObject({ state: "rejected", reviewedById: manager.id });
    expect(getChecklist(auditor, row.id).items.filter((i) => i.needsFix).map((i) => i.position)).toEqual([2]);

    // The manager who rejected it fixes and completes it; finance, who completed round 1, verifies round 2.
    row = completeChecklist(manager, { id: row.id, version: row.version, answers: full.map((a, i) => (i === 1 ? { ...a, answer: "yes", note: "DSAN del 04/11/2025" } : a)) });
    expect(row).toMatchObject({ state: "completed", round: 2, completedById: manager.id, reviewedById: null });
    expect(() => reviewChecklist(manager, { id: row.id, version: row.version, outcome: "verified", note: "", flaggedItemIds: [] })).toThrow(RuleForbiddenError);
    row = reviewChecklist(finance, { id: row.id, version: row.version, outcome: "verified", note: "", flaggedItemIds: [] });
    expect(row.state).toBe("verified");

    const detail = getChecklist(auditor, row.id);
    expect(detail.items.some((i) => i.needsFix)).toBe(false);
    expect(detail.events.map((e) => `${e.kind}:${e.round}:${e.byName}`)).toEqual([
      "verified:2:Marco Bassi",
      "completed:2:Giulia Ferri",
      "rejected:1:Giulia Ferri",
      "completed:1:Marco Bassi",
      "created:0:Marco Bassi",
    ]);
    // Each completion froze its own answers.
    expect(detail.events.find((e) => e.kind === "completed" && e.round === 1)!.detail.answers![1]).toMatchObject({ answer: "na" });
    expect(detail.events.find((e) => e.kind === "completed" && e.round === 2)!.detail.answers![1]).toMatchObject({ answer: "yes", note: "DSAN del 04/11/2025" });
    expect(listUnverifiedChecklists(getDb(), programmeId()).some((c) => c.id === row.id)).toBe(false);

    const audit = listAudit(auditor, { entityType: "checklist" }).entries.filter((r) => String(r.entityId) === String(row.id));
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(verifyAuditChain(getDb()).ok).toBe(true);
  });
});

describe("template versions", () => {
  it("adds a version on edit; a started checklist keeps the version it began with", () => {
    const before = getTemplate(auditor, "double_funding");
    const started = createChecklist(finance, programmeId(), { templateCode: "double_funding", subjectKey: "E39J22001830007" });
    expect(() => reviseTemplate(manager, { code: "double_funding", basedOnVersion: before.template.version, title: "x", titleEn: "x", reference: "x", changeNote: "", items: [] })).toThrow(PermissionError);
    const items = [...before.items.map((i) => ({ section: i.section, question: i.question, guidance: i.guidance })), { section: "Cumulo", question: "È stato verificato il cumulo con i crediti d'imposta?", guidance: "" }];
    const { template } = reviseTemplate(admin, { code: "double_funding", basedOnVersion: before.template.version, title: before.template.title, titleEn: before.template.titleEn, reference: before.template.reference, changeNote: "Aggiunta verifica crediti d'imposta", items });
    expect(template.version).toBe(before.template.version + 1);
    expect(() => reviseTemplate(admin, { code: "double_funding", basedOnVersion: before.template.version, title: "x", titleEn: "x", reference: "x", changeNote: "", items })).toThrow(ConflictError);
    const old = getChecklist(auditor, started.id);
    expect(old.items).toHaveLength(before.items.length);
    expect(old.newerTemplateVersion).toBe(template.version);
    const fresh = createChecklist(finance, programmeId(), { templateCode: "double_funding", subjectKey: "E39J22001830008" });
    expect(getChecklist(auditor, fresh.id).items).toHaveLength(before.items.length + 1);
  });
});
