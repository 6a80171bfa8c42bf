/**
 * The evidence register: for each programme milestone linked to an EU milestone or target, the
 * evidence items its verification mechanism asks for, the documents attached to each and its
 * state (missing, uploaded, verified by a second person).
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { milestone, pnrrCatalogueItem, workPackage } from "#db/schema";
import { evidenceItemsFor, evidenceState, type EvidenceState } from "~/domain/procurement/evidence";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { listDocumentsOf, type DocumentView } from "~/models/documents/document.server";

export interface EvidenceItemView {
  key: string;
  title: string;
  source: string | null;
  state: EvidenceState;
  documents: DocumentView[];
}

export interface MilestoneEvidence {
  milestoneId: number;
  milestoneCode: string;
  milestoneTitle: string;
  dueDate: string;
  euCode: string;
  items: EvidenceItemView[];
}

export interface EvidenceTotals {
  total: number;
  present: number;
  verified: number;
  missing: number;
}

export function evidenceTotals(milestones: MilestoneEvidence[]): EvidenceTotals {
  const items = milestones.flatMap((m) => m.items);
  return {
    total: items.length,
    present: items.filter((i) => i.state !== "missing").length,
    verified: items.filter((i) => i.state === "verified").length,
    missing: items.filter((i) => i.state === "missing").length,
  };
}

/** The register for a programme (or one milestone), read in three queries plus the documents. */
export function readEvidence(conn: Conn, programmeId: number, onlyMilestoneId?: number): MilestoneEvidence[] {
  const where = [eq(workPackage.programmeId, programmeId), isNotNull(milestone.euCode)];
  if (onlyMilestoneId) where.push(eq(milestone.id, onlyMilestoneId));
  const milestones = conn
    .select({ id: milestone.id, code: milestone.code, title: milestone.title, dueDate: milestone.dueDate, euCode: milestone.euCode })
    .from(milestone)
    .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
    .where(and(...where))
    .orderBy(asc(milestone.dueDate), asc(milestone.code))
    .all();
  const catalogue = new Map(conn.select({ code: pnrrCatalogueItem.code, verificationMechanism: pnrrCatalogueItem.verificationMechanism }).from(pnrrCatalogueItem).all().map((row) => [row.code, row.verificationMechanism]));
  const documents = listDocumentsOf(conn, "milestone", milestones.map((m) => m.id));
  return milestones
    .map((m) => {
      const euCode = m.euCode!;
      const definitions = evidenceItemsFor(euCode, catalogue.has(euCode) ? catalogue.get(euCode) : null);
      return {
        milestoneId: m.id,
        milestoneCode: m.code,
        milestoneTitle: m.title,
        dueDate: m.dueDate,
        euCode,
        items: definitions.map((definition) => {
          const attached = documents.filter((doc) => doc.milestoneId === m.id && doc.evidenceKey === definition.key);
          return { ...definition, documents: attached, state: evidenceState(attached.map((doc) => ({ verified: doc.verification != null }))) };
        }),
      };
    })
    .filter((m) => m.items.length > 0);
}

/** Cached per worker until a milestone, the catalogue or an evidence document changes (read-cache). */
export function getEvidenceRegister(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  return cachedRead("evidence.register", [programmeId], ["milestone", "work_package", "pnrr_catalogue_item", "document", "document_verification"], () => {
    const milestones = readEvidence(getDb(), programmeId);
    return { milestones, totals: evidenceTotals(milestones) };
  });
}

export function getMilestoneEvidence(actor: Actor, programmeId: number, milestoneId: number) {
  requirePermission(actor, "read:programme");
  return readEvidence(getDb(), programmeId, milestoneId)[0] ?? null;
}
