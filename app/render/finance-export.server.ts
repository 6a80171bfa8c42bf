import type ExcelJSModule from "exceljs";
import { toCsv, type CsvValue } from "~/domain/core/csv";
import { formatDate } from "~/domain/core/dates";
import { formatIndex } from "~/domain/evm";
import type { Translate } from "~/i18n";
import type { Actor } from "~/models/core/actor.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { listBudgetLines } from "~/models/finance/budget-lines.server";
import { listLedgerEntries, type LedgerFilters } from "~/models/finance/ledger.server";
import { getEarnedValue, getSpendSummary, getSpendTable } from "~/models/finance/spend.server";

/**
 * Every finance view as a plain sheet (title, typed columns, rows), written as XLSX or as an
 * Italian CSV (';' separators, BOM, 1234567,89 amounts, dd/mm/yyyy dates).
 */
type ColumnKind = "text" | "money" | "date" | "ratio" | "index";
export interface Sheet {
  name: string;
  title: string;
  columns: { header: string; kind: ColumnKind }[];
  rows: (string | number | null)[][];
}

export const exportViews = ["summary", "scurve", "table", "evm", "ledger", "budget"] as const;
export type ExportView = (typeof exportViews)[number];

const MAX_LEDGER_ROWS = 1_000_000;

export function buildSheet(actor: Actor, t: Translate, view: ExportView, options: { asOf: string; year: number; ledger: LedgerFilters }): Sheet {
  const programme = getCurrentProgramme(actor);
  const asOfText = `${t("finance.asOf")} ${formatDate(options.asOf)}`;
  const money = (header: string) => ({ header, kind: "money" as const });
  const text = (header: string) => ({ header, kind: "text" as const });
  switch (view) {
    case "summary": {
      const data = getSpendSummary(actor, programme.id, options.asOf);
      return {
        name: t("finance.tab.summary"),
        title: `${programme.name} – ${asOfText}`,
        columns: [text(t("finance.col.workPackage")), money(t("finance.col.budget")), money(t("finance.summary.plannedToDate")), money(t("finance.summary.committed")), money(t("finance.summary.paid")), { header: t("finance.summary.absorption"), kind: "ratio" }, money(t("finance.summary.eac"))],
        rows: [
          ...data.byWorkPackage.map((wp) => [`${wp.code} ${wp.title}`, wp.budget, wp.plannedToDate, wp.committed, wp.paid, wp.absorption, wp.eac]),
          [t("finance.col.total"), data.summary.budget, data.summary.plannedToDate, data.summary.committed, data.summary.paid, data.summary.absorption, data.summary.forecastAtCompletion],
        ],
      };
    }
    case "scurve": {
      const data = getSpendSummary(actor, programme.id, options.asOf);
      return {
        name: "Curva S",
        title: `${t("finance.chart.title")} – ${asOfText}`,
        columns: [text(t("finance.chart.month")), money(t("finance.table.planned")), money(t("finance.table.committed")), money(t("finance.table.paid")), money(t("finance.chart.planned")), money(t("finance.chart.committed")), money(t("finance.chart.paid"))],
        rows: data.months.map((m) => [`${m.month.slice(5)}/${m.month.slice(0, 4)}`, m.planned, m.cumCommitted === null ? null : m.committed, m.cumPaid === null ? null : m.paid, m.cumPlanned, m.cumCommitted, m.cumPaid]),
      };
    }
    case "table": {
      const data = getSpendTable(actor, programme.id, options.asOf, options.year);
      const columns = [text(t("finance.col.workPackage")), text(t("finance.col.line")), text("Trimestre"), money(t("finance.table.planned")), money(t("finance.summary.plannedToDate")), money(t("finance.table.committed")), money(t("finance.table.paid")), text("Scostamento")];
      const rows: Sheet["rows"] = [];
      for (const wp of data.workPackages)
        for (const line of wp.lines)
          line.quarters.forEach((cell, i) =>
            rows.push([wp.code, `${line.code} ${line.title}`, `T${i + 1} ${data.year}`, cell.planned, cell.plannedToDate, cell.committed, cell.paid, cell.flag ? t(cell.flag === "over" ? "finance.table.over" : "finance.table.under") : ""]),
          );
      return { name: `Trimestri ${data.year}`, title: `${t("finance.table.title")} – ${data.year} – ${asOfText}`, columns, rows };
    }
    case "evm": {
      const data = getEarnedValue(actor, programme.id, options.asOf);
      const row = (label: string, progress: number, e: (typeof data)["total"]) => [label, progress / 100, e.bac, e.pv, e.ev, e.ac, e.spi, e.cpi, e.eac];
      return {
        name: "EVM",
        title: `${t("finance.evm.title")} – ${asOfText}`,
        columns: [text(t("finance.col.workPackage")), { header: t("finance.evm.progress"), kind: "ratio" }, money(t("finance.col.budget")), money(t("finance.evm.pv")), money(t("finance.evm.ev")), money(t("finance.evm.ac")), { header: t("finance.evm.spi"), kind: "index" }, { header: t("finance.evm.cpi"), kind: "index" }, money(t("finance.evm.eac"))],
        rows: [...data.workPackages.map((wp) => row(`${wp.code} ${wp.title}`, wp.progress, wp.evm)), row(t("finance.evm.programme"), data.totalProgress, data.total)],
      };
    }
    case "ledger": {
      const data = listLedgerEntries(actor, programme.id, { ...options.ledger, page: 1 }, { pageSize: MAX_LEDGER_ROWS });
      return {
        name: t("finance.tab.ledger"),
        title: `${t("finance.ledger.title")} – ${asOfText}`,
        columns: [text("n."), { header: t("finance.field.entryDate"), kind: "date" }, text(t("finance.field.kind")), text(t("finance.field.budgetLine")), text(t("finance.field.supplier")), text(t("finance.field.cig")), text(t("finance.field.documentNumber")), money(t("finance.field.amount")), text(t("finance.field.description")), text("Storno di")],
        rows: data.entries.map((e) => [String(e.id), e.entryDate, t(`finance.kind.${e.kind}`), e.lineCode, e.supplier, e.cig ?? "", e.documentNumber, e.amountCents, e.description, e.reversesEntryId ? String(e.reversesEntryId) : ""]),
      };
    }
    case "budget": {
      const data = listBudgetLines(actor, programme.id);
      return {
        name: t("finance.budget.title"),
        title: `${t("finance.budget.title")} – ${programme.name}`,
        columns: [text(t("finance.col.workPackage")), text(t("finance.field.code")), text(t("finance.field.title")), text(t("finance.field.category")), text(t("finance.field.fundingSource")), text(t("finance.field.cup")), money(t("finance.field.amount")), money(t("finance.budget.profileTotal"))],
        rows: [
          ...data.lines.map((l) => [l.workPackageCode, l.code, l.title, t(`finance.category.${l.category}`), t(`finance.funding.${l.fundingSource}`), l.cup, l.amountCents, l.profileCents]),
          [t("finance.col.total"), "", "", "", "", "", data.linesTotal, null],
        ],
      };
    }
  }
}

