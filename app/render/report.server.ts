import { createHash } from "node:crypto";
import type JSZipModule from "jszip";
import { csvMoney, toCsv, type CsvValue } from "~/domain/core/csv";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { translate, type MessageKey } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDocumentStore } from "~/models/documents/store.server";
import { getReport, type ReportDetail } from "~/models/reports/report.server";
import { loadPdfLibraries, MUTED, PackWriter, PAGE, toBuffer } from "./evidence.server";

/**
 * The rendiconto di progetto as files (RGS circular 30/2022, §5.3.2): a PDF with the reimbursement
 * request (total, by budget line, by category), the expenses with their documents and the
 * attestation of the checks made; a ZIP with the same data as CSV, the documents themselves and
 * their SHA-256 hashes. The PDF's footer carries the hash of the ZIP's hash list, tying the two.
 */

const it = (key: MessageKey, params?: Record<string, string | number>) => translate("it", key, params);
const euro = (cents: number) => formatEuro(cents, "it");

export function reportFileName(detail: ReportDetail, extension: "pdf" | "zip") {
  return `traguardi-rendiconto-${detail.report.number}-${detail.report.cup}-${detail.report.periodFrom}-${detail.report.periodTo}.${extension}`;
}

/** Where each document sits inside the ZIP. */
function zipPath(expenseId: number, doc: { id: number; name: string }) {
  return `giustificativi/spesa-${expenseId}/${doc.id}-${doc.name.replace(/[^A-Za-z0-9._-]/g, "_")}`;
}

/** The hash list: one row per document of every expense. */
function hashRows(detail: ReportDetail): CsvValue[][] {
  return detail.expenses.flatMap((e) =>
    e.documents.map((d) => [e.id, e.entryDate, e.documentNumber, e.supplier, e.cig, e.lineCode, csvMoney(e.amountCents), d.id, d.role, d.name, zipPath(e.id, d), d.sizeBytes, d.sha256]),
  );
}
const HASH_HEADER = ["spesa", "data_pagamento", "documento_contabile", "fornitore", "cig", "voce_di_budget", "importo_euro", "documento_id", "ruolo", "nome_file", "percorso_nello_zip", "dimensione_byte", "sha256"];

function hashListCsv(detail: ReportDetail) {
  return toCsv([HASH_HEADER, ...hashRows(detail)]);
}

function manifestHash(detail: ReportDetail) {
  return createHash("sha256").update(hashListCsv(detail), "utf8").digest("hex");
}

function checkState(state: string) {
  return it(`checklist.state.${state}` as MessageKey);
}

