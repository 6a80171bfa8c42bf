import { createHash } from "node:crypto";
import { isAmountInBounds, isDateInBounds } from "~/domain/core/bounds";
import { formatDate } from "~/domain/core/dates";
import { parseItalianAmount, parseItalianDateField } from "~/domain/core/italian-csv";
import type { Cents } from "~/domain/core/money";
import type { Message } from "~/i18n";
import type { ImportField, LedgerKind } from "./finance-values";

/**
 * The pure rules of a ledger CSV row: what each cell must look like, how a movement type and a
 * budget line are recognised, and the entry's business identity (fingerprint). No database here:
 * the model hands in the lookups (lines, value mapping) and gets back an entry or the row's problems.
 */
import { CIG_PATTERN } from "~/domain/core/pnrr-codes";
export { CIG_PATTERN };

/**
 * The business identity of an entry. The same row imported twice (or typed in again) has the same
 * fingerprint, and a unique index turns it away. A reversal's identity includes what it reverses
 * (the original's id when made in the app, the original's fingerprint when imported).
 */
export function ledgerFingerprint(entry: {
  lineCode: string;
  kind: string;
  entryDate: string;
  amountCents: number;
  supplier: string;
  cig?: string | null;
  documentNumber: string;
  reversesEntryId?: number | null;
  reversesKey?: string | null;
}) {
  const parts = [
    entry.lineCode.trim().toUpperCase(),
    entry.kind,
    entry.entryDate,
    String(entry.amountCents),
    entry.supplier.trim().replace(/\s+/g, " ").toUpperCase(),
    (entry.cig ?? "").trim().toUpperCase(),
    entry.documentNumber.trim().toUpperCase(),
    entry.reversesEntryId ? `R${entry.reversesEntryId}` : entry.reversesKey ? `R:${entry.reversesKey}` : "",
  ];
  return createHash("sha256").update(parts.join("\u001f")).digest("hex").slice(0, 32);
}

/** What a movement-type cell means: a commitment, a payment, or a reversal (of either kind). */
export const movementTypes = ["commitment", "payment", "reversal", "reversalCommitment", "reversalPayment"] as const;
export type MovementType = (typeof movementTypes)[number];

