import { getDocumentStore } from "~/models/documents/store.server";
import { addSnapshotDocuments } from "~/models/procurement/snapshot-sections.server";
import { createRequire } from "node:module";
import type JSZipModule from "jszip";
import { auditHead, type AuditHead } from "~/models/audit/audit.server";
import type PDFKitDocument from "pdfkit";
import type SvgToPdf from "svg-to-pdfkit";
import { formatDate, formatTimestamp } from "~/domain/core/dates";
import { toCsv, type CsvValue } from "~/domain/core/csv";
import { formatEuro } from "~/domain/core/money";
import { barsSvg, layoutBars, planRows, type BarMarker } from "~/domain/plan/plan-bars";
import { gateStanding } from "~/domain/plan/status";
import { consistencyOf } from "~/domain/snapshots/snapshot-content";
import { formatKeyedCell } from "~/domain/snapshots/keyed-format";
import { countFormatter } from "~/domain/core/count-format";
import { translate } from "~/i18n";
import type { KeyedTable } from "~/domain/snapshots/snapshot-content";
import { diffSnapshots, type SnapshotDiff } from "~/domain/snapshots/snapshot-diff";
import { serialiseSnapshot } from "~/domain/snapshots/snapshot-hash";
import type { ItemState } from "~/domain/plan/status";
import type { Actor } from "~/models/core/actor.server";
import { getPreviousSnapshot, getSnapshot } from "~/models/snapshots/snapshot.server";
import { compareCodes } from "~/domain/core/intl-cache";

/**
 * The evidence pack of a snapshot, for rendicontazione: a PDF (cover with the hash, dashboard
 * figures, the plan drawn as bars, spend, indicators, changes since the previous snapshot) and a
 * ZIP of CSVs with the underlying data plus the exact hashed JSON. Both are built only from the
 * frozen content, so they are the same whenever they are downloaded.
 */

const STATE_IT: Record<ItemState, string> = { done: "Completato", on_track: "In linea", at_risk: "A rischio", late: "In ritardo" };
const KIND_IT: Record<string, string> = {
  workPackage: "Work package",
  task: "Attività",
  milestone: "Milestone",
  gate: "Scadenza",
  budgetLine: "Voce di budget",
  dependency: "Dipendenza",
  training: "Formazione",
  indicator: "Indicatore",
};

export function evidenceFileName(summary: { id: number; asOf: string }, extension: "pdf" | "zip") {
  return `traguardi-istantanea-${summary.id}-${summary.asOf}.${extension}`;
}

// ---------------------------------------------------------------- PDF

