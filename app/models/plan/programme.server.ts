import { asc, eq } from "drizzle-orm";
import { deadlineGate, programme } from "#db/schema";
import { gateCountdown, type ItemState } from "~/domain/plan/status";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { NotFoundError } from "~/models/core/errors.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { assessLoadedPlan, describeInconsistencies, getPlan, PLAN_TABLES } from "./plan.server";

export type Programme = typeof programme.$inferSelect;
export type DeadlineGate = typeof deadlineGate.$inferSelect;

/**
 * The programme the UI works on. The schema holds many programmes; this first release serves one
 * region's one programme, chosen by PROGRAMME_SLUG or else the first created.
 */
export function getCurrentProgramme(actor: Actor): Programme {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const slug = process.env.PROGRAMME_SLUG;
  const found = slug
    ? db.select().from(programme).where(eq(programme.slug, slug)).get()
    : db.select().from(programme).orderBy(asc(programme.id)).limit(1).get();
  if (!found) throw new NotFoundError("programme", slug ?? "default");
  return found;
}

export function listGates(actor: Actor, programmeId: number): DeadlineGate[] {
  requirePermission(actor, "read:programme");
  return getDb()
    .select()
    .from(deadlineGate)
    .where(eq(deadlineGate.programmeId, programmeId))
    .orderBy(asc(deadlineGate.sortOrder), asc(deadlineGate.dueDate))
    .all();
}

const stateOrder: Record<ItemState, number> = { late: 0, at_risk: 1, on_track: 2, done: 3 };

/**
 * The dashboard: both gates with countdowns, what must meet each and how it stands on `today`.
 * Cached per worker until the programme or its plan is written (read-cache).
 */
export function getDashboard(actor: Actor, today: string) {
  requirePermission(actor, "read:programme");
  return cachedRead("plan.dashboard", [process.env.PROGRAMME_SLUG ?? null, today], ["programme", ...PLAN_TABLES], () => computeDashboard(actor, today));
}

function computeDashboard(actor: Actor, today: string) {
  const current = getCurrentProgramme(actor);
  const plan = getPlan(actor, current.id);
  const assessment = assessLoadedPlan(plan, today);
  const wpCode = new Map(plan.workPackages.map((wp) => [wp.id, wp.code]));
  const inconsistencies = describeInconsistencies(plan, assessment);
  const inconsistentWith = (key: string) => inconsistencies.find((i) => i.key === key)?.predecessors.map((p) => p.code) ?? [];

  const gates = plan.gates.map((gate) => {
    const items = [
      ...plan.workPackages
        .filter((wp) => wp.gateId === gate.id)
        .map((wp) => ({
          kind: "workPackage" as const,
          id: wp.id,
          workPackageId: wp.id,
          code: wp.code,
          title: wp.title,
          date: wp.endDate,
          progress: assessment.workPackages.get(wp.id)!.progress,
          state: assessment.workPackages.get(wp.id)!.state,
          euCode: null as string | null,
          inconsistentWith: [] as string[],
        })),
      ...plan.milestones
        .filter((m) => m.gateId === gate.id)
        .map((m) => ({
          kind: "milestone" as const,
          id: m.id,
          workPackageId: m.workPackageId,
          code: m.code,
          title: m.title,
          date: m.dueDate,
          progress: m.achievedDate ? 100 : 0,
          state: assessment.milestones.get(m.id)!,
          euCode: m.euCode,
          inconsistentWith: inconsistentWith(`m${m.id}`),
        })),
    ].sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.date.localeCompare(b.date));
    const counts = { done: 0, on_track: 0, at_risk: 0, late: 0 } satisfies Record<ItemState, number>;
    for (const item of items) counts[item.state]++;
    return {
      id: gate.id,
      code: gate.code,
      name: gate.name,
      nameEn: gate.nameEn,
      dueDate: gate.dueDate,
      state: assessment.gates.get(gate.id)!,
      metDate: assessment.gateMetDates.get(gate.id) ?? null,
      ...gateCountdown(gate.dueDate, today),
      counts,
      items,
    };
  });

  const euMilestones = plan.milestones
    .filter((m) => m.euCode)
    .map((m) => ({
      id: m.id,
      code: m.code,
      euCode: m.euCode!,
      title: m.title,
      dueDate: m.dueDate,
      achievedDate: m.achievedDate,
      workPackageId: m.workPackageId,
      workPackageCode: wpCode.get(m.workPackageId) ?? "",
      state: assessment.milestones.get(m.id)!,
      inconsistentWith: inconsistentWith(`m${m.id}`),
    }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  return {
    programme: current,
    today,
    overallProgress: assessment.overallProgress,
    taskCount: plan.tasks.length,
    milestoneCount: plan.milestones.length,
    gates,
    euMilestones,
    inconsistencies,
  };
}
