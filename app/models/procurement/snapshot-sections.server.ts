/**
 * What a snapshot records of the documents and the evidence register: every document on file when
 * it is taken, with its SHA-256, and the state of every evidence item. Both are KeyedTables, so
 * the frozen views and the diff show them like the other sections.
 */
import { formatBytes } from "~/domain/procurement/documents";
import type { KeyedTable } from "~/domain/snapshot-content";
import { translate } from "~/i18n";
import type { Conn } from "~/models/db.server";
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