/**
 * DejaVu Sans, embedded (subset) so every character users type prints: "→", "€", "≥", accented
 * letters. The PDF standard fonts know WinAnsi only, which turned "14 → 16" into "14 -> 16".
 */
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
const FONTS = { body: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", mono: "DejaVuSansMono.ttf" } as const;
const BODY = "Body";
const BOLD = "Body-Bold";
const MONO = "Mono";

export const PAGE = { margin: 48, width: 595.28, height: 841.89 };
const INK = "#1a1a1a";
export const MUTED = "#5c6f82";
const ACCENT = "#0066cc";

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

// pdfkit, svg-to-pdfkit and jszip are loaded on first use (issue 15): a worker that never builds an
// evidence pack doesn't carry them (tens of MB of RSS each).
let PDFDocument: typeof PDFKitDocument;
let SVGtoPDF: typeof SvgToPdf;
export async function loadPdfLibraries() {
  PDFDocument ??= (await import("pdfkit")).default;
  SVGtoPDF ??= (await import("svg-to-pdfkit")).default;
}

/** Shared with the other PDF renderers (the rendiconto di progetto); call `loadPdfLibraries()` first. */
export class PackWriter {
  readonly doc: PDFKit.PDFDocument;
  constructor(private title: string, subject = "Pacchetto di evidenze") {
    this.doc = new PDFDocument({ size: "A4", margin: PAGE.margin, bufferPages: true, info: { Title: title, Author: "Traguardi", Subject: subject } });
    this.doc.registerFont(BODY, fontFile(FONTS.body));
    this.doc.registerFont(BOLD, fontFile(FONTS.bold));
    this.doc.registerFont(MONO, fontFile(FONTS.mono));
    this.doc.font(BODY).fillColor(INK);
  }

  /** Text width of the current page layout (portrait by default). */
  width = PAGE.width - 2 * PAGE.margin;

  get bottom() {
    return this.doc.page.height - PAGE.margin - 20;
  }

  heading(text: string, size = 16) {
    this.ensure(size * 3);
    this.doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor(INK).text(text, PAGE.margin, undefined, { width: this.width });
    this.doc.moveDown(0.3).font(BODY).fontSize(10);
  }

  paragraph(text: string, options: { colour?: string; size?: number } = {}) {
    this.doc
      .font(BODY)
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? INK)
      .text(text, PAGE.margin, undefined, { width: this.width });
    this.doc.fillColor(INK);
  }

  ensure(space: number) {
    if (this.doc.y + space > this.bottom) this.newPage();
  }

  /** A new page in the current orientation. */
  newPage() {
    this.doc.addPage({ size: "A4", layout: this.doc.page.width > this.doc.page.height ? "landscape" : "portrait", margin: PAGE.margin });
  }

  /** A plain ruled table that continues on the next page, repeating its header. */
  table(columns: Column[], rows: string[][], options: { keepTogether?: boolean } = {}) {
    const x0 = PAGE.margin;
    const size = 8.5;
    const drawHeader = () => {
      let x = x0;
      const y = this.doc.y;
      this.doc.font(BOLD).fontSize(size).fillColor(MUTED);
      for (const column of columns) {
        this.doc.text(column.header, x + 2, y, { width: column.width - 4, align: column.align ?? "left" });
        x += column.width;
      }
      const height = Math.max(...columns.map((c) => this.doc.heightOfString(c.header, { width: c.width - 4 }))) + 4;
      this.doc.moveTo(x0, y + height).lineTo(x0 + columns.reduce((s, c) => s + c.width, 0), y + height).strokeColor("#b1b1b3").lineWidth(0.6).stroke();
      this.doc.y = y + height + 3;
      this.doc.font(BODY).fillColor(INK);
    };
    // A table that fits on one page is kept together rather than split into a stub: a near-empty
    // page of leftover rows is what the pack printed before (issue 10).
    this.doc.font(BODY).fontSize(size);
    const heights = rows.map((row) => Math.max(...row.map((cell, i) => this.doc.heightOfString(cell, { width: columns[i].width - 4 }))) + 3);
    const total = heights.reduce((a, b) => a + b, 0) + 24;
    const pageRoom = this.bottom - PAGE.margin;
    if ((options.keepTogether ?? true) && this.doc.y + total > this.bottom && total <= pageRoom && this.doc.y > PAGE.margin + pageRoom * 0.15) this.newPage();
    else this.ensure(40);
    drawHeader();
    for (const row of rows) {
      this.doc.font(BODY).fontSize(size);
      const height = Math.max(...row.map((cell, i) => this.doc.heightOfString(cell, { width: columns[i].width - 4 }))) + 3;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage({ size: "A4", layout: this.doc.page.width > this.doc.page.height ? "landscape" : "portrait", margin: PAGE.margin });
        drawHeader();
      }
      const y = this.doc.y;
      let x = x0;
      row.forEach((cell, i) => {
        this.doc.text(cell, x + 2, y, { width: columns[i].width - 4, align: columns[i].align ?? "left" });
        x += columns[i].width;
      });
      this.doc.y = y + height;
    }
    this.doc.x = PAGE.margin;
    this.doc.moveDown(0.5);
  }

  /** Page numbers and the hash on every page, once the content is laid out. */
  finish(hash: string) {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font(BODY)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(`${this.title} · SHA-256 ${hash.slice(0, 16)}… · pagina ${i + 1} di ${range.count}`, PAGE.margin, this.doc.page.height - PAGE.margin + 8, {
          width: this.doc.page.width - 2 * PAGE.margin,
          align: "center",
          lineBreak: false,
        });
      this.doc.page.margins.bottom = bottomMargin;
    }
    this.doc.end();
  }
}

export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

const euro = (cents: number) => formatEuro(cents, "it");
const signedEuro = (cents: number) => (cents > 0 ? `+${euro(cents)}` : euro(cents));
const signedDays = (days: number) => (days > 0 ? `+${days} gg` : `${days} gg`);

