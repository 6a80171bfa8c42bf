import type { LoaderFunctionArgs } from "@remix-run/node";
import { createEvents, type DateArray } from "ics";
import { addDays } from "~/domain/core/dates";
import { obligationCalendarEvents } from "~/models/close/obligations.server";
import { ganttCalendarEvents } from "~/models/gantt/exports.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { today } from "~/utils/today.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

const dateArray = (iso: string) => iso.split("-").map(Number) as DateArray;

/** Deadline gates, milestones and the reporting obligations as all-day events, for the managers' calendars. */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const events = [
      ...ganttCalendarEvents(actor, getCurrentProgramme(actor).id),
      ...obligationCalendarEvents(actor, today()).map((event) => ({ ...event, end: addDays(event.date, 1) })),
    ];
    const { error, value } = createEvents(
      events.map((event) => ({
        uid: event.uid,
        title: event.title,
        description: event.description,
        start: dateArray(event.date),
        end: dateArray(event.end),
        productId: "traguardi/gantt",
        calName: "Traguardi",
      })),
    );
    if (error || !value) throw error ?? new Error("Calendar export failed");
    return new Response(value, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'attachment; filename="traguardi-scadenze.ics"',
        "Cache-Control": "no-store",
      },
    });
  });
}
