/**
 * Documents: uploads checked by content, stored by hash, attached to one thing (ledger entry,
 * procedure, milestone, work package, indicator measurement, evidence item), never deleted.
 * Replacing a document adds a new version that names the one it replaces.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { document, documentVerification } from "#db/schema";
import { cleanFileName, documentTargets, rolesByTarget, sniffDocument, type DocumentKind, type DocumentRole, type DocumentTarget } from "~/domain/procurement/documents";
import { parseFatturaPA, type FatturaPA } from "~/domain/procurement/fatturapa";
import { openSignedEnvelope } from "~/domain/procurement/p7m";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { milestoneEvidenceItems } from "~/models/procurement/evidence-items.server";
import { documentMaxBytes, getDocumentStore } from "./store.server";
import { formatBytes } from "~/domain/procurement/documents";

export type DocumentRow = typeof document.$inferSelect;

const targetColumn = {
  ledgerEntry: "ledgerEntryId",
  procedure: "procedureId",
  milestone: "milestoneId",
  workPackage: "workPackageId",
  indicatorMeasurement: "indicatorMeasurementId",
} as const satisfies Record<DocumentTarget, keyof DocumentRow>;

// The programme each kind of target belongs to, so a document can't be hung on another programme's row.
const programmeOfTarget: Record<DocumentTarget, string> = {
  ledgerEntry: "select b.programme_id as programmeId from ledger_entry e join budget_line b on b.id = e.budget_line_id where e.id = ?",
  procedure: "select programme_id as programmeId from procurement_procedure where id = ?",
  milestone: "select w.programme_id as programmeId from milestone m join work_package w on w.id = m.work_package_id where m.id = ?",
  workPackage: "select programme_id as programmeId from work_package where id = ?",
  indicatorMeasurement: "select i.programme_id as programmeId from indicator_measurement m join indicator i on i.id = m.indicator_id where m.id = ?",
};

export function isDocumentTarget(value: string): value is DocumentTarget {
  return (documentTargets as readonly string[]).includes(value);
}

/** What an invoice says, read from a FatturaPA XML or the XML inside a signed .p7m. */
export function readInvoice(kind: DocumentKind, bytes: Uint8Array): { invoice: FatturaPA | null; problem: { key: string; detail?: string } | null } {
  let xml: Buffer | null = null;
  if (kind === "fatturapa") xml = Buffer.from(bytes);
  else if (kind === "p7m") {
    const envelope = openSignedEnvelope(bytes);
    if (!envelope.ok) return { invoice: null, problem: { key: `documents.error.p7m.${envelope.problem}` } };
    const inner = sniffDocument(envelope.content);
    if (!inner.ok || inner.kind !== "fatturapa") return { invoice: null, problem: null };
    xml = envelope.content;
  }
  if (!xml) return { invoice: null, problem: null };
  const parsed = parseFatturaPA(xml.toString("utf8"));
  if (!parsed.ok) return { invoice: null, problem: { key: `documents.error.fatturapa.${parsed.problem}`, detail: parsed.detail } };
  return { invoice: parsed.invoice, problem: null };
}

export interface UploadInput {
  target: DocumentTarget;
  targetId: number;
  role: DocumentRole;
  fileName: string;
  bytes: Uint8Array;
  replacesDocumentId?: number | null;
  note?: string;
  /** For a milestone's evidence: which of its EU milestone/target's evidence items this satisfies. */
  evidenceKey?: string | null;
}

/**
 * Stores an upload. Refusals (too big, wrong type, broken invoice or envelope, wrong target) are
 * decided before a single byte is written, so a refused file leaves nothing behind.
 */
