import { formatDate, isIsoDate } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";

/**
 * The audit log in people's words (issue 10): record types, field names and values as an auditor
 * reads them, in Italian and English, instead of the schema's ("amountCents", "ledger_entry",
 * "payment"). Pure: the page and the CSV/XLSX export both call it; ids are turned into names by
 * the audit model, which passes them in as `references`.
 */
type Locale = "it" | "en";
type Words = Record<string, { it: string; en: string }>;

export const ENTITY_WORDS: Words = {
  programme: { it: "Programma", en: "Programme" },
  work_package: { it: "Work package", en: "Work package" },
  task: { it: "Attività", en: "Task" },
  milestone: { it: "Milestone", en: "Milestone" },
  dependency: { it: "Dipendenza", en: "Dependency" },
  gate: { it: "Scadenza", en: "Deadline" },
  user: { it: "Utente", en: "User" },
  session: { it: "Sessione", en: "Session" },
  budget_line: { it: "Linea di budget", en: "Budget line" },
  budget_line_profile: { it: "Profilo di spesa della linea", en: "Budget line spend profile" },
  ledger_entry: { it: "Movimento contabile", en: "Ledger entry" },
  import_batch: { it: "Importazione movimenti", en: "Ledger import" },
  gantt_change: { it: "Riprogrammazione Gantt", en: "Gantt rescheduling" },
  snapshot: { it: "Istantanea", en: "Snapshot" },
  indicator: { it: "Indicatore", en: "Indicator" },
  indicator_measurement: { it: "Rilevazione dell'indicatore", en: "Indicator measurement" },
  milestone_catalogue_link: { it: "Collegamento al catalogo PNRR", en: "PNRR catalogue link" },
  training_wave: { it: "Edizione formativa", en: "Training wave" },
  training_session: { it: "Sessione formativa", en: "Training session" },
  training_completion: { it: "Formati", en: "People trained" },
  training_import_batch: { it: "Importazione formati", en: "Training import" },
  health_authority: { it: "Azienda sanitaria", en: "Health authority" },
  regis_pack: { it: "Pacchetto dati ReGiS", en: "ReGiS data pack" },
  expense_report: { it: "Rendiconto di progetto", en: "Project expense report" },
  // Seed records group a whole domain's first load.
  finance: { it: "Dati finanziari", en: "Finance data" },
  training: { it: "Dati della formazione", en: "Training data" },
};