/** Lower-case, no accents, single spaces, no punctuation: how cells and headers are compared. */
export function normalizeValue(value: string) {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[€().°:,;'"/\\_-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words accounting systems use for movement types (normalised). */
export const movementSynonyms: Record<string, MovementType> = {
  impegno: "commitment",
  impegni: "commitment",
  imp: "commitment",
  i: "commitment",
  commitment: "commitment",
  "impegno di spesa": "commitment",
  determina: "commitment",
  pagamento: "payment",
  pagamenti: "payment",
  pag: "payment",
  p: "payment",
  payment: "payment",
  mandato: "payment",
  "mandato di pagamento": "payment",
  liquidazione: "payment",
  fattura: "payment",
  storno: "reversal",
  rettifica: "reversal",
  "nota di credito": "reversal",
  "nota credito": "reversal",
  nc: "reversal",
  annullamento: "reversal",
  reversal: "reversal",
  "storno impegno": "reversalCommitment",
  "storno di impegno": "reversalCommitment",
  "rettifica impegno": "reversalCommitment",
  "storno pagamento": "reversalPayment",
  "storno di pagamento": "reversalPayment",
  "storno mandato": "reversalPayment",
  "rettifica pagamento": "reversalPayment",
};

export function movementTypeOf(value: string): MovementType | undefined {
  return movementSynonyms[normalizeValue(value)];
}

/** A budget line as the import sees it. */
export interface LineRef {
  id: number;
  code: string;
  title: string;
}

/** Finds a line by its code (case-insensitive) or by its name (accents, case, punctuation ignored). */
export function lineMatcher(lines: readonly LineRef[]) {
  const byCode = new Map(lines.map((line) => [line.code.trim().toUpperCase(), line]));
  const byName = new Map<string, LineRef | null>();
  for (const line of lines) {
    const key = normalizeValue(line.title);
    byName.set(key, byName.has(key) ? null : line);
  }
  return (value: string): { line: LineRef; by: "code" | "name" } | undefined => {
    const code = byCode.get(value.trim().toUpperCase());
    if (code) return { line: code, by: "code" };
    const named = byName.get(normalizeValue(value));
    return named ? { line: named, by: "name" } : undefined;
  };
}

/** One row after the cell rules: either the entry's fields or its problems. */
export interface ParsedRow {
  budgetLineId: number;
  lineCode: string;
  movement: MovementType;
  entryDate: string;
  /** Signed as in the file. */
  amountCents: Cents;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  description: string;
  reference: string;
}

export interface CellProblem {
  field: ImportField;
  message: Message;
}

export interface RowLookups {
  /** The line a cell names (after the user's value mapping), or undefined. */
  line: (value: string) => LineRef | undefined;
  /** The movement type a cell names (after the user's value mapping), or undefined. */
  movement: (value: string) => MovementType | undefined;
  today: string;
}

/** Applies every cell rule to one row; collects every problem, not only the first. */
export function parseLedgerRow(value: (field: ImportField) => string, lookups: RowLookups): { row: ParsedRow | null; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const problem = (field: ImportField, key: Message["key"], params: Message["params"] = {}) =>
    problems.push({ field, message: { key, params: { value: value(field), ...params } } });

  const date = parseItalianDateField(value("entryDate"));
  if (!date.ok) problem("entryDate", date.problem === "empty" ? "finance.import.error.empty" : date.problem === "format" ? "finance.import.error.dateFormat" : "finance.import.error.dateInvalid");
  else if (date.value > lookups.today) problem("entryDate", "finance.import.error.dateFuture", { today: formatDate(lookups.today) });
  else if (!isDateInBounds(date.value)) problem("entryDate", "bounds.date");

  const movement = lookups.movement(value("kind"));
  if (!movement) problem("kind", value("kind") ? "finance.import.error.kind" : "finance.import.error.empty");

  const lineCell = value("lineCode");
  const line = lineCell ? lookups.line(lineCell) : undefined;
  if (!lineCell) problem("lineCode", "finance.import.error.empty");
  else if (!line) problem("lineCode", "finance.import.error.line");

  const amount = parseItalianAmount(value("amount"));
  if (!amount.ok) problem("amount", amount.problem === "empty" ? "finance.import.error.empty" : amount.problem === "decimals" ? "finance.import.error.amountDecimals" : "finance.import.error.amount");
  else if (amount.value === 0) problem("amount", "finance.import.error.amountZero");
  else if (!isAmountInBounds(amount.value)) problem("amount", "bounds.amount");

  const supplier = value("supplier").replace(/\s+/g, " ");
  if (!supplier) problem("supplier", "finance.import.error.empty");
  const documentNumber = value("documentNumber");
  if (!documentNumber) problem("documentNumber", "finance.import.error.empty");
  const cig = value("cig").toUpperCase();
  if (cig && !CIG_PATTERN.test(cig)) problem("cig", "finance.import.error.cig");
  const description = value("description").replace(/\s+/g, " ");
  if (description.length > 500) problem("description", "finance.import.error.tooLong", { max: 500 });
  if (problems.length) return { row: null, problems };
  return {
    row: {
      budgetLineId: line!.id,
      lineCode: line!.code,
      movement: movement!,
      entryDate: (date as { value: string }).value,
      amountCents: (amount as { value: number }).value,
      supplier,
      cig: cig || null,
      documentNumber,
      description,
      reference: value("reference"),
    },
    problems,
  };
}

/** A row is a reversal when its type says so or its amount is negative. */
export function isReversalRow(row: Pick<ParsedRow, "movement" | "amountCents">) {
  return row.movement === "reversal" || row.movement === "reversalCommitment" || row.movement === "reversalPayment" || row.amountCents < 0;
}

/** The ledger kind a row's type implies (a bare "Storno" implies none: its original decides). */
export function kindOfMovement(movement: MovementType): LedgerKind | null {
  if (movement === "commitment" || movement === "reversalCommitment") return "commitment";
  if (movement === "payment" || movement === "reversalPayment") return "payment";
  return null;
}