export async function buildReportPdf(actor: Actor, id: number): Promise<{ fileName: string; bytes: Buffer }> {
  const detail = getReport(actor, id);
  const { report, request, expenses, attestation, events } = detail;
  const title = `${it("report.numbered", { number: report.number })} – CUP ${report.cup}`;
  await loadPdfLibraries();
  const pack = new PackWriter(title, it("report.title"));
  const { doc } = pack;
  const done = toBuffer(doc);
  const width = PAGE.width - 2 * PAGE.margin;

  doc.font("Body-Bold").fontSize(20).text(title, { width });
  doc.moveDown(0.3);
  pack.paragraph(`${it("report.field.period")}: ${formatDate(report.periodFrom)} – ${formatDate(report.periodTo)}`);
  pack.paragraph(`${it("report.field.state")}: ${it(`report.state.${report.state}`)} (${formatDate(report.stateDate)})`);
  if (report.note) pack.paragraph(`${it("report.field.note")}: ${report.note}`);
  pack.paragraph("Circolare RGS 30/2022, § 5.3.2: rendiconto di progetto con domanda di rimborso e attestazione delle verifiche.", { colour: MUTED, size: 9 });

  pack.heading(it("report.request"));
  doc.font("Body-Bold").fontSize(14).text(`${it("report.field.total")}: ${euro(request.totalCents)}`, { width });
  doc.font("Body").fontSize(10);
  pack.paragraph(`${request.count} ${it("report.field.count").toLowerCase()}`);
  pack.heading(it("report.byLine"), 11);
  pack.table(
    [
      { header: it("report.field.line"), width: width * 0.6 },
      { header: it("report.field.count"), width: width * 0.15, align: "right" },
      { header: it("report.field.amount"), width: width * 0.25, align: "right" },
    ],
    [...request.byLine.map((l) => [`${l.code} ${l.title}`, String(l.count), euro(l.amountCents)]), [it("report.total"), String(request.count), euro(request.totalCents)]],
  );
  pack.heading(it("report.byCategory"), 11);
  pack.table(
    [
      { header: it("report.field.category"), width: width * 0.6 },
      { header: it("report.field.count"), width: width * 0.15, align: "right" },
      { header: it("report.field.amount"), width: width * 0.25, align: "right" },
    ],
    [...request.byCategory.map((c) => [it(`finance.category.${c.category}` as MessageKey), String(c.count), euro(c.amountCents)]), [it("report.total"), String(request.count), euro(request.totalCents)]],
  );

  pack.heading(it("report.expenses"));
  pack.table(
    [
      { header: it("report.field.number"), width: 30 },
      { header: it("report.field.paidOn"), width: 56 },
      { header: `${it("report.field.supplier")} · ${it("report.field.document")}`, width: 140 },
      { header: it("report.field.cig"), width: 62 },
      { header: it("report.field.documents"), width: width - 30 - 56 - 140 - 62 - 80 },
      { header: it("report.field.amount"), width: 80, align: "right" },
    ],
    expenses.map((e) => [
      String(e.id),
      formatDate(e.entryDate),
      `${e.supplier} · ${e.documentNumber} · ${e.lineCode}`,
      e.cig ?? "—",
      e.documents.map((d) => `${d.name} (${it(`documents.role.${d.role}` as MessageKey)})\nSHA-256 ${d.sha256}`).join("\n") || "—",
      euro(e.amountCents),
    ]),
  );

  pack.heading(it("report.attestation"));
  pack.paragraph(it("report.attestationIntro"));
  if (detail.attestationFrozenOn) pack.paragraph(it("report.attestationFrozen", { date: formatDate(detail.attestationFrozenOn) }));
  doc.moveDown(0.3);
  if (attestation.length)
    pack.table(
      [
        { header: it("report.field.checklist"), width: width * 0.25 },
        { header: it("report.field.subject"), width: width * 0.2 },
        { header: it("report.field.state"), width: width * 0.13 },
        { header: it("report.field.completedBy"), width: width * 0.21 },
        { header: it("report.field.verifiedBy"), width: width * 0.21 },
      ],
      attestation.map((c) => [
        `${c.title} (v${c.templateVersion})\n${c.reference}`,
        `${c.subjectKey}${c.subjectLabel ? `\n${c.subjectLabel}` : ""}`,
        checkState(c.state),
        c.completedByName ? `${c.completedByName}\n${formatTimestamp(c.completedAt!, "it")}` : "—",
        c.state === "verified" || c.state === "rejected" ? `${c.reviewedByName ?? "—"}\n${c.reviewedAt ? formatTimestamp(c.reviewedAt, "it") : ""}` : "—",
      ]),
    );
  else pack.paragraph(it("report.noChecks"), { colour: MUTED });

  pack.heading(it("report.history"), 11);
  pack.table(
    [
      { header: it("report.field.date"), width: 60 },
      { header: it("report.field.state"), width: 130 },
      { header: it("report.field.total"), width: 90, align: "right" },
      { header: it("report.field.by"), width: 100 },
      { header: it("report.field.note"), width: width - 380 },
    ],
    events.map((e) => [formatDate(e.date), it(`report.state.${e.toState}`), euro(e.totalCents), e.byName, e.note || "—"]),
  );
  pack.paragraph(`Impronta SHA-256 dell'elenco dei giustificativi (impronte.csv nello ZIP): ${manifestHash(detail)}`, { colour: MUTED, size: 8 });
  pack.finish(manifestHash(detail));
  return { fileName: reportFileName(detail, "pdf"), bytes: await done };
}

function documentsLimit() {
  const value = Number(process.env.EVIDENCE_ZIP_DOCUMENTS_MAX_BYTES);
  return Number.isFinite(value) && value > 0 ? value : 50 * 1024 * 1024;
}