export function uploadDocument(actor: Actor, programmeId: number, input: UploadInput) {
  return command(actor, "upload:documents", (tx, audit) => {
    if (!isDocumentTarget(input.target)) throw ValidationError.field("target", "documents.error.target");
    const max = documentMaxBytes();
    if (input.bytes.length > max) throw ValidationError.field("file", "documents.error.tooLarge", { size: formatBytes(input.bytes.length), max: formatBytes(max) });
    const sniffed = sniffDocument(input.bytes);
    if (!sniffed.ok) throw ValidationError.field("file", `documents.error.type.${sniffed.problem}`);
    if (!rolesByTarget[input.target].includes(input.role)) throw ValidationError.field("role", "documents.error.role");
    const owner = getDb().$client.prepare(programmeOfTarget[input.target]).get(input.targetId) as { programmeId: number } | undefined;
    if (!owner || owner.programmeId !== programmeId) throw new NotFoundError(input.target, input.targetId);
    const evidenceKey = input.evidenceKey?.trim() || null;
    if (evidenceKey && (input.target !== "milestone" || !milestoneEvidenceItems(tx, input.targetId).some((item) => item.key === evidenceKey)))
      throw ValidationError.field("evidenceKey", "documents.error.evidenceKey", { key: evidenceKey });
    const invoice = readInvoice(sniffed.kind, input.bytes);
    if (invoice.problem) throw ValidationError.field("file", invoice.problem.key as never, { detail: invoice.problem.detail ?? "" });
    const column = targetColumn[input.target];
    let replaces: DocumentRow | null = null;
    if (input.replacesDocumentId) {
      replaces = tx.select().from(document).where(eq(document.id, input.replacesDocumentId)).get() ?? null;
      if (!replaces || replaces[column] !== input.targetId) throw ValidationError.field("replacesDocumentId", "documents.error.replaceOther");
      const newer = tx.select({ id: document.id }).from(document).where(eq(document.replacesDocumentId, replaces.id)).get();
      if (newer) throw ValidationError.field("replacesDocumentId", "documents.error.replaceOld", { id: newer.id });
      if (replaces.evidenceKey !== evidenceKey) throw ValidationError.field("replacesDocumentId", "documents.error.replaceOther");
    }
    const { sha256, sizeBytes } = getDocumentStore().put(input.bytes);
    const created = tx
      .insert(document)
      .values({
        programmeId,
        name: cleanFileName(input.fileName),
        kind: sniffed.kind,
        mime: sniffed.mime,
        sizeBytes,
        sha256,
        role: input.role,
        [column]: input.targetId,
        replacesDocumentId: replaces?.id ?? null,
        evidenceKey,
        note: input.note?.trim().slice(0, 500) ?? "",
        uploadedById: actor.id || null,
        uploadedByName: actor.name,
        uploadedAt: nowIso(),
      })
      .returning()
      .get();
    audit({
      action: "create",
      entityType: "document",
      entityId: created.id,
      entityLabel: `${created.name} (${input.role})`,
      after: { name: created.name, kind: created.kind, sizeBytes, sha256, role: created.role, target: input.target, targetId: input.targetId, evidenceKey, replacesDocumentId: created.replacesDocumentId },
    });
    return { document: created, invoice: invoice.invoice };
  });
}

export interface DocumentView extends DocumentRow {
  /** Earlier versions, newest first. */
  versions: DocumentRow[];
  verification: { verifiedByName: string; verifiedAt: string; note: string } | null;
}

