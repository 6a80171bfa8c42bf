import { and, eq } from "drizzle-orm";
import { importProfile } from "#db/schema";
import type { Actor } from "~/models/core/actor.server";
import { entity, insertAudited, updateVersioned } from "~/models/core/command.server";
import { getDb, type Conn } from "~/models/core/db.server";
import type { ImportMapping, ValueMapping } from "./columns.server";

/**
 * Import profiles: the column and value mapping a user confirmed for files with a given header set,
 * saved when an import of such a file starts, offered on the next file with the same columns.
 */
export const importProfileEntity = entity("import_profile", importProfile, (row) => `profilo di importazione (${JSON.parse(row.header).join("; ")})`);

export interface SavedProfile {
  columns: ImportMapping;
  values: ValueMapping;
  updatedAt: string;
}

export function loadProfile(programmeId: number, key: string, conn: Conn = getDb()): SavedProfile | null {
  const row = conn.select().from(importProfile).where(and(eq(importProfile.programmeId, programmeId), eq(importProfile.headerKey, key))).get();
  if (!row) return null;
  return { columns: JSON.parse(row.columns), values: { lines: JSON.parse(row.lineValues), kinds: JSON.parse(row.kindValues) }, updatedAt: row.updatedAt };
}

/** Inside the caller's command: creates or updates the profile (audited like any other write). */
export function saveProfile(tx: Conn, actor: Actor, programmeId: number, key: string, header: string[], columns: ImportMapping, values: ValueMapping) {
  const fields = { header: JSON.stringify(header), columns: JSON.stringify(columns), lineValues: JSON.stringify(values.lines), kindValues: JSON.stringify(values.kinds) };
  const current = tx.select().from(importProfile).where(and(eq(importProfile.programmeId, programmeId), eq(importProfile.headerKey, key))).get();
  if (!current) return insertAudited(tx, actor, importProfileEntity, { programmeId, headerKey: key, ...fields });
  return updateVersioned(tx, actor, importProfileEntity, current, fields);
}
