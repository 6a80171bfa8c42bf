/** The Gantt's downloads: the plan as CSV and the gates and milestones as calendar events. */
import { toCsv, type CsvValue } from "~/domain/core/csv";
import { addDays, formatDate } from "~/domain/core/dates";
import type { ItemState } from "~/domain/plan/status";
import type { Actor } from "~/models/core/actor.server";
import { getPlan } from "~/models/plan/plan.server";
import type { GanttChart } from "./chart.server";

/** The plan as CSV (semicolon-separated, dd/mm/yyyy dates, as Italian spreadsheets expect). */
export function ganttCsv(chart: GanttChart, headers: string[], stateLabel: (state: ItemState) => string, kindLabel: (kind: string) => string) {
  const gateCode = new Map(chart.gates.map((g) => [g.id, g.code]));
  const rows: CsvValue[][] = [headers];
  for (const wp of chart.workPackages) {
    rows.push([wp.code, kindLabel("workPackage"), wp.code, wp.title, wp.owner, formatDate(wp.start), formatDate(wp.end), wp.progress, stateLabel(wp.state), gateCode.get(wp.gateId) ?? "", "", ""]);
    for (const row of wp.rows)
      rows.push([
        wp.code,
        kindLabel(row.kind === "extra" ? row.extraKind ?? "extra" : row.kind),
        row.code,
        row.title,
        row.owner,
        formatDate(row.start),
        formatDate(row.end),
        row.progress,
        stateLabel(row.state),
        row.gateId ? gateCode.get(row.gateId) ?? "" : "",
        row.slack,
        row.critical ? "✓" : "",
      ]);
  }
  return toCsv(rows);
}

/** Gates and milestones as all-day calendar events (the day after is the exclusive end). */
export function ganttCalendarEvents(actor: Actor, programmeId: number) {
  const plan = getPlan(actor, programmeId);
  const wpCode = new Map(plan.workPackages.map((wp) => [wp.id, wp.code]));
  return [
    ...plan.gates.map((g) => ({ uid: `gate-${g.id}@traguardi`, date: g.dueDate, end: addDays(g.dueDate, 1), title: `${g.code} ${g.name}`, description: g.nameEn })),
    ...plan.milestones.map((m) => ({
      uid: `milestone-${m.id}@traguardi`,
      date: m.dueDate,
      end: addDays(m.dueDate, 1),
      title: `${m.code} ${m.title}`,
      description: [wpCode.get(m.workPackageId), m.euCode].filter(Boolean).join(" · "),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