/** The current documents of a target with their version chains (oldest versions folded in). */
export function listDocumentsOf(conn: Conn, target: DocumentTarget, targetIds: number[]): DocumentView[] {
  if (!targetIds.length) return [];
  const column = document[targetColumn[target]];
  const rows = conn.select().from(document).where(inArray(column, targetIds)).orderBy(asc(document.id)).all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const replaced = new Set(rows.map((row) => row.replacesDocumentId).filter((id): id is number => id != null));
  const verifications = rows.length
    ? conn.select().from(documentVerification).where(inArray(documentVerification.documentId, rows.map((row) => row.id))).all()
    : [];
  const verificationOf = new Map(verifications.map((v) => [v.documentId, v]));
  return rows
    .filter((row) => !replaced.has(row.id))
    .map((row) => {
      const versions: DocumentRow[] = [];
      for (let previous = row.replacesDocumentId; previous != null; previous = byId.get(previous)?.replacesDocumentId ?? null) {
        const earlier = byId.get(previous);
        if (!earlier) break;
        versions.push(earlier);
      }
      const verification = verificationOf.get(row.id);
      return { ...row, versions, verification: verification ? { verifiedByName: verification.verifiedByName, verifiedAt: verification.verifiedAt, note: verification.note } : null };
    })
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/** What a page needs to show a target's documents and the upload form. */
export function documentsPanel(actor: Actor, target: DocumentTarget, targetId: number) {
  requirePermission(actor, "read:programme");
  const canRead = can(actor, "read:documents");
  return {
    target,
    targetId,
    documents: listDocumentsOf(getDb(), target, [targetId]),
    roles: rolesByTarget[target],
    canUpload: can(actor, "upload:documents"),
    canDownload: canRead,
    maxBytes: documentMaxBytes(),
  };
}
export type DocumentsPanelData = ReturnType<typeof documentsPanel>;

function can(actor: Actor, permission: Parameters<typeof requirePermission>[1]) {
  try {
    requirePermission(actor, permission);
    return true;
  } catch {
    return false;
  }
}

/** A stored file for download: only for roles that may read documents; checks the hash on the way out. */
export function getDocumentFile(actor: Actor, id: number) {
  requirePermission(actor, "read:documents");
  const row = getDb().select().from(document).where(eq(document.id, id)).get();
  if (!row) throw new NotFoundError("document", id);
  const bytes = getDocumentStore().get(row.sha256);
  if (!bytes) throw new NotFoundError("document_file", row.sha256);
  return { document: row, bytes };
}

/** The parsed invoice of a stored FatturaPA / p7m document (null for other kinds). */
export function invoiceOfDocument(row: DocumentRow) {
  if (row.kind !== "fatturapa" && row.kind !== "p7m") return null;
  const bytes = getDocumentStore().get(row.sha256);
  return bytes ? readInvoice(row.kind, bytes).invoice : null;
}

/**
 * Four eyes: a second person confirms an evidence document. The uploader cannot verify their own
 * upload; a document is verified once (append-only).
 */
export function verifyDocument(actor: Actor, documentId: number, note = "") {
  return command(actor, "verify:evidence", (tx, audit) => {
    const row = tx.select().from(document).where(eq(document.id, documentId)).get();
    if (!row) throw new NotFoundError("document", documentId);
    if (row.uploadedById != null && row.uploadedById === actor.id) throw ValidationError.field(null, "documents.error.ownVerification");
    const newer = tx.select({ id: document.id }).from(document).where(eq(document.replacesDocumentId, row.id)).get();
    if (newer) throw ValidationError.field(null, "documents.error.replaceOld", { id: newer.id });
    const done = tx.select().from(documentVerification).where(eq(documentVerification.documentId, documentId)).get();
    if (done) throw ValidationError.field(null, "documents.error.alreadyVerified", { name: done.verifiedByName });
    const created = tx
      .insert(documentVerification)
      .values({ documentId, verifiedById: actor.id, verifiedByName: actor.name, verifiedAt: nowIso(), note: note.trim().slice(0, 500) })
      .returning()
      .get();
    audit({ action: "create", entityType: "document_verification", entityId: created.id, entityLabel: `Verifica di ${row.name}`, after: { documentId, sha256: row.sha256, note: created.note } });
    return created;
  });
}

/** Every stored document against its hash, for `audit:verify`. */
export function verifyStoredDocuments(conn: Conn = getDb()) {
  const store = getDocumentStore();
  const rows = conn.select({ id: document.id, name: document.name, sha256: document.sha256 }).from(document).orderBy(asc(document.id)).all();
  const problems: { id: number; name: string; sha256: string; state: "missing" | "altered" }[] = [];
  const checked = new Map<string, "ok" | "missing" | "altered">();
  for (const row of rows) {
    const state = checked.get(row.sha256) ?? store.verify(row.sha256);
    checked.set(row.sha256, state);
    if (state !== "ok") problems.push({ ...row, state });
  }
  return { checked: rows.length, files: checked.size, problems };
}

/** Documents of the programme with their hashes (for snapshots and the evidence pack). */
export function documentManifest(conn: Conn, programmeId: number) {
  return conn
    .select({ id: document.id, name: document.name, kind: document.kind, role: document.role, sizeBytes: document.sizeBytes, sha256: document.sha256, uploadedAt: document.uploadedAt, replacesDocumentId: document.replacesDocumentId, ledgerEntryId: document.ledgerEntryId, procedureId: document.procedureId, milestoneId: document.milestoneId, workPackageId: document.workPackageId, evidenceKey: document.evidenceKey })
    .from(document)
    .where(eq(document.programmeId, programmeId))
    .orderBy(asc(document.id))
    .all();
}

