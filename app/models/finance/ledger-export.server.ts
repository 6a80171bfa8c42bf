import { PassThrough, Readable } from "node:stream";
import type ExcelJSModule from "exceljs";
import { formatDate } from "~/domain/core/dates";
import { CSV_BOM, csvLine, csvMoney } from "~/domain/core/csv";
import type { Translate } from "~/i18n";
import type { Actor } from "~/models/core/actor.server";
import { iterateLedgerEntries, type LedgerFilters, type LedgerListEntry } from "./ledger.server";

/**
 * The filtered ledger as CSV or XLSX, streamed: rows come one at a time from SQLite's cursor
 * (iterateLedgerEntries) and leave as soon as they are written, so a million entries never sit in
 * memory. XLSX uses exceljs's streaming WorkbookWriter.
 */
const BATCH = 2_000;

function headers(t: Translate) {
  return ["n.", t("finance.field.entryDate"), t("finance.field.kind"), t("finance.field.budgetLine"), t("finance.field.supplier"), t("finance.field.cig"), t("finance.field.documentNumber"), t("finance.field.amount"), t("finance.field.description"), "Storno di"];
}

export function ledgerCsvStream(actor: Actor, programmeId: number, filters: LedgerFilters, t: Translate): ReadableStream<Uint8Array> {
  const rows = iterateLedgerEntries(actor, programmeId, filters);
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = "";
      if (!started) {
        started = true;
        text += CSV_BOM + csvLine(headers(t));
      }
      for (let i = 0; i < BATCH; i++) {
        const next = rows.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        const e = next.value;
        text += csvLine([String(e.id), formatDate(e.entryDate), t(`finance.kind.${e.kind}`), e.lineCode, e.supplier, e.cig ?? "", e.documentNumber, csvMoney(e.amountCents), e.description, e.reversesEntryId ? String(e.reversesEntryId) : ""]);
      }
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      rows.return(undefined);
    },
  });
}

const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Waits until the zip has taken what the sheet wrote. exceljs's sheet stream (StreamBuf) hands its
 * buffers to the zip entry's stream without heeding backpressure, and the deflate runs on the
 * thread pool, so on a busy machine the rows ran ahead of the compression and the uncompressed XML
 * piled up in memory: +452 MB of RSS at 1,000,000 rows (npm run bench:export). The entry's stream
 * (readable-stream's PassThrough) still records that it needs a drain; waiting for it keeps the
 * backlog at a few of its buffers. Should a later exceljs hide that state, this waits for nothing
 * and the bench shows the RSS climbing again.
 */
type Pipe = { _writableState?: { needDrain?: boolean }; once: (event: "drain", listener: () => void) => unknown };
async function compressed(sheet: ExcelJSModule.Worksheet) {
  const pipes = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) if (pipe._writableState?.needDrain) await new Promise<void>((resolve) => pipe.once("drain", () => resolve()));
}

/** Excel's hard limit of rows per worksheet: beyond it the ledger goes on in another sheet. */
export const XLSX_SHEET_ROWS = 1_048_576;

/**
 * The filtered ledger as XLSX, streamed through exceljs's WorkbookWriter: every row is committed
 * (serialised and released) as soon as it is added, strings are written inline (no shared-string
 * table growing with the file), and only two styles exist (date, euro), set per column. A sheet
 * holds at most `sheetRows` rows (Excel's limit); the ledger then continues on "… (2)", with the
 * header repeated, and its title row says from which entry it goes on.
 */
export function ledgerXlsxStream(actor: Actor, programmeId: number, filters: LedgerFilters, t: Translate, title: string, options: { sheetRows?: number } = {}): ReadableStream<Uint8Array> {
  const sheetRows = options.sheetRows ?? XLSX_SHEET_ROWS;
  const output = new PassThrough();
  void (async () => {
    try {
      // Loaded on first use (issue 15): a worker that never exports doesn't carry the library's memory.
      const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
      workbook.creator = "Traguardi";
      const baseName = t("finance.tab.ledger").slice(0, 24).replace(/[\\/?*[\]:]/g, " ");
      const columns = [{ width: 9 }, { width: 12, style: { numFmt: "dd/mm/yyyy" } }, { width: 12 }, { width: 12 }, { width: 36 }, { width: 13 }, { width: 18 }, { width: 16, style: { numFmt: "#,##0.00 €;-#,##0.00 €" } }, { width: 48 }, { width: 10 }];
      let sheetCount = 0;
      let sheet!: ExcelJSModule.Worksheet;
      let rowsInSheet = 0;
      const startSheet = (heading: string) => {
        sheetCount++;
        sheet = workbook.addWorksheet(sheetCount === 1 ? baseName : `${baseName} (${sheetCount})`);
        sheet.columns = columns;
        const titleRow = sheet.addRow([heading]);
        titleRow.font = { bold: true, size: 13 };
        titleRow.commit();
        sheet.addRow([]).commit();
        const head = sheet.addRow(headers(t));
        head.font = { bold: true };
        head.commit();
        rowsInSheet = 3;
      };
      startSheet(title);
      let n = 0;
      for (const e of iterateLedgerEntries(actor, programmeId, filters) as Iterable<LedgerListEntry>) {
        if (rowsInSheet >= sheetRows) {
          sheet.commit();
          startSheet(`${title} · ${t("finance.export.sheetContinued", { sheet: sheetCount + 1, from: n + 1 })}`);
        }
        sheet.addRow([e.id, isoToDate(e.entryDate), t(`finance.kind.${e.kind}`), e.lineCode, e.supplier, e.cig ?? "", e.documentNumber, e.amountCents / 100, e.description, e.reversesEntryId ?? ""]).commit();
        rowsInSheet++;
        // Let the compression and the response drain (backpressure) and other requests run.
        if (++n % BATCH === 0) {
          await compressed(sheet);
          await new Promise<void>((resolve) => (output.writableNeedDrain ? output.once("drain", () => resolve()) : setImmediate(resolve)));
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return Readable.toWeb(output) as unknown as ReadableStream<Uint8Array>;
}
