import type ExcelJSModule from "exceljs";
import { changesText, describeChanges, entityWord } from "~/domain/audit/audit-words";
import { toCsv } from "~/domain/core/csv";
import { formatTimestamp } from "~/domain/core/dates";
import { isRole } from "~/domain/core/permissions";
import { translate, type Locale } from "~/i18n";
import type { Actor } from "~/models/core/actor.server";
import { listAuditForExport, type AuditFilters } from "~/models/audit/audit.server";

/**
 * The filtered audit log as a table in people's words, for CSV (the shared formula-safe writer)
 * and XLSX: when, who, role, operation, record type, item, and its changes in one cell.
 */
export function buildAuditTable(actor: Actor, filters: AuditFilters, locale: Locale) {
  const { entries, references } = listAuditForExport(actor, filters);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const header = [t("audit.when"), t("audit.who"), t("audit.role"), t("audit.action"), t("audit.entityType"), t("audit.entity"), t("audit.changes")];
  const actionWord = (action: string) => {
    const key = `audit.action.${action}` as Parameters<typeof translate>[1];
    const text = translate(locale, key);
    return text === key ? action : text;
  };
  const rows = entries.map((entry) => [
    formatTimestamp(entry.at, locale),
    entry.actorName,
    isRole(entry.actorRole) ? t(`role.${entry.actorRole}`) : entry.actorRole,
    actionWord(entry.action),
    entityWord(entry.entityType, locale),
    entry.entityLabel ?? "",
    changesText(describeChanges(entry.before, entry.after, locale, references)),
  ]);
  return { header, rows };
}

export function auditCsv(table: ReturnType<typeof buildAuditTable>): string {
  return toCsv([table.header, ...table.rows]);
}

export async function auditXlsx(table: ReturnType<typeof buildAuditTable>, title: string): Promise<Buffer> {
  // Loaded on first use (issue 15): a worker that never exports doesn't carry the library's memory.
  const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Traguardi";
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  [20, 22, 22, 16, 26, 40, 80].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.getColumn(7).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
