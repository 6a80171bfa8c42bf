/**
 * What a snapshot records of the documents and the evidence register: every document on file when
 * it is taken, with its SHA-256, and the state of every evidence item. Both are KeyedTables, so
 * the frozen views and the diff show them like the other sections.
 */
import { createHash } from "node:crypto";
import { formatBytes } from "~/domain/procurement/documents";
import type { KeyedTable } from "~/domain/snapshots/snapshot-content";
import { translate } from "~/i18n";
import type { Conn } from "~/models/core/db.server";
import { documentManifest } from "~/models/documents/document.server";
import { readEvidence } from "./evidence.server";

const it = (key: Parameters<typeof translate>[1]) => translate("it", key);

function attachedTo(row: ReturnType<typeof documentManifest>[number]) {
  if (row.ledgerEntryId) return `registrazione n. ${row.ledgerEntryId}`;
  if (row.procedureId) return `procedura ${row.procedureId}`;
  if (row.milestoneId) return `traguardo ${row.milestoneId}${row.evidenceKey ? ` (${row.evidenceKey})` : ""}`;
  if (row.workPackageId) return `work package ${row.workPackageId}`;
  return "misurazione";
}

export function documentsSnapshotSections(conn: Conn, programmeId: number): { documents: KeyedTable | null; evidence: KeyedTable | null } {
  const manifest = documentManifest(conn, programmeId);
  const evidence = readEvidence(conn, programmeId);
  return {
    documents: manifest.length
      ? {
          columns: [
            { key: "role", label: "Tipo", kind: "text" },
            { key: "attachedTo", label: "Allegato a", kind: "text" },
            { key: "size", label: "Dimensione", kind: "text" },
            { key: "sha256", label: "SHA-256", kind: "text" },
            { key: "replaces", label: "Sostituisce", kind: "text" },
          ],
          rows: manifest.map((row) => ({
            key: `document:${row.id}`,
            label: row.name,
            values: { role: it(`documents.role.${row.role}`), attachedTo: attachedTo(row), size: formatBytes(row.sizeBytes), sha256: row.sha256, replaces: row.replacesDocumentId ? `n. ${row.replacesDocumentId}` : null },
          })),
        }
      : null,
    evidence: evidence.length
      ? {
          columns: [
            { key: "state", label: "Stato", kind: "text" },
            { key: "documents", label: "Documenti", kind: "number" },
            { key: "verifiedBy", label: "Verificata da", kind: "text" },
          ],
          rows: evidence.flatMap((m) =>
            m.items.map((item) => ({
              key: `evidence:${item.key}`,
              label: `${item.key} ${item.title}`,
              values: {
                state: it(`evidence.state.${item.state}`),
                documents: item.documents.length,
                verifiedBy: item.documents.find((doc) => doc.verification)?.verification?.verifiedByName ?? null,
              },
            })),
          ),
        }
      : null,
  };
}

/** Above this total the evidence ZIP carries only the manifest with hashes, not the files. */
export function evidenceZipDocumentsMaxBytes() {
  const configured = Number(process.env.EVIDENCE_ZIP_DOCUMENTS_MAX_BYTES);
  return Number.isSafeInteger(configured) && configured >= 0 ? configured : 50 * 1024 * 1024;
}

/**
 * Puts the snapshot's documents into its evidence ZIP: `documenti/manifest.csv` (name, type,
 * attachment, size, SHA-256) always, and the files themselves under `documenti/<sha256>-<name>`
 * while their total stays within the limit. Files are taken by hash, so they are exactly the
 * bytes the snapshot lists (a file that no longer matches is left out and marked).
 */
export function addSnapshotDocuments(
  zip: { file: (name: string, data: string | Buffer, options?: { date?: Date; createFolders?: boolean }) => unknown },
  content: { documents?: KeyedTable | null; evidence?: KeyedTable | null },
  date: Date,
  store: { get: (sha256: string) => Buffer | null },
) {
  const rows = content.documents?.rows ?? [];
  if (!rows.length && !content.evidence) return;
  const limit = evidenceZipDocumentsMaxBytes();
  const files: { row: (typeof rows)[number]; bytes: Buffer | null }[] = rows.map((row) => ({ row, bytes: store.get(String(row.values.sha256)) }));
  const total = files.reduce((sum, f) => sum + (f.bytes?.length ?? 0), 0);
  const included = total <= limit;
  const safe = (name: string) => name.replace(/[^\w.\- àèéìòù]/gi, "_").slice(0, 120);
  const manifest = [["documento", "nome", "tipo", "allegato_a", "dimensione", "sha256", "nel_pacchetto"].join(";")];
  for (const { row, bytes } of files) {
    const sha = String(row.values.sha256);
    const intact = bytes !== null && createHash("sha256").update(bytes).digest("hex") === sha;
    const path = `documenti/${sha.slice(0, 12)}-${safe(row.label)}`;
    if (included && intact) zip.file(path, bytes!, { date, createFolders: false });
    manifest.push([row.key, row.label, row.values.role, row.values.attachedTo, row.values.size, sha, included && intact ? path : intact ? "no (oltre il limite)" : "FILE MANCANTE O ALTERATO"].map((v) => `"${String(v ?? "").replace(/"/g, '""')}"`).join(";"));
  }
  zip.file("documenti/manifest.csv", "\uFEFF" + manifest.join("\r\n") + "\r\n", { date, createFolders: false }); // no folder entry: it would carry today's date
  if (content.evidence) {
    const lines = [["voce", "descrizione", "stato", "documenti", "verificata_da"].join(";")];
    for (const row of content.evidence.rows)
      lines.push([row.key.replace(/^evidence:/, ""), row.label, row.values.state, row.values.documents, row.values.verifiedBy].map((v) => `"${String(v ?? "").replace(/"/g, '""')}"`).join(";"));
    zip.file("evidenze.csv", "\uFEFF" + lines.join("\r\n") + "\r\n", { date });
  }
}
