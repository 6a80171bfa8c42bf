import type { ReportState } from "~/domain/reports/states";
import { DateText } from "~/components/ui/format";
import { Euro } from "~/components/finance/money";
import { TableScroll } from "~/components/ui/table-scroll";
import { useT } from "~/i18n/use-t";

const classes: Record<ReportState, string> = {
  draft: "tg-state tg-state-on_track",
  submitted: "tg-state tg-state-at_risk",
  accepted: "tg-state tg-state-done",
  returned: "tg-state tg-state-late",
  rejected: "tg-state tg-state-late",
};

export function ReportStateBadge({ state }: { state: ReportState }) {
  const t = useT();
  return (
    <span className={classes[state]} data-report-state={state}>
      {t(`report.state.${state}`)}
    </span>
  );
}

export interface PickerRow {
  id: number;
  entryDate: string;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  lineCode: string;
  netCents: number;
  documents: { id: number; name: string; role: string }[];
  reasonTexts: string[];
  checked: boolean;
}

/**
 * The period's payments with a checkbox each: eligible ones can be ticked (and are ticked by
 * default), the others are shown with the reason and cannot be.
 */
export function ExpensePicker({ rows, captionId }: { rows: PickerRow[]; captionId: string }) {
  const t = useT();
  if (!rows.length) return <p>{t("report.noCandidates")}</p>;
  return (
    <TableScroll labelledBy={captionId} style={{ maxHeight: "36rem" }}>
      <table className="table table-sm tg-table mb-0" data-testid="expense-picker">
        <thead>
          <tr>
            <th scope="col">{t("report.field.select")}</th>
            <th scope="col">{t("report.field.paidOn")}</th>
            <th scope="col">{t("report.field.supplier")}</th>
            <th scope="col">{t("report.field.cig")}</th>
            <th scope="col">{t("report.field.line")}</th>
            <th scope="col" className="tg-num">{t("report.field.amount")}</th>
            <th scope="col">{t("report.field.eligibility")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const eligible = row.reasonTexts.length === 0;
            return (
              <tr key={row.id} data-testid={`candidate-${row.id}`} data-eligible={eligible ? "yes" : "no"}>
                <td>
                  <input
                    type="checkbox"
                    className="form-check-input"
                    name="ledgerEntryIds"
                    value={row.id}
                    id={`pick-${row.id}`}
                    defaultChecked={eligible && row.checked}
                    disabled={!eligible}
                    aria-describedby={`pick-${row.id}-why`}
                  />
                  <label htmlFor={`pick-${row.id}`} className="visually-hidden">
                    {t("report.field.select")} {row.documentNumber}
                  </label>
                </td>
                <td>
                  <DateText value={row.entryDate} />
                </td>
                <td>
                  {row.supplier}
                  <div className="small text-secondary">
                    {row.documentNumber} · n. {row.id}
                  </div>
                </td>
                <td className="font-monospace">{row.cig ?? "—"}</td>
                <td>{row.lineCode}</td>
                <td className="tg-num">
                  <Euro cents={row.netCents} />
                </td>
                <td id={`pick-${row.id}-why`}>
                  {eligible ? <span className="text-success fw-semibold">{t("report.eligible")}</span> : <ul className="mb-0 ps-3 small">{row.reasonTexts.map((text) => <li key={text}>{text}</li>)}</ul>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
