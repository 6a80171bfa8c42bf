/** Closed vocabularies of the finance module, shared by schema, validation and UI. */
export const budgetCategories = [
  "infrastructure",
  "cloud_software",
  "development",
  "training",
  "personnel",
  "communication",
  "technical_assistance",
] as const;
export type BudgetCategory = (typeof budgetCategories)[number];

export const fundingSources = ["pnrr", "regional", "other"] as const;
export type FundingSource = (typeof fundingSources)[number];

export const ledgerKinds = ["commitment", "payment"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** The ledger fields a CSV import maps columns to; six are required. `reference` names the document a reversal reverses. */
export const importFields = ["entryDate", "kind", "lineCode", "amount", "supplier", "cig", "documentNumber", "description", "reference"] as const;
export type ImportField = (typeof importFields)[number];
export const requiredImportFields: readonly ImportField[] = ["entryDate", "kind", "lineCode", "amount", "supplier", "documentNumber"];