export const FIELD_WORDS: Words = {
  manifestSha256: { it: "Impronta dell'indice (SHA-256)", en: "Manifest hash (SHA-256)" },
  amountCents: { it: "Importo", en: "Amount" },
  // Rendiconto di progetto (issue 14).
  periodFrom: { it: "Periodo dal", en: "Period from" },
  periodTo: { it: "Periodo al", en: "Period to" },
  stateDate: { it: "Data dello stato", en: "State date" },
  ledgerEntryIds: { it: "Spese (movimenti)", en: "Expenses (ledger entries)" },
  plannedCents: { it: "Importo previsto", en: "Planned amount" },
  totalBudgetCents: { it: "Dotazione", en: "Budget" },
  budgetLineId: { it: "Linea di budget", en: "Budget line" },
  workPackageId: { it: "Work package", en: "Work package" },
  gateId: { it: "Scadenza da rispettare", en: "Deadline to meet" },
  createdById: { it: "Registrato da", en: "Recorded by" },
  importedById: { it: "Importato da", en: "Imported by" },
  userId: { it: "Utente", en: "User" },
  importBatchId: { it: "Importazione", en: "Import" },
  reversesEntryId: { it: "Storna il movimento", en: "Reverses entry" },
  healthAuthorityId: { it: "Azienda sanitaria", en: "Health authority" },
  waveId: { it: "Edizione formativa", en: "Training wave" },
  indicatorId: { it: "Indicatore", en: "Indicator" },
  milestoneId: { it: "Milestone", en: "Milestone" },
  catalogueItemId: { it: "Voce del catalogo PNRR", en: "PNRR catalogue item" },
  entryDate: { it: "Data del movimento", en: "Entry date" },
  kind: { it: "Tipo", en: "Kind" },
  documentNumber: { it: "Numero documento", en: "Document number" },
  supplier: { it: "Fornitore", en: "Supplier" },
  cig: { it: "CIG", en: "CIG" },
  cup: { it: "CUP", en: "CUP" },
  category: { it: "Categoria", en: "Category" },
  fundingSource: { it: "Fonte di finanziamento", en: "Funding source" },
  month: { it: "Mese", en: "Month" },
  code: { it: "Codice", en: "Code" },
  title: { it: "Titolo", en: "Title" },
  name: { it: "Nome", en: "Name" },
  nameEn: { it: "Nome (inglese)", en: "Name (English)" },
  description: { it: "Descrizione", en: "Description" },
  owner: { it: "Responsabile", en: "Owner" },
  startDate: { it: "Inizio", en: "Start" },
  endDate: { it: "Fine", en: "End" },
  dueDate: { it: "Scadenza", en: "Due" },
  achievedDate: { it: "Raggiunta il", en: "Achieved on" },
  progress: { it: "Avanzamento (%)", en: "Progress (%)" },
  status: { it: "Stato attività", en: "Task status" },
  euCode: { it: "Codice milestone/target PNRR", en: "PNRR milestone/target code" },
  predecessor: { it: "Predecessore", en: "Predecessor" },
  successor: { it: "Successore", en: "Successor" },
  predecessorKey: { it: "Predecessore", en: "Predecessor" },
  successorKey: { it: "Successore", en: "Successor" },
  email: { it: "Email", en: "Email" },
  role: { it: "Ruolo", en: "Role" },
  active: { it: "Attivo", en: "Active" },
  fileName: { it: "File", en: "File" },
  fileHash: { it: "Impronta del file", en: "File fingerprint" },
  rowCount: { it: "Righe", en: "Rows" },
  entryCount: { it: "Movimenti", en: "Entries" },
  importedCount: { it: "Importati", en: "Imported" },
  skippedCount: { it: "Ignorati", en: "Skipped" },
  count: { it: "Numero", en: "Count" },
  value: { it: "Valore", en: "Value" },
  date: { it: "Data", en: "Date" },
  note: { it: "Nota", en: "Note" },
  label: { it: "Etichetta", en: "Label" },
  asOf: { it: "Data di riferimento", en: "Reference date" },
  hash: { it: "Impronta SHA-256", en: "SHA-256 fingerprint" },
  undone: { it: "Annullata", en: "Undone" },
  restored: { it: "Elementi ripristinati", en: "Items restored" },
  summary: { it: "Sintesi", en: "Summary" },
  baseline: { it: "Valore di base", en: "Baseline" },
  targetValue: { it: "Target", en: "Target" },
  unit: { it: "Unità", en: "Unit" },
  capacity: { it: "Posti", en: "Places" },
  targetHeadcount: { it: "Da formare", en: "To train" },
  professionalGroup: { it: "Gruppo professionale", en: "Professional group" },
  deliveryMode: { it: "Modalità", en: "Delivery mode" },
  location: { it: "Sede", en: "Location" },
  // The seed's counts of what it loaded.
  programme: { it: "Programmi", en: "Programmes" },
  gate: { it: "Scadenze", en: "Deadlines" },
  workPackage: { it: "Work package", en: "Work packages" },
  task: { it: "Attività", en: "Tasks" },
  milestone: { it: "Milestone", en: "Milestones" },
  dependency: { it: "Dipendenze", en: "Dependencies" },
  user: { it: "Utenti", en: "Users" },
  budgetLine: { it: "Linee di budget", en: "Budget lines" },
  profileMonth: { it: "Mesi di profilo di spesa", en: "Spend profile months" },
  ledgerEntry: { it: "Movimenti contabili", en: "Ledger entries" },
  healthAuthority: { it: "Aziende sanitarie", en: "Health authorities" },
  indicator: { it: "Indicatori", en: "Indicators" },
  indicatorMeasurement: { it: "Rilevazioni degli indicatori", en: "Indicator measurements" },
  trainingCompletion: { it: "Registrazioni di formati", en: "Training completions" },
  trainingSession: { it: "Sessioni formative", en: "Training sessions" },
  trainingWave: { it: "Edizioni formative", en: "Training waves" },
};