/** Cents as "1234567,89" (no thousands separator, so spreadsheets read it back as a number). */
function csvMoney(cents: number) {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** The sheet as Italian CSV through the one CSV writer (formula cells neutralised). */
export function sheetToCsv(sheet: Sheet): string {
  const rows: CsvValue[][] = [sheet.columns.map((c) => c.header)];
  for (const row of sheet.rows) {
    rows.push(
      row.map((value, i) => {
        if (value === null || value === undefined) return null;
        const kind = sheet.columns[i].kind;
        if (kind === "money") return csvMoney(Number(value));
        if (kind === "date") return formatDate(String(value));
        if (kind === "ratio") return (Number(value) * 100).toFixed(1).replace(".", ",") + "%";
        if (kind === "index") return formatIndex(Number(value));
        return String(value);
      }),
    );
  }
  return toCsv(rows);
}

export async function sheetToXlsx(sheet: Sheet): Promise<Buffer> {
  // Loaded on first use (issue 15): a worker that never exports doesn't carry the library's memory.
  const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Traguardi";
  const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  worksheet.addRow([sheet.title]).font = { bold: true, size: 13 };
  worksheet.addRow([]);
  const header = worksheet.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of sheet.rows) {
    worksheet.addRow(
      row.map((value, i) => {
        if (value === null || value === undefined) return null;
        const kind = sheet.columns[i].kind;
        // Spreadsheet cells hold euros; the figures were exact cents up to here.
        if (kind === "money") return Number(value) / 100;
        if (kind === "date") {
          const [y, m, d] = String(value).split("-").map(Number);
          return new Date(Date.UTC(y, m - 1, d));
        }
        return value;
      }),
    );
  }
  sheet.columns.forEach((column, i) => {
    const col = worksheet.getColumn(i + 1);
    col.width = column.kind === "text" ? 28 : 18;
    if (column.kind === "money") col.numFmt = '"€" #,##0.00;-"€" #,##0.00';
    if (column.kind === "date") col.numFmt = "dd/mm/yyyy";
    if (column.kind === "ratio") col.numFmt = "0.0%";
    if (column.kind === "index") col.numFmt = "0.00";
  });
  worksheet.views = [{ state: "frozen", ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
