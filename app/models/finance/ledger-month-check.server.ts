import { sql } from "drizzle-orm";
import { getDb, type Conn } from "~/models/core/db.server";

export interface LedgerMonthDifference {
  budgetLineId: number;
  kind: string;
  month: string;
  storedCents: number | null;
  entriesCents: number | null;
  storedCount: number | null;
  entriesCount: number | null;
}

/**
 * `ledger_month` is derived data: recomputed here from `ledger_entry` (the append-only truth), every
 * (line, kind, month) whose stored total or count differs is reported, including months the
 * totals lack or have in excess. Triggers refuse such writes; this catches the ones made with the
 * triggers dropped.
 */
export function verifyLedgerMonths(conn: Conn = getDb()): { checked: number; differences: LedgerMonthDifference[] } {
  const entries = sql`select budget_line_id, kind, substr(entry_date, 1, 7) as month, sum(amount_cents) as cents, count(*) as n
    from ledger_entry group by budget_line_id, kind, substr(entry_date, 1, 7)`;
  const differences = conn.all<LedgerMonthDifference>(sql`
    with e as (${entries})
    select m.budget_line_id as budgetLineId, m.kind as kind, m.month as month, m.amount_cents as storedCents, e.cents as entriesCents,
           m.entry_count as storedCount, e.n as entriesCount
      from ledger_month m left join e on e.budget_line_id = m.budget_line_id and e.kind = m.kind and e.month = m.month
     where e.cents is null or e.cents <> m.amount_cents or e.n <> m.entry_count
    union all
    select e.budget_line_id, e.kind, e.month, null, e.cents, null, e.n
      from e left join ledger_month m on e.budget_line_id = m.budget_line_id and e.kind = m.kind and e.month = m.month
     where m.budget_line_id is null
    order by 1, 2, 3`);
  const checked = conn.get<{ n: number }>(sql`select count(*) as n from ledger_month`)?.n ?? 0;
  return { checked, differences };
}
