import type BetterSqlite3 from "better-sqlite3";
import type { LedgerKind } from "~/domain/finance/finance-values";

/**
 * The import's raw SQL, in one place. Prepared once per connection. These are the fast path the
 * README names: lookups per row during the scan, bulk inserts into the staging side table, and the
 * one INSERT … SELECT that publishes a job's staged rows to the ledger.
 */
type Row = { id: number; budget_line_id: number; kind: LedgerKind; amount_cents: number; remaining: number; document_number: string; entry_date: string; fingerprint: string; reverses_entry_id: number | null };

const REMAINING = `e.amount_cents + coalesce((select sum(r.amount_cents) from ledger_entry r where r.reverses_entry_id = e.id), 0)`;
const COLUMNS = `e.id, e.budget_line_id, e.kind, e.amount_cents, ${REMAINING} as remaining, e.document_number, e.entry_date, e.fingerprint, e.reverses_entry_id`;

function build(client: BetterSqlite3.Database) {
  const fingerprint = client.prepare(`select e.id, ${REMAINING} as remaining from ledger_entry e where e.fingerprint = ?`);
  const byDocument = client.prepare(
    `select ${COLUMNS} from ledger_entry e join budget_line l on l.id = e.budget_line_id
      where l.programme_id = ? and upper(e.document_number) = upper(?) and e.document_number = e.document_number`,
  );
  const byDocumentExact = client.prepare(
    `select ${COLUMNS} from ledger_entry e join budget_line l on l.id = e.budget_line_id
      where l.programme_id = ? and e.document_number in (?, upper(?), lower(?))`,
  );
  const byMatch = client.prepare(
    `select ${COLUMNS} from ledger_entry e
      where e.budget_line_id = ? and e.kind = ? and e.amount_cents = ? and e.reverses_entry_id is null
        and upper(e.supplier) = upper(?) and coalesce(e.cig, '') = ?`,
  );
  return {
    fingerprint: (value: string) => fingerprint.get(value) as { id: number; remaining: number } | undefined,
    byDocument: (programmeId: number, document: string) => {
      // Exact spellings use the index; the case-insensitive scan is the fallback.
      const exact = byDocumentExact.all(programmeId, document, document, document) as Row[];
      return exact.length ? exact : (byDocument.all(programmeId, document) as Row[]);
    },
    byMatch: (budgetLineId: number, kind: LedgerKind, supplier: string, cig: string | null, amount: number) =>
      byMatch.all(budgetLineId, kind, amount, supplier, cig ?? "") as Row[],
  };
}

const cache = new WeakMap<BetterSqlite3.Database, ReturnType<typeof build>>();
export function importSql(client: BetterSqlite3.Database) {
  let statements = cache.get(client);
  if (!statements) cache.set(client, (statements = build(client)));
  return statements;
}

export const STAGE_INSERT = `insert into import_staging (job_id, seq, row, budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, fingerprint, reverses_entry_id, reverses_seq)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Publishes a job's staged rows in seq order. Inside one statement of one transaction the
 * AUTOINCREMENT ids are consecutive, so staged row `seq` becomes entry `base + seq` and an in-file
 * reversal (reverses_seq) points at `base + reverses_seq`. The caller checks the count afterwards.
 */
export const PUBLISH = `insert into ledger_entry (id, budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, reverses_entry_id, import_batch_id, fingerprint, created_at, created_by_id)
  select :base + s.seq, s.budget_line_id, s.kind, s.entry_date, s.amount_cents, s.supplier, s.cig, s.document_number, s.description,
         coalesce(s.reverses_entry_id, :base + s.reverses_seq), :batch, s.fingerprint, :now, :actor
    from import_staging s where s.job_id = :job order by s.seq`;

/** The monthly totals of a bulk-published job, added per (line, kind, month) in one statement. */
export const PUBLISH_MONTHS = `insert into ledger_month (budget_line_id, kind, month, amount_cents, entry_count)
  select budget_line_id, kind, substr(entry_date, 1, 7), sum(amount_cents), count(*) from import_staging where job_id = ? group by 1, 2, 3
  on conflict (budget_line_id, kind, month) do update set amount_cents = amount_cents + excluded.amount_cents, entry_count = entry_count + excluded.entry_count`;

export const LEDGER_BASE_ID = `select max(coalesce((select seq from sqlite_sequence where name = 'ledger_entry'), 0), coalesce((select max(id) from ledger_entry), 0))`;