/** Frozen training and indicator tables, formatted by the same functions as the web's. */
function keyedRows(table: KeyedTable) {
  return table.rows.map((row) => [row.label, ...table.columns.map((column) => formatKeyedCell(row, column, "it"))]);
}

/** Value columns sized by what they hold; the label column takes the rest. */
function keyedColumns(table: KeyedTable, width: number): Column[] {
  const size: Record<KeyedTable["columns"][number]["kind"], number> = { date: 56, number: 58, percent: 56, cents: 80, text: 66 };
  const values = table.columns.map((c) => ({ header: c.label, width: size[c.kind], align: (c.kind === "text" || c.kind === "date" ? "left" : "right") as "left" | "right" }));
  const used = values.reduce((sum, c) => sum + c.width, 0);
  return [{ header: "", width: Math.max(140, width - used) }, ...values];
}

/** Rows of the plan chart per page: the chart is drawn in slices so every label stays legible. */
const CHART_ROWS_PER_PAGE = 34;
const LANDSCAPE_WIDTH = PAGE.height - 2 * PAGE.margin;
/** Beyond this many tasks the chart shows work packages and milestones only. */
const CHART_MAX_TASKS = 200;

function writeChanges(pack: PackWriter, diff: SnapshotDiff) {
  const width = PAGE.width - 2 * PAGE.margin;
  pack.paragraph(`Avanzamento complessivo: ${diff.overallProgress.before}% prima, ${diff.overallProgress.after}% dopo.`);
  if (diff.unchanged) {
    pack.paragraph("Nessuna differenza rispetto all'istantanea precedente.");
    return;
  }
  pack.heading("Attività e milestone spostate", 11);
  if (diff.moved.length)
    pack.table(
      [
        { header: "Elemento", width: width * 0.4 },
        { header: "Inizio prima / dopo", width: width * 0.2 },
        { header: "Fine prima / dopo", width: width * 0.25 },
        { header: "Spostamento", width: width * 0.15, align: "right" },
      ],
      diff.moved.map((m) => [
        `${KIND_IT[m.kind]} ${m.code} ${m.title}`,
        m.startBefore && m.startBefore !== m.startAfter ? `${formatDate(m.startBefore)} / ${formatDate(m.startAfter)}` : "—",
        `${formatDate(m.endBefore)} / ${formatDate(m.endAfter)}`,
        signedDays(m.endDays),
      ]),
    );
  else pack.paragraph("Nessuna.", { colour: MUTED });
  pack.heading("Variazioni di avanzamento", 11);
  if (diff.progress.length || diff.achieved.length)
    pack.table(
      [
        { header: "Elemento", width: width * 0.6 },
        { header: "Prima", width: width * 0.2, align: "right" },
        { header: "Dopo", width: width * 0.2, align: "right" },
      ],
      [
        ...diff.progress.map((p) => [`${KIND_IT[p.kind]} ${p.code} ${p.title}`, `${p.before}%`, `${p.after}%`]),
        ...diff.achieved.map((a) => [`Milestone raggiunta ${a.code} ${a.title}`, formatDate(a.before) || "—", formatDate(a.after) || "—"]),
      ],
    );
  else pack.paragraph("Nessuna.", { colour: MUTED });
  pack.heading("Variazioni di budget e spesa", 11);
  if (diff.budget.length)
    pack.table(
      [
        { header: "Voce di budget", width: width * 0.46 },
        { header: "Prima", width: width * 0.18, align: "right" },
        { header: "Dopo", width: width * 0.18, align: "right" },
        { header: "Variazione", width: width * 0.18, align: "right" },
      ],
      diff.budget.map((b) => [`${b.code} ${b.title}`, euro(b.before), euro(b.after), signedEuro(b.deltaCents)]),
    );
  if (diff.spend.length)
    pack.table(
      [
        { header: "Work package", width: width * 0.2 },
        { header: "Impegnato", width: width * 0.2, align: "right" },
        { header: "Variazione", width: width * 0.2, align: "right" },
        { header: "Pagato", width: width * 0.2, align: "right" },
        { header: "Variazione", width: width * 0.2, align: "right" },
      ],
      diff.spend.map((s) => [s.workPackageCode, euro(s.committedAfter), signedEuro(s.committedDelta), euro(s.paidAfter), signedEuro(s.paidDelta)]),
    );
  if (!diff.budget.length && !diff.spend.length) pack.paragraph("Nessuna.", { colour: MUTED });
  if (diff.tables.length) {
    pack.heading("Formazione e indicatori", 11);
    pack.table(
      [
        { header: "Voce", width: width * 0.45 },
        { header: "Campo", width: width * 0.25 },
        { header: "Prima", width: width * 0.15, align: "right" },
        { header: "Dopo", width: width * 0.15, align: "right" },
      ],
      diff.tables.map((c) => [c.label, c.columnLabel, c.beforeText, c.afterText]),
    );
  }
  pack.heading("Elementi aggiunti e rimossi", 11);
  const changes = [...diff.added.map((a) => ["Aggiunto", `${KIND_IT[a.kind]} ${a.code} ${a.title}`]), ...diff.removed.map((r) => ["Rimosso", `${KIND_IT[r.kind]} ${r.code} ${r.title}`])];
  if (changes.length) pack.table([{ header: "", width: width * 0.2 }, { header: "Elemento", width: width * 0.8 }], changes);
  else pack.paragraph("Nessuno.", { colour: MUTED });
}

