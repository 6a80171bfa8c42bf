/**
 * E-invoices against the register: what an uploaded FatturaPA says, what it proposes for a
 * payment, and where it disagrees with the programme, the procedure or the ledger entry.
 */
import { and, eq } from "drizzle-orm";
import { budgetLine, ledgerEntry, procedureBudgetLine, procedureParty, supplier } from "#db/schema";
import { sniffDocument } from "~/domain/procurement/documents";
import type { FatturaPA } from "~/domain/procurement/fatturapa";
import { formatEuro } from "~/domain/core/money";
import type { Message } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { documentsPanel, invoiceOfDocument, readInvoice } from "~/models/documents/document.server";
import { getDb, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { findProcedureByCig } from "./procedure.server";

export interface InvoiceSummary {
  supplierName: string;
  vatNumber: string | null;
  number: string;
  date: string;
  totalCents: number;
  vatSummary: { rateBasisPoints: number; taxableCents: number; taxCents: number }[];
  cigs: string[];
  cups: string[];
}

function summarise(invoice: FatturaPA): InvoiceSummary {
  const body = invoice.bodies[0];
  return {
    supplierName: invoice.supplier.name,
    vatNumber: invoice.supplier.vatNumber,
    number: body.number,
    date: body.date,
    totalCents: body.totalCents,
    vatSummary: body.vatSummary.map(({ rateBasisPoints, taxableCents, taxCents }) => ({ rateBasisPoints, taxableCents, taxCents })),
    cigs: body.cigs,
    cups: body.cups,
  };
}

/** The programme's CUPs: those of its budget lines. */
function programmeCups(conn: Conn, programmeId: number) {
  return new Set(conn.selectDistinct({ cup: budgetLine.cup }).from(budgetLine).where(eq(budgetLine.programmeId, programmeId)).all().map((row) => row.cup));
}

/**
 * Where an invoice disagrees with the register: CIG missing or unregistered (or not the entry's),
 * CUP missing or foreign to the programme and the procedure, supplier not a winner, total not the
 * amount recorded. An empty list means it matches.
 */
export function invoiceFlags(conn: Conn, programmeId: number, invoice: InvoiceSummary, entry?: { cig: string | null; amountCents: number }): Message[] {
  const flags: Message[] = [];
  const cups = programmeCups(conn, programmeId);
  if (!invoice.cigs.length) flags.push({ key: "invoice.flag.cigMissing" });
  const procedures = invoice.cigs.map((cig) => ({ cig, procedure: findProcedureByCig(conn, programmeId, cig) }));
  for (const { cig, procedure } of procedures) if (!procedure) flags.push({ key: "invoice.flag.cigNotRegistered", params: { cig } });
  if (entry?.cig && invoice.cigs.length && !invoice.cigs.includes(entry.cig)) flags.push({ key: "invoice.flag.cigOther", params: { cig: invoice.cigs.join(", "), expected: entry.cig } });
  for (const { procedure } of procedures) if (procedure) cups.add(procedure.cup);
  if (!invoice.cups.length) flags.push({ key: "invoice.flag.cupMissing" });
  for (const cup of invoice.cups) if (!cups.has(cup)) flags.push({ key: "invoice.flag.cupOther", params: { cup, expected: [...cups].join(", ") } });
  const known = procedures.filter((p) => p.procedure);
  if (known.length && invoice.vatNumber) {
    const winners = new Set(
      known.flatMap(({ procedure }) =>
        conn
          .select({ taxCode: supplier.taxCode })
          .from(procedureParty)
          .innerJoin(supplier, eq(supplier.id, procedureParty.supplierId))
          .where(and(eq(procedureParty.procedureId, procedure!.id), eq(procedureParty.kind, "winner")))
          .all()
          .map((row) => row.taxCode),
      ),
    );
    if (!winners.has(invoice.vatNumber)) flags.push({ key: "invoice.flag.supplierOther", params: { vat: invoice.vatNumber } });
  }
  if (entry && entry.amountCents !== invoice.totalCents)
    flags.push({ key: "invoice.flag.amountOther", params: { total: formatEuro(invoice.totalCents), amount: formatEuro(entry.amountCents) } });
  return flags;
}

/**
 * Reads an invoice without storing it and proposes a payment from it: supplier, CIG, number,
 * amount, description and, when the CIG's procedure finances lines, the first of them.
 */
export function proposePaymentFromInvoice(actor: Actor, programmeId: number, bytes: Uint8Array) {
  requirePermission(actor, "update:finance");
  const sniffed = sniffDocument(bytes);
  if (!sniffed.ok) throw ValidationError.field("file", `documents.error.type.${sniffed.problem}`);
  const read = readInvoice(sniffed.kind, bytes);
  if (read.problem) throw ValidationError.field("file", read.problem.key as never, { detail: read.problem.detail ?? "" });
  if (!read.invoice) throw ValidationError.field("file", "invoice.notInvoice");
  const db = getDb();
  const invoice = summarise(read.invoice);
  const cig = invoice.cigs[0] ?? "";
  const procedure = cig ? findProcedureByCig(db, programmeId, cig) : undefined;
  const line = procedure ? db.select({ id: procedureBudgetLine.budgetLineId }).from(procedureBudgetLine).where(eq(procedureBudgetLine.procedureId, procedure.id)).get() : undefined;
  return {
    invoice,
    flags: invoiceFlags(db, programmeId, invoice),
    fields: {
      kind: "payment",
      supplier: invoice.supplierName,
      cig,
      documentNumber: invoice.number,
      amount: formatEuro(invoice.totalCents, "it").replace("€", "").replace(/\u00a0/g, "").trim(),
      description: `Fattura n. ${invoice.number} del ${invoice.date.split("-").reverse().join("/")}`,
      budgetLineId: line ? String(line.id) : "",
    },
  };
}

/** The documents panel of a ledger entry, with each invoice read and checked against the entry. */
export function ledgerEntryDocuments(actor: Actor, entryId: number) {
  const panel = documentsPanel(actor, "ledgerEntry", entryId);
  const db = getDb();
  const entry = db
    .select({ cig: ledgerEntry.cig, amountCents: ledgerEntry.amountCents, programmeId: budgetLine.programmeId })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(eq(ledgerEntry.id, entryId))
    .get();
  if (!entry) throw new NotFoundError("ledger_entry", entryId);
  const invoices: Record<number, { invoice: InvoiceSummary; flags: Message[] }> = {};
  for (const doc of panel.documents) {
    const parsed = invoiceOfDocument(doc);
    if (!parsed) continue;
    const invoice = summarise(parsed);
    invoices[doc.id] = { invoice, flags: invoiceFlags(db, entry.programmeId, invoice, { cig: entry.cig, amountCents: Math.abs(entry.amountCents) }) };
  }
  const procedure = entry.cig ? findProcedureByCig(db, entry.programmeId, entry.cig) : undefined;
  return { ...panel, invoices, procedure: procedure ? { id: procedure.id, cig: procedure.cig, subject: procedure.subject } : null };
}
