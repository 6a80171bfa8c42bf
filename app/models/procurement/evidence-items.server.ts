import { eq } from "drizzle-orm";
import { milestone, pnrrCatalogueItem } from "#db/schema";
import { evidenceItemsFor } from "~/domain/procurement/evidence";
import type { Conn } from "~/models/core/db.server";

/** The evidence items a milestone's EU code needs (from the imported catalogue when present). */
export function milestoneEvidenceItems(conn: Conn, milestoneId: number) {
  const row = conn.select({ euCode: milestone.euCode }).from(milestone).where(eq(milestone.id, milestoneId)).get();
  if (!row?.euCode) return [];
  const catalogue = conn.select({ verificationMechanism: pnrrCatalogueItem.verificationMechanism }).from(pnrrCatalogueItem).where(eq(pnrrCatalogueItem.code, row.euCode)).get();
  return evidenceItemsFor(row.euCode, catalogue ? catalogue.verificationMechanism : null);
}