export async function buildEvidencePdf(actor: Actor, id: number): Promise<{ fileName: string; bytes: Buffer; hash: string }> {
  await loadPdfLibraries();
  const stored = getSnapshot(actor, id);
  const { summary, verified } = stored;
  const content = stored.content;
  const previous = getPreviousSnapshot(actor, id);
  const pack = new PackWriter(`Istantanea «${summary.label}» al ${formatDate(summary.asOf)}`);
  const { doc } = pack;
  const done = toBuffer(doc);
  const width = PAGE.width - 2 * PAGE.margin;
  const { programme } = content;

  // Cover.
  doc.font(BODY).fontSize(11).fillColor(MUTED).text("Regione Emilia-Romagna · Traguardi · PNRR", { width });
  doc.moveDown(3).font(BOLD).fontSize(26).fillColor(ACCENT).text("Pacchetto di evidenze", { width });
  doc.moveDown(0.5).font(BOLD).fontSize(16).fillColor(INK).text(programme.name, { width });
  doc.moveDown(1.5).font(BODY).fontSize(11);
  const facts: [string, string][] = [
    ["Istantanea", summary.label],
    ["Data di riferimento", formatDate(summary.asOf)],
    ["Scattata il", `${formatTimestamp(summary.takenAt, "it")} da ${summary.takenByName}`],
    ["Tipo", summary.kind === "month_end" ? "Chiusura mensile" : "Manuale"],
    ["CUP", programme.cup],
    ["Misura PNRR", programme.measureCode],
    ["Soggetto attuatore", programme.implementingBody],
    ["Dotazione", euro(programme.totalBudgetCents)],
    ["Periodo", `${formatDate(programme.startDate)} – ${formatDate(programme.endDate)}`],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font(BOLD).fillColor(MUTED).text(label, PAGE.margin, y, { width: 150 });
    doc.font(BODY).fillColor(INK).text(value, PAGE.margin + 155, y, { width: width - 155 });
    doc.moveDown(0.4);
  }
  doc.moveDown(1.5).font(BOLD).fontSize(11).fillColor(INK).text("Impronta SHA-256 del contenuto", PAGE.margin, undefined, { width });
  doc.moveDown(0.3).font(MONO).fontSize(9.5).text(summary.hash, { width, lineBreak: false });
  const anchors = anchorLines(content.meta.auditHead, auditHead());
  doc.moveDown(0.8).font(BOLD).fontSize(11).fillColor(INK).text("Testa della catena di audit", PAGE.margin, undefined, { width });
  doc.moveDown(0.3).font(MONO).fontSize(8).text(anchors.join("\n"), { width });
  doc.moveDown(0.8).font(BODY).fontSize(9).fillColor(MUTED);
  doc.text(
    `${verified ? "Verificata al momento della generazione: il contenuto archiviato corrisponde all'impronta." : "ATTENZIONE: il contenuto archiviato NON corrisponde all'impronta."} ` +
      "L'impronta è calcolata sul JSON canonico (chiavi ordinate, senza spazi) incluso nell'archivio ZIP dei dati come istantanea.json: " +
      "chiunque può ricalcolarla con «sha256sum istantanea.json».",
    PAGE.margin,
    undefined,
    { width },
  );

  // Dashboard figures.
  doc.addPage();
  pack.heading("Cruscotto alla data");
  pack.paragraph(`Avanzamento complessivo: ${content.plan.overallProgress}% · ${content.plan.tasks.length} attività · ${content.plan.milestones.length} milestone · ${content.plan.workPackages.length} work package.`);
  pack.heading("Scadenze", 12);
  // The same state rules and words as the dashboard: a gate with every item done is met, not overdue.
  const consistency = consistencyOf(content);
  const standingText = (g: (typeof content.gates)[number]) => {
    const standing = gateStanding({ ...g, metDate: consistency.gateMetDates.get(g.id) ?? null });
    switch (standing.kind) {
      case "met":
        return standing.date ? translate("it", "dashboard.gateMet", { date: formatDate(standing.date) }) : translate("it", "dashboard.gateMetUndated");
      case "dueToday":
        return translate("it", "dashboard.dueToday");
      case "overdue":
        return translate("it", "dashboard.daysOverdue", { days: standing.days });
      case "remaining":
        return translate("it", "dashboard.daysRemaining", { days: standing.days });
    }
  };
  pack.table(
    [
      { header: "Scadenza", width: width * 0.32 },
      { header: "Data", width: width * 0.12 },
      { header: "Stato", width: width * 0.12 },
      { header: "Situazione", width: width * 0.2 },
      { header: "Completati / in linea / a rischio / in ritardo", width: width * 0.24, align: "right" },
    ],
    content.gates.map((g) => [`${g.code} ${g.name}`, formatDate(g.dueDate), STATE_IT[g.state], standingText(g), `${g.counts.done} / ${g.counts.on_track} / ${g.counts.at_risk} / ${g.counts.late}`]),
  );
  if (consistency.inconsistencies.length) {
    pack.heading("Incoerenze nel piano", 12);
    for (const item of consistency.inconsistencies)
      pack.paragraph(
        `${item.code} ${item.title} risulta raggiunto/completato, ma il predecessore ${item.predecessors.map((p) => `${p.code} ${p.title}${p.progress === null ? "" : ` (${p.progress}%)`}`).join(", ")} non è concluso.`,
        { colour: "#8a0f1a", size: 9 },
      );
  }
  pack.heading("Work package", 12);
  pack.table(
    [
      { header: "Work package", width: width * 0.46 },
      { header: "Inizio", width: width * 0.13 },
      { header: "Fine", width: width * 0.13 },
      { header: "Avanz.", width: width * 0.12, align: "right" },
      { header: "Stato", width: width * 0.16 },
    ],
    content.plan.workPackages.map((wp) => [`${wp.code} ${wp.title}`, formatDate(wp.startDate), formatDate(wp.endDate), `${wp.progress}%`, STATE_IT[wp.state]]),
  );
  pack.heading("Milestone", 12);
  pack.table(
    [
      { header: "Milestone", width: width * 0.44 },
      { header: "Codice PNRR", width: width * 0.14 },
      { header: "Scadenza", width: width * 0.13 },
      { header: "Raggiunta", width: width * 0.13 },
      { header: "Stato", width: width * 0.16 },
    ],
    content.plan.milestones.map((m) => [
      `${m.code} ${m.title}`,
      m.euCode ?? "—",
      formatDate(m.dueDate),
      formatDate(m.achievedDate) || "—",
      `${STATE_IT[m.state]}${consistency.openOf(`m${m.id}`).length ? ` · incoerenza: predecessore ${consistency.openOf(`m${m.id}`).join(", ")} non concluso` : ""}`,
    ]),
  );

  // The plan as bars on landscape pages, in slices of rows that fit a page, on one shared date axis.
  const tooMany = content.plan.tasks.length > CHART_MAX_TASKS;
  const rows = planRows(tooMany ? { ...content, plan: { ...content.plan, tasks: [] } } : content);
  const chartWidth = PAGE.height - 2 * PAGE.margin;
  const markers: BarMarker[] = [
    ...content.gates.map((g) => ({ date: g.dueDate, label: `${g.code} · ${formatDate(g.dueDate)}`, colour: "#d9364f" })),
    // Unlabelled on the chart (it would sit on a gate's label); the legend names it.
    { date: content.meta.asOf, label: "", colour: ACCENT, dashed: true },
  ];
  const full = layoutBars(rows, { width: chartWidth, labelWidth: 250, rowHeight: 12.5, extraDates: markers.map((m) => m.date) });
  const slices = Math.ceil(rows.length / CHART_ROWS_PER_PAGE);
  // Rows spread evenly over the pages, so the last one is not a stub.
  const perPage = Math.ceil(rows.length / Math.max(1, slices));
  for (let start = 0; start < rows.length; start += perPage) {
    doc.addPage({ size: "A4", layout: "landscape", margin: PAGE.margin });
    doc.font(BOLD).fontSize(14).fillColor(INK).text(`Cronoprogramma alla data${slices > 1 ? ` (${start / perPage + 1}/${slices})` : ""}`, PAGE.margin, PAGE.margin, { width: chartWidth });
    doc.font(BODY).fontSize(8).fillColor(MUTED);
    doc.text(
      `Barre blu: attività · blu scuro: work package · rombi: milestone · linee rosse: scadenze · linea tratteggiata: data di riferimento (${formatDate(content.meta.asOf)}).${tooMany ? ` Il programma ha ${content.plan.tasks.length} attività: il grafico mostra work package e milestone; l'elenco completo è nel file attivita.csv.` : ""}`,
      { width: chartWidth },
    );
    const slice = full.rows.slice(start, start + perPage);
    const aligned = { ...full, height: full.top + slice.length * full.rowHeight + 4, rows: slice.map((row, i) => ({ ...row, y: full.top + i * full.rowHeight })) };
    const top = doc.y + 6;
    SVGtoPDF(doc, barsSvg(aligned, { truncate: 60, fontSize: 7.5, markers }), PAGE.margin, top, {
      width: aligned.width,
      height: aligned.height,
      assumePt: true,
      // The chart's labels in the embedded font too ("14 → 16" in a title).
      fontCallback: (_family: string, bold: boolean) => (bold ? BOLD : BODY),
    });
    doc.y = top + aligned.height + 6;
    doc.x = PAGE.margin;
  }

  // Spend.
  doc.addPage({ size: "A4", layout: "portrait", margin: PAGE.margin });
  pack.heading("Budget e spesa alla data");
  if (content.finance) {
    const f = content.finance;
    pack.paragraph(`Somme di ${countFormatter("it").format(f.entryCount)} movimenti contabili fino al ${formatDate(content.meta.asOf)}.`, { colour: MUTED });
    const money: Column[] = [
      { header: "Budget", width: width * 0.17, align: "right" },
      { header: "Impegnato", width: width * 0.17, align: "right" },
      { header: "Pagato", width: width * 0.17, align: "right" },
      { header: "Residuo", width: width * 0.17, align: "right" },
    ];
    const figures = (r: { budgetCents: number; committedCents: number; paidCents: number }) => [euro(r.budgetCents), euro(r.committedCents), euro(r.paidCents), euro(r.budgetCents - r.paidCents)];
    pack.table(
      [{ header: "Work package", width: width * 0.32 }, ...money],
      [...f.byWorkPackage.map((r) => [r.workPackageId === null ? "Non assegnato" : r.workPackageCode, ...figures(r)]), ["Totale", ...figures(f.totals)]],
    );
    pack.heading("Voci di budget", 12);
    pack.table([{ header: "Voce", width: width * 0.32 }, ...money], f.budgetLines.map((l) => [`${l.code} ${l.title}`, ...figures(l)]));
  } else pack.paragraph("La sezione finanziaria non era attiva quando l'istantanea è stata scattata.", { colour: MUTED });

  // Indicators and training, on landscape pages: their tables are wide.
  doc.addPage({ size: "A4", layout: "landscape", margin: PAGE.margin });
  pack.width = LANDSCAPE_WIDTH;
  pack.heading("Indicatori");
  if (content.indicators) pack.table(keyedColumns(content.indicators, LANDSCAPE_WIDTH), keyedRows(content.indicators));
  else pack.paragraph("La sezione indicatori non era attiva quando l'istantanea è stata scattata.", { colour: MUTED });
  pack.heading("Formazione");
  if (content.training) pack.table(keyedColumns(content.training, LANDSCAPE_WIDTH), keyedRows(content.training));
  else pack.paragraph("La sezione formazione non era attiva quando l'istantanea è stata scattata.", { colour: MUTED });

  // Changes since the previous snapshot.
  doc.addPage({ size: "A4", layout: "portrait", margin: PAGE.margin });
  pack.width = width;
  pack.heading("Variazioni rispetto all'istantanea precedente");
  if (previous) {
    pack.paragraph(`Istantanea precedente: «${previous.summary.label}» al ${formatDate(previous.summary.asOf)}, SHA-256 ${previous.summary.hash}.`, { colour: MUTED, size: 9 });
    writeChanges(pack, diffSnapshots(previous.content, content));
  } else pack.paragraph("È la prima istantanea del programma: non ci sono variazioni da mostrare.");

  // Supporting documents (issue 14), last, after the changes and on the same page: what each EU
  // milestone/target and each expense rests on, with the hash the snapshot froze (in two halves,
  // so it fits a portrait column), naming the exact files.
  if (content.documents?.rows.length) {
    pack.heading("Documenti a supporto", 12);
    pack.paragraph("Documenti allegati a milestone e target, spese, procedure e work package alla data, con l'impronta SHA-256 del file; i file stessi sono nel pacchetto CSV ZIP.", { colour: MUTED, size: 9 });
    const rank = (attachedTo: string) => (attachedTo.startsWith("traguardo") ? 0 : attachedTo.startsWith("registrazione") ? 1 : 2);
    const rows = [...content.documents.rows].sort((a, b) => {
      const x = String(a.values.attachedTo ?? "");
      const y = String(b.values.attachedTo ?? "");
      return rank(x) - rank(y) || compareCodes(x, y) || compareCodes(a.key, b.key);
    });
    pack.table(
      [
        { header: "Documento", width: width * 0.28 },
        { header: "Tipo", width: width * 0.11 },
        { header: "Allegato a", width: width * 0.2 },
        { header: "SHA-256", width: width * 0.41 },
      ],
      rows.map((row) => {
        const sha = String(row.values.sha256 ?? "");
        return [row.label, `${row.values.role ?? ""}\n${row.values.size ?? ""}`, String(row.values.attachedTo ?? ""), `${sha.slice(0, 32)}\n${sha.slice(32)}`];
      }),
      { keepTogether: false },
    );
  }

  pack.finish(summary.hash);
  return { fileName: evidenceFileName(summary, "pdf"), bytes: await done, hash: summary.hash };
}

