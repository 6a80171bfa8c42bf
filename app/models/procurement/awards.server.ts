/**
 * Italia Domani's published awards against the register: the files are read, never stored, and
 * compared for one CUP. Reading needs only read access (auditors compare too).
 */
import { and, eq, inArray } from "drizzle-orm";
import { budgetLine, procedureParty, procurementProcedure, supplier } from "#db/schema";
import { AwardsFormatError, compareAwards, cupsIn, readAwardsFile, type PublishedAward, type RegisteredProcedure } from "~/domain/procurement/awards";
import { CsvFormatError } from "~/domain/core/italian-csv";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { ValidationError } from "~/models/core/errors.server";

function registeredFor(programmeId: number, cup: string): RegisteredProcedure[] {
  const db = getDb();
  const procedures = db.select().from(procurementProcedure).where(and(eq(procurementProcedure.programmeId, programmeId), eq(procurementProcedure.cup, cup))).all();
  if (!procedures.length) return [];
  const parties = db
    .select({ procedureId: procedureParty.procedureId, taxCode: supplier.taxCode, name: supplier.name, kind: procedureParty.kind, role: procedureParty.role })
    .from(procedureParty)
    .innerJoin(supplier, eq(supplier.id, procedureParty.supplierId))
    .where(inArray(procedureParty.procedureId, procedures.map((p) => p.id)))
    .all();
  return procedures.map((p) => ({ id: p.id, cig: p.cig, subject: p.subject, parties: parties.filter((party) => party.procedureId === p.id) }));
}

export function compareWithItaliaDomani(actor: Actor, programmeId: number, files: { name: string; bytes: Buffer }[], cup?: string | null) {
  requirePermission(actor, "read:programme");
  if (!files.length) throw ValidationError.field("winners", "awards.error.noFile");
  const rows: PublishedAward[] = [];
  const read: { name: string; kind: string; rows: number; extractionDate: string }[] = [];
  for (const file of files) {
    try {
      const parsed = readAwardsFile(file.bytes);
      rows.push(...parsed.rows);
      read.push({ name: file.name, kind: parsed.kind, rows: parsed.rows.length, extractionDate: parsed.rows[0]?.extractionDate ?? "" });
    } catch (error) {
      if (error instanceof AwardsFormatError) throw ValidationError.field("winners", "awards.error.format", { name: file.name, columns: error.missingColumns.join(", ") });
      if (error instanceof CsvFormatError) throw ValidationError.field("winners", "awards.error.csv", { name: file.name, line: error.line ?? 0, reason: error.reason });
      throw error;
    }
  }
  const cups = cupsIn(rows);
  const programmeCups = new Set(getDb().selectDistinct({ cup: budgetLine.cup }).from(budgetLine).where(eq(budgetLine.programmeId, programmeId)).all().map((row) => row.cup));
  const chosen = (cup && cup.trim().toUpperCase()) || cups.find((c) => programmeCups.has(c.cup))?.cup || cups[0]?.cup || "";
  const comparison = chosen ? compareAwards(rows, registeredFor(programmeId, chosen), chosen) : [];
  const count = (kind: string) => comparison.filter((c) => c.difference === kind).length;
  return {
    files: read,
    cups: cups.map((c) => ({ ...c, programme: programmeCups.has(c.cup) })),
    cup: chosen,
    comparison,
    counts: { same: count("same"), onlyPublished: count("onlyPublished"), onlyRegistered: count("onlyRegistered"), parties: count("parties") },
  };
}
