import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "~/models/core/actor.server";
import { verifyAuditChain } from "~/models/audit/audit.server";
import { getDb } from "~/models/core/db.server";
import { NotFoundError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { ledgerEntryDocuments } from "~/models/procurement/invoice.server";
import { documentsPanel, getDocumentFile, uploadDocument, verifyDocument, verifyStoredDocuments } from "./document.server";
import { getDocumentStore } from "./store.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let storeDir: string;
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const admin: Actor = { id: 1, name: "Paolo Venturi", role: "admin" };
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../domain/procurement/__fixtures__", name));
const pdf = (text: string) => new Uint8Array(Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`));

beforeAll(async () => {
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "traguardi-docs-"));
  process.env.DOCUMENTS_DIR = storeDir;
  database = await useTestDatabase();
}, 60_000);
afterAll(() => {
  database.cleanup();
  fs.rmSync(storeDir, { recursive: true, force: true });
  delete process.env.DOCUMENTS_DIR;
});

const programmeId = () => getCurrentProgramme(finance).id;
const client = () => getDb().$client;
const firstEntryWithCig = (cig: string) =>
  client()
    .prepare("select id from ledger_entry where cig = ? and kind = 'payment' and id not in (select ledger_entry_id from document where ledger_entry_id is not null) order by id limit 1")
    .pluck()
    .get(cig) as number;
const entries = new Map<string, number>();
/** A payment on that CIG that had no document when the tests started. */
const entryWithCig = (cig: string) => {
  if (!entries.has(cig)) entries.set(cig, firstEntryWithCig(cig));
  return entries.get(cig)!;
};
const counts = () => ({
  rows: client().prepare("select count(*) from document").pluck().get(),
  files: fs.existsSync(storeDir) ? fs.readdirSync(storeDir, { recursive: true }).filter((f) => fs.statSync(path.join(storeDir, String(f))).isFile()).length : 0,
});
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.field}:${i.message.key}`).join(",");
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("documents", () => {
  it("seeds an invoice that matches its payment for every supplier payment of € 100.000,00 or more", () => {
    const missing = client()
      .prepare(
        "select count(*) from ledger_entry e join budget_line b on b.id = e.budget_line_id where e.kind = 'payment' and e.amount_cents >= 10000000 and b.category <> 'personnel' and e.reverses_entry_id is null and not exists (select 1 from ledger_entry r where r.reverses_entry_id = e.id) and not exists (select 1 from document d where d.ledger_entry_id = e.id and d.role = 'invoice')",
      )
      .pluck()
      .get();
    expect(missing).toBe(0);
    const withInvoice = client().prepare("select d.ledger_entry_id from document d join ledger_entry e on e.id = d.ledger_entry_id where d.role = 'invoice' and e.cig is not null order by d.id limit 3").pluck().all() as number[];
    for (const entryId of withInvoice) expect(Object.values(ledgerEntryDocuments(auditor, entryId).invoices)[0].flags).toEqual([]);
    expect(verifyStoredDocuments().problems).toEqual([]);
  });

  it("stores an upload by its SHA-256 and serves it to roles that may read documents", () => {
    const entryId = entryWithCig("A34D1F5088");
    const { document } = uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: entryId, role: "payment_order", fileName: "../../mandato 123.pdf", bytes: pdf("mandato") });
    expect(document).toMatchObject({ name: "mandato 123.pdf", kind: "pdf", mime: "application/pdf", ledgerEntryId: entryId });
    expect(fs.existsSync(path.join(storeDir, document.sha256.slice(0, 2), document.sha256.slice(2)))).toBe(true);
    expect(getDocumentFile(auditor, document.id).bytes.toString()).toContain("mandato");
    expect(() => getDocumentFile(admin, document.id)).toThrow(PermissionError);
    expect(() => uploadDocument(auditor, programmeId(), { target: "ledgerEntry", targetId: entryId, role: "invoice", fileName: "x.pdf", bytes: pdf("x") })).toThrow(PermissionError);
    expect(verifyAuditChain().ok).toBe(true);
  });

  it("refuses executables, HTML, oversized files and broken invoices, storing nothing", () => {
    const entryId = entryWithCig("A34D1F5088");
    const before = counts();
    const up = (fileName: string, bytes: Uint8Array) => () => uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: entryId, role: "invoice", fileName, bytes });
    expect(refusal(up("fattura.pdf", new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00PE"))))).toBe("file:documents.error.type.executable");
    expect(refusal(up("fattura.pdf", new Uint8Array(Buffer.from("<!doctype html><script>alert(1)</script>"))))).toBe("file:documents.error.type.html");
    process.env.DOCUMENT_MAX_BYTES = "1000";
    expect(refusal(up("grande.pdf", pdf("x".repeat(2000))))).toBe("file:documents.error.tooLarge");
    delete process.env.DOCUMENT_MAX_BYTES;
    expect(refusal(up("fattura.xml", new Uint8Array(Buffer.from("<p:FatturaElettronica><a></p:FatturaElettronica>"))))).toBe("file:documents.error.fatturapa.notXml");
    expect(refusal(up("fattura.xml.p7m", fixture("fattura.xml.p7m").subarray(0, 400)))).toBe("file:documents.error.p7m.malformed");
    expect(refusal(up("fattura.xml.p7m", fixture("unsigned.p7m")))).toBe("file:documents.error.p7m.unsigned");
    expect(() => uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: 999_999, role: "invoice", fileName: "x.pdf", bytes: pdf("x") })).toThrow(NotFoundError);
    expect(counts()).toEqual(before);
  });

  it("reads an attached FatturaPA (plain or signed) and checks it against the entry", () => {
    const entryId = entryWithCig("A34D1F5088");
    uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: entryId, role: "invoice", fileName: "IT30155600361_0001.xml.p7m", bytes: fixture("fattura.xml.p7m") });
    const panel = ledgerEntryDocuments(auditor, entryId);
    const invoice = Object.values(panel.invoices)[0];
    expect(invoice.invoice).toMatchObject({ number: "FPA 12/2025", totalCents: 12_200_00, cigs: ["A34D1F5088"], cups: ["E39J22001830006"], vatNumber: "30155600361" });
    // Same CIG, the programme's CUP, a winner's VAT number: only the amount differs from this seeded payment.
    expect(invoice.flags.map((f) => f.key)).toEqual(["invoice.flag.amountOther"]);
    const other = entryWithCig("A781539CCD");
    uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: other, role: "invoice", fileName: "f.xml", bytes: fixture("fattura-fpa12.xml") });
    expect(Object.values(ledgerEntryDocuments(finance, other).invoices)[0].flags.map((f) => f.key)).toEqual(["invoice.flag.cigOther", "invoice.flag.amountOther"]);
  });

  it("never deletes: a replacement is a new version, and triggers refuse edits", () => {
    const wp = client().prepare("select id from work_package order by id limit 1").pluck().get() as number;
    const first = uploadDocument(manager, programmeId(), { target: "workPackage", targetId: wp, role: "evidence", fileName: "relazione-v1.pdf", bytes: pdf("v1") }).document;
    const second = uploadDocument(manager, programmeId(), { target: "workPackage", targetId: wp, role: "evidence", fileName: "relazione-v2.pdf", bytes: pdf("v2"), replacesDocumentId: first.id }).document;
    expect(refusal(() => uploadDocument(manager, programmeId(), { target: "workPackage", targetId: wp, role: "evidence", fileName: "v3.pdf", bytes: pdf("v3"), replacesDocumentId: first.id }))).toBe(
      "replacesDocumentId:documents.error.replaceOld",
    );
    const panel = documentsPanel(auditor, "workPackage", wp);
    expect(panel.documents.map((d) => [d.name, d.versions.map((v) => v.name)])).toEqual([["relazione-v2.pdf", ["relazione-v1.pdf"]]]);
    expect(panel.canUpload).toBe(false);
    expect(() => client().prepare("delete from document where id = ?").run(first.id)).toThrow(/append-only/);
    expect(() => client().prepare("update document set name = 'x' where id = ?").run(second.id)).toThrow(/append-only/);
  });

  it("four eyes: the uploader cannot verify, a second person can, once", () => {
    const wp = client().prepare("select id from work_package order by id limit 1").pluck().get() as number;
    const doc = uploadDocument(manager, programmeId(), { target: "workPackage", targetId: wp, role: "evidence", fileName: "report.pdf", bytes: pdf("four eyes") }).document;
    expect(refusal(() => verifyDocument(manager, doc.id))).toBe("null:documents.error.ownVerification");
    expect(() => verifyDocument(auditor, doc.id)).toThrow(PermissionError);
    verifyDocument(finance, doc.id, "Conforme");
    expect(refusal(() => verifyDocument(finance, doc.id))).toBe("null:documents.error.alreadyVerified");
  });

  it("audit:verify finds a stored file that no longer matches its hash", () => {
    expect(verifyStoredDocuments().problems).toEqual([]);
    const any = client().prepare("select sha256 from document order by id limit 1").pluck().get() as string;
    const file = path.join(storeDir, any.slice(0, 2), any.slice(2));
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, "tampered");
    expect(verifyStoredDocuments().problems.map((p) => p.state)).toContain("altered");
    expect(getDocumentStore().verify(any)).toBe("altered");
  });
});