// ---------------------------------------------------------------- CSV ZIP

/** Semicolon-separated, UTF-8 with BOM, so Excel in Italian opens it as columns (the one CSV writer). */
function csv(header: string[], rows: CsvValue[][]) {
  return toCsv([header, ...rows]);
}

/** Cents as "1234,56": exact, and what Italian spreadsheets read as a number. */
const euroCell = (cents: number) => {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
};

function keyedCsv(table: KeyedTable) {
  return csv(["chiave", "voce", ...table.columns.map((c) => c.label)], table.rows.map((r) => [r.key, r.label, ...table.columns.map((c) => (c.kind === "cents" && typeof r.values[c.key] === "number" ? euroCell(r.values[c.key] as number) : (r.values[c.key] ?? null)))]));
}

export async function buildEvidenceZip(actor: Actor, id: number): Promise<{ fileName: string; bytes: Buffer }> {
  const { summary, content } = getSnapshot(actor, id);
  const JSZip: typeof JSZipModule = (await import("jszip")).default;
  const zip = new JSZip();
  // Fixed file dates: the same snapshot always yields the same archive.
  const add = (name: string, data: string) => zip.file(name, data, { date: new Date(summary.takenAt) });
  const wpCode = new Map(content.plan.workPackages.map((wp) => [wp.id, wp.code]));
  const gateCode = new Map(content.gates.map((g) => [g.id, g.code]));
  add("istantanea.json", serialiseSnapshot(content));
  add(
    "LEGGIMI.txt",
    [
      `Istantanea «${summary.label}» al ${formatDate(summary.asOf)} (n. ${summary.id})`,
      `Programma: ${content.programme.name} · CUP ${content.programme.cup}`,
      `Scattata il ${formatTimestamp(summary.takenAt, "it")} da ${summary.takenByName}`,
      `SHA-256: ${summary.hash}`,
      ...anchorLines(content.meta.auditHead, auditHead()),
      "",
      "istantanea.json è il contenuto esatto su cui è calcolata l'impronta: sha256sum istantanea.json deve restituire il valore qui sopra.",
      "I file CSV (separatore ';', UTF-8) ne riportano i dati in tabelle: date ISO AAAA-MM-GG, importi in euro con la virgola decimale.",
      "",
    ].join("\r\n"),
  );
  add("scadenze.csv", csv(["codice", "nome", "data", "stato", "giorni_rimanenti", "completati", "in_linea", "a_rischio", "in_ritardo"], content.gates.map((g) => [g.code, g.name, g.dueDate, g.state, g.daysRemaining, g.counts.done, g.counts.on_track, g.counts.at_risk, g.counts.late])));
  add(
    "work_package.csv",
    csv(["codice", "titolo", "responsabile", "inizio", "fine", "scadenza", "avanzamento", "stato"], content.plan.workPackages.map((wp) => [wp.code, wp.title, wp.owner, wp.startDate, wp.endDate, gateCode.get(wp.gateId) ?? "", wp.progress, wp.state])),
  );
  add(
    "attivita.csv",
    csv(["codice", "work_package", "titolo", "responsabile", "inizio", "fine", "avanzamento", "stato_attivita", "stato"], content.plan.tasks.map((t) => [t.code, wpCode.get(t.workPackageId) ?? "", t.title, t.owner, t.startDate, t.endDate, t.progress, t.status, t.state])),
  );
  add(
    "milestone.csv",
    csv(["codice", "work_package", "titolo", "codice_pnrr", "scadenza_data", "raggiunta_il", "scadenza", "stato"], content.plan.milestones.map((m) => [m.code, wpCode.get(m.workPackageId) ?? "", m.title, m.euCode, m.dueDate, m.achievedDate, gateCode.get(m.gateId) ?? "", m.state])),
  );
  add("dipendenze.csv", csv(["predecessore", "successore"], content.plan.dependencies.map((d) => [d.from, d.to])));
  if (content.finance) {
    add(
      "voci_di_budget.csv",
      csv(["codice", "titolo", "work_package", "budget_euro", "impegnato_euro", "pagato_euro"], content.finance.budgetLines.map((l) => [l.code, l.title, l.workPackageId === null ? "" : (wpCode.get(l.workPackageId) ?? ""), euroCell(l.budgetCents), euroCell(l.committedCents), euroCell(l.paidCents)])),
    );
    add(
      "spesa_per_work_package.csv",
      csv(["work_package", "budget_euro", "impegnato_euro", "pagato_euro"], content.finance.byWorkPackage.map((r) => [r.workPackageCode, euroCell(r.budgetCents), euroCell(r.committedCents), euroCell(r.paidCents)])),
    );
  }
  if (content.training) add("formazione.csv", keyedCsv(content.training));
  if (content.indicators) add("indicatori.csv", keyedCsv(content.indicators));
  addSnapshotDocuments(zip, content, new Date(summary.takenAt), getDocumentStore()); // documents and evidence (issue 13)
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { fileName: evidenceFileName(summary, "zip"), bytes };
}

/**
 * The chain heads an evidence pack carries away (issue 11): the one frozen in the snapshot and the
 * one at the moment the pack was made, each as "id:hash", the form the Verify page and
 * `npm run audit:verify -- <id>:<hash>` take back.
 */
function anchorLines(atSnapshot: AuditHead | null | undefined, now: AuditHead | null): string[] {
  return [
    `Testa della catena all'istantanea: ${atSnapshot ? `${atSnapshot.id}:${atSnapshot.hash}` : "non registrata (istantanea precedente all'ancoraggio)"}`,
    `Testa della catena alla generazione del pacchetto: ${now ? `${now.id}:${now.hash}` : "catena vuota"}`,
  ];
}