/** Values of enumerations, by field. */
export const VALUE_WORDS: Record<string, Words> = {
  kind: {
    payment: { it: "Pagamento", en: "Payment" },
    commitment: { it: "Impegno", en: "Commitment" },
    reversal: { it: "Storno", en: "Reversal" },
    adjustment: { it: "Rettifica", en: "Adjustment" },
    milestone: { it: "Milestone", en: "Milestone" },
    target: { it: "Target", en: "Target" },
  },
  status: {
    planned: { it: "Da avviare", en: "Planned" },
    in_progress: { it: "In corso", en: "In progress" },
    completed: { it: "Completata", en: "Completed" },
    suspended: { it: "Sospesa", en: "Suspended" },
  },
  role: {
    admin: { it: "Amministratore", en: "Administrator" },
    manager: { it: "Responsabile di programma", en: "Programme manager" },
    finance: { it: "Ufficio finanziario", en: "Finance office" },
    auditor: { it: "Revisore", en: "Auditor" },
  },
  deliveryMode: {
    in_person: { it: "In presenza", en: "In person" },
    e_learning: { it: "E-learning", en: "E-learning" },
    blended: { it: "Mista", en: "Blended" },
  },
  unit: {
    percent: { it: "Percentuale", en: "Percentage" },
    count: { it: "Numero", en: "Count" },
    number: { it: "Valore", en: "Value" },
  },
};

/** Names of what ids point to, by field: `{ budgetLineId: { "1": "BL-01 Cloud" } }`. */
export type AuditReferences = Record<string, Record<string, string>>;

/** Item keys ("t15", "m4", "wp2") are resolved through the `itemKey` table. */
const ITEM_KEY = /^(t|m|wp)\d+$/;

const humanise = (field: string) => field.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

export function entityWord(entityType: string, locale: Locale): string {
  return ENTITY_WORDS[entityType]?.[locale] ?? humanise(entityType.replace(/_/g, " "));
}

export function fieldWord(field: string, locale: Locale): string {
  return FIELD_WORDS[field]?.[locale] ?? humanise(field);
}

export function valueWord(field: string, value: unknown, locale: Locale, references: AuditReferences = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? (locale === "it" ? "Sì" : "Yes") : "No";
  if (typeof value === "number" && /Cents$/.test(field)) return formatEuro(value, locale);
  const reference = references[field]?.[String(value)];
  if (reference) return reference;
  if (typeof value === "string") {
    if (isIsoDate(value)) return formatDate(value);
    const word = VALUE_WORDS[field]?.[value]?.[locale];
    if (word) return word;
    if (ITEM_KEY.test(value) && references.itemKey?.[value]) return references.itemKey[value];
  }
  if (Array.isArray(value)) return value.map((item) => valueWord(field, item, locale, references)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export interface AuditChangeLine {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Each field of a record: its name and its value before and after, in words. */
export function describeChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  locale: Locale,
  references: AuditReferences = {},
): AuditChangeLine[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({
    field,
    label: fieldWord(field, locale),
    before: before ? valueWord(field, before[field], locale, references) : null,
    after: after ? valueWord(field, after[field], locale, references) : null,
  }));
}

/** One line of text for a record's changes (CSV/XLSX cells): "Importo: € 1,00 → € 2,00; Tipo: Pagamento". */
export function changesText(lines: readonly AuditChangeLine[]): string {
  return lines
    .map((line) => `${line.label}: ${line.before !== null && line.after !== null ? `${line.before} → ${line.after}` : (line.after ?? line.before)}`)
    .join("; ");
}
