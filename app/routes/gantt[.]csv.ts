import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { getGanttChart } from "~/models/gantt/chart.server";
import { ganttCsv } from "~/models/gantt/exports.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { trainingGanttRows } from "~/models/training/gantt-rows.server";
import { requireViewer } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { today } from "~/utils/today.server";
import { answer } from "~/utils/responses.server";

const knownKinds = ["workPackage", "task", "milestone", "training"] as const;
const isKnownKind = (kind: string): kind is (typeof knownKinds)[number] => (knownKinds as readonly string[]).includes(kind);

/** The plan as CSV: every work package, task and milestone with state, slack and critical flag. */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const t = translator(await getLocale(request));
    const date = today();
    const chart = getGanttChart(actor, getCurrentProgramme(actor).id, date, [trainingGanttRows]);
    const csv = ganttCsv(
      chart,
      t("gantt.csv.headers").split(";"),
      (state) => t(`state.${state}`),
      (kind) => t(`gantt.kind.${isKnownKind(kind) ? kind : "extra"}`),
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="traguardi-piano-${date}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
