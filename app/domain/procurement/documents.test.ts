import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { sniffDocument } from "./documents";
import { decimalToCents, parseFatturaPA } from "./fatturapa";
import { buildFatturaPA } from "./fatturapa-build";
import { openSignedEnvelope } from "./p7m";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "__fixtures__", name));
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("type by content", () => {
  it("recognises PDF, PNG, JPEG, signed p7m and FatturaPA whatever the name", () => {
    expect(sniffDocument(bytes("%PDF-1.7\n..."))).toMatchObject({ ok: true, kind: "pdf" });
    expect(sniffDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toMatchObject({ ok: true, kind: "png" });
    expect(sniffDocument(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toMatchObject({ ok: true, kind: "jpeg" });
    expect(sniffDocument(fixture("fattura.xml.p7m"))).toMatchObject({ ok: true, kind: "p7m" });
    expect(sniffDocument(bytes(fixture("fattura.xml.p7m").toString("base64")))).toMatchObject({ ok: true, kind: "p7m" });
    expect(sniffDocument(fixture("fattura-fpa12.xml"))).toMatchObject({ ok: true, kind: "fatturapa", mime: "application/xml" });
  });

  it("recognises office files inside their ZIP and refuses macros", async () => {
    const docx = new JSZip();
    docx.file("[Content_Types].xml", "<Types/>");
    docx.file("word/document.xml", "<w:document/>");
    expect(sniffDocument(await docx.generateAsync({ type: "uint8array" }))).toMatchObject({ ok: true, kind: "docx" });
    docx.file("word/vbaProject.bin", "x");
    expect(sniffDocument(await docx.generateAsync({ type: "uint8array" }))).toEqual({ ok: false, problem: "macro" });
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    ods.file("content.xml", "<office:document-content/>");
    expect(sniffDocument(await ods.generateAsync({ type: "uint8array" }))).toMatchObject({ ok: true, kind: "ods" });
    const other = new JSZip();
    other.file("a.txt", "x");
    expect(sniffDocument(await other.generateAsync({ type: "uint8array" }))).toEqual({ ok: false, problem: "unknown" });
  });

  it("refuses executables, HTML, other XML and anything unknown", () => {
    expect(sniffDocument(bytes("MZ\x90\x00rest of a PE"))).toEqual({ ok: false, problem: "executable" });
    expect(sniffDocument(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toEqual({ ok: false, problem: "executable" });
    expect(sniffDocument(bytes("#!/bin/sh\nrm -rf /"))).toEqual({ ok: false, problem: "executable" });
    expect(sniffDocument(bytes("\uFEFF  <!DOCTYPE html><html><body>x</body></html>"))).toEqual({ ok: false, problem: "html" });
    expect(sniffDocument(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ ok: false, problem: "html" });
    expect(sniffDocument(bytes("<?xml version='1.0'?><note/>"))).toEqual({ ok: false, problem: "xml" });
    expect(sniffDocument(bytes("just text"))).toEqual({ ok: false, problem: "unknown" });
    expect(sniffDocument(new Uint8Array())).toEqual({ ok: false, problem: "empty" });
  });
});

describe("FatturaPA", () => {
  it("reads supplier, number, date, total, VAT summary, CIG and CUP", () => {
    const parsed = parseFatturaPA(fixture("fattura-fpa12.xml").toString("utf8"));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.invoice.version).toBe("FPA12");
    expect(parsed.invoice.supplier).toMatchObject({ vatNumber: "30155600361", name: "Medicina Digitale S.p.A." });
    expect(parsed.invoice.buyer).toMatchObject({ taxCode: "02086690373" });
    expect(parsed.invoice.bodies).toEqual([
      expect.objectContaining({
        number: "FPA 12/2025",
        date: "2025-10-31",
        totalCents: 12_200_00,
        totalFromSummary: false,
        vatSummary: [{ rateBasisPoints: 2200, nature: null, taxableCents: 10_000_00, taxCents: 2_200_00, chargeability: "S" }],
        cigs: ["A34D1F5088"],
        cups: ["E39J22001830006"],
      }),
    ]);
  });

  it("reads the same fields from the signed .p7m", () => {
    const envelope = openSignedEnvelope(fixture("fattura.xml.p7m"));
    expect(envelope).toMatchObject({ ok: true, signers: 1 });
    if (!envelope.ok) return;
    expect(envelope.content.equals(fixture("fattura-fpa12.xml"))).toBe(true);
  });

  it("refuses a broken or unsigned envelope and malformed XML with the reason", () => {
    expect(openSignedEnvelope(fixture("fattura.xml.p7m").subarray(0, 300))).toEqual({ ok: false, problem: "malformed" });
    expect(openSignedEnvelope(fixture("unsigned.p7m"))).toEqual({ ok: false, problem: "unsigned" });
    expect(parseFatturaPA("<p:FatturaElettronica><unclosed></p:FatturaElettronica>")).toMatchObject({ ok: false, problem: "notXml" });
    expect(parseFatturaPA('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toMatchObject({ ok: false, problem: "doctype" });
    expect(parseFatturaPA("<Other/>")).toMatchObject({ ok: false, problem: "notFatturaPA" });
    expect(parseFatturaPA("<FatturaElettronica><FatturaElettronicaHeader/></FatturaElettronica>")).toMatchObject({ ok: false, problem: "missing" });
  });

  it("round-trips what the builder writes, including escaping", () => {
    const xml = buildFatturaPA({
      supplier: { vatNumber: "02086690373", name: "Rossi & Figli <S.r.l.>" },
      buyer: { taxCode: "02086690373", name: "Regione", officeCode: "UFER25" },
      number: "7/A",
      date: "2025-01-31",
      description: "Canone",
      taxableCents: 1_234_56,
      vatRate: 22,
    });
    const parsed = parseFatturaPA(xml);
    expect(parsed.ok && parsed.invoice.supplier.name).toBe("Rossi & Figli <S.r.l.>");
    expect(parsed.ok && parsed.invoice.bodies[0].totalCents).toBe(1_234_56 + 271_60);
    expect(parsed.ok && parsed.invoice.bodies[0].cigs).toEqual([]);
  });

  it("converts the schema's decimals exactly", () => {
    expect(decimalToCents("1234.5")).toBe(123450);
    expect(decimalToCents("0.005")).toBe(1);
    expect(decimalToCents("-3.00")).toBe(-300);
    expect(decimalToCents("1,5")).toBeNull();
  });

  const samples = process.env.FATTURAPA_SAMPLES_DIR;
  it.skipIf(!samples)("reads the Agenzia delle Entrate example IT01234567890_FPA02.xml (set FATTURAPA_SAMPLES_DIR to run)", () => {
    const parsed = parseFatturaPA(fs.readFileSync(path.join(samples!, "IT01234567890_FPA02.xml"), "utf8"));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.invoice.supplier).toMatchObject({ vatNumber: "01234567890", name: "ALPHA SRL" });
    expect(parsed.invoice.bodies[0]).toMatchObject({ number: "123", date: "2017-01-18", totalCents: 30_50, totalFromSummary: true, cigs: ["456DEF"], cups: ["123ABC"] });
  });
});