export async function buildReportZip(actor: Actor, id: number): Promise<{ fileName: string; bytes: Buffer }> {
  requirePermission(actor, "read:documents");
  const detail = getReport(actor, id);
  const { report, request, expenses, attestation, events } = detail;
  // Loaded on first use (issue 15), like the evidence pack's.
  const JSZip: typeof JSZipModule = (await import("jszip")).default;
  const zip = new JSZip();
  // Fixed file dates: the same report in the same state yields the same archive.
  const date = new Date(report.updatedAt);
  const add = (name: string, data: string | Buffer) => zip.file(name, data, { date });
  const documentBytes = expenses.reduce((sum, e) => sum + e.documents.reduce((a, d) => a + d.sizeBytes, 0), 0);
  const withFiles = documentBytes <= documentsLimit();
  add(
    "LEGGIMI.txt",
    [
      `${it("report.numbered", { number: report.number })} – CUP ${report.cup}`,
      `${it("report.field.period")}: ${formatDate(report.periodFrom)} – ${formatDate(report.periodTo)}`,
      `${it("report.field.state")}: ${it(`report.state.${report.state}`)} (${formatDate(report.stateDate)})`,
      `${it("report.field.total")}: ${euro(request.totalCents)} (${request.count} spese)`,
      "",
      "impronte.csv elenca ogni giustificativo con la sua impronta SHA-256: sha256sum sul file in giustificativi/ deve restituire lo stesso valore.",
      withFiles ? "I giustificativi sono nella cartella giustificativi/, una sottocartella per spesa." : `I giustificativi (${documentBytes} byte) superano il limite dell'archivio: ci sono solo le impronte; i file si scaricano da Traguardi.`,
      `Impronta SHA-256 di impronte.csv (riportata nel piè di pagina del PDF): ${manifestHash(detail)}`,
      "File CSV con separatore ';', UTF-8; date ISO AAAA-MM-GG; importi in euro con la virgola decimale.",
      "",
    ].join("\r\n"),
  );
  add("impronte.csv", hashListCsv(detail));
  add(
    "spese.csv",
    toCsv([
      ["spesa", "data_pagamento", "fornitore", "cig", "documento_contabile", "descrizione", "voce_di_budget", "categoria", "importo_pagato_euro", "importo_rendicontato_euro", "giustificativi"],
      ...expenses.map((e) => [e.id, e.entryDate, e.supplier, e.cig, e.documentNumber, e.description, e.lineCode, e.category, csvMoney(e.paymentAmountCents), csvMoney(e.amountCents), e.documents.length]),
    ]),
  );
  add(
    "domanda_di_rimborso.csv",
    toCsv([
      ["aggregazione", "codice", "descrizione", "spese", "importo_euro"],
      ...request.byLine.map((l) => ["voce_di_budget", l.code, l.title, l.count, csvMoney(l.amountCents)]),
      ...request.byCategory.map((c) => ["categoria", c.category, it(`finance.category.${c.category}` as MessageKey), c.count, csvMoney(c.amountCents)]),
      ["totale", "", "", request.count, csvMoney(request.totalCents)],
    ]),
  );
  add(
    "attestazione_verifiche.csv",
    toCsv([
      ["checklist", "versione", "riferimento", "oggetto_tipo", "oggetto", "descrizione", "stato", "ciclo", "compilata_da", "compilata_il", "verificata_da", "verificata_il", "nota_revisione"],
      ...attestation.map((c) => [c.templateCode, c.templateVersion, c.reference, c.subjectType, c.subjectKey, c.subjectLabel, c.state, c.round, c.completedByName, c.completedAt, c.reviewedByName, c.reviewedAt, c.reviewNote]),
    ]),
  );
  add("storia.csv", toCsv([["data", "da_stato", "a_stato", "importo_euro", "registrato_da", "registrato_il", "nota"], ...events.map((e) => [e.date, e.fromState, e.toState, csvMoney(e.totalCents), e.byName, e.at, e.note])]));
  if (withFiles) {
    const store = getDocumentStore();
    for (const e of expenses)
      for (const d of e.documents) {
        const bytes = store.get(d.sha256);
        if (bytes) add(zipPath(e.id, d), bytes);
      }
  }
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { fileName: reportFileName(detail, "zip"), bytes };
}
