import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../app/models/audit/audit.server";
import type { Actor } from "../../app/models/core/actor.server";
import type { Db } from "../client";
import { deadlineGate, dependency, milestone, programme, task, user, workPackage } from "../schema";
import { DEMO_PASSWORD, dependencySeeds, gateSeeds, programmeSeed, userSeeds, workPackageSeeds } from "./fse-data";
import { seedTraining } from "./training-data";
import { seedFinance } from "./finance";
import { seedProcurement, seedProcurementDocuments } from "./procurement";
import { seedChecklistTemplates, seedReportingActivity } from "./rendiconto";

const seedActor: Actor = { id: 0, name: "Caricamento iniziale", role: "admin" };

export interface SeedReport {
  created: Record<string, number>;
}

/**
 * Loads the demo programme and users. Idempotent: every row is looked up by its natural key
 * (slug, code, email, link) and only inserted when missing; nothing existing is overwritten.
 */
/**
 * `reportingActivity` adds the demo's checklists and closed months (with their month-end
 * snapshots): on for the app's seed (db/seed.ts), off by default so model tests start with no
 * month locked and no extra snapshots.
 */
export function seedDemo(db: Db, passwordHash: string, options: { reportingActivity?: boolean } = {}): SeedReport {
  const created: Record<string, number> = { programme: 0, gate: 0, workPackage: 0, task: 0, milestone: 0, dependency: 0, user: 0 };
  const now = new Date().toISOString();
  const stamp = { createdAt: now, updatedAt: now, updatedById: null };

  db.transaction((tx) => {
    for (const seed of userSeeds) {
      if (tx.select({ id: user.id }).from(user).where(eq(user.email, seed.email)).get()) continue;
      tx.insert(user).values({ ...seed, passwordHash, active: true, ...stamp }).run();
      created.user++;
    }

    let prog = tx.select().from(programme).where(eq(programme.slug, programmeSeed.slug)).get();
    if (!prog) {
      prog = tx.insert(programme).values({ ...programmeSeed, ...stamp }).returning().get();
      created.programme++;
    }
    const programmeId = prog.id;

    const gateIds = new Map<string, number>();
    for (const seed of gateSeeds) {
      let gate = tx.select().from(deadlineGate).where(and(eq(deadlineGate.programmeId, programmeId), eq(deadlineGate.code, seed.code))).get();
      if (!gate) {
        gate = tx.insert(deadlineGate).values({ ...seed, programmeId }).returning().get();
        created.gate++;
      }
      gateIds.set(seed.code, gate.id);
    }

    const keys = new Map<string, string>();
    workPackageSeeds.forEach((seed, index) => {
      let wp = tx.select().from(workPackage).where(and(eq(workPackage.programmeId, programmeId), eq(workPackage.code, seed.code))).get();
      if (!wp) {
        wp = tx
          .insert(workPackage)
          .values({
            programmeId,
            code: seed.code,
            title: seed.title,
            description: seed.description,
            owner: seed.owner,
            startDate: seed.start,
            endDate: seed.end,
            gateId: gateIds.get(seed.gate)!,
            sortOrder: index + 1,
            ...stamp,
          })
          .returning()
          .get();
        created.workPackage++;
      }
      for (const t of seed.tasks) {
        let row = tx.select().from(task).where(and(eq(task.workPackageId, wp.id), eq(task.code, t.code))).get();
        if (!row) {
          row = tx
            .insert(task)
            .values({
              workPackageId: wp.id,
              code: t.code,
              title: t.title,
              owner: t.owner,
              startDate: t.start,
              endDate: t.end,
              progress: t.progress,
              status: t.progress === 100 ? "completed" : t.progress > 0 ? "in_progress" : "planned",
              ...stamp,
            })
            .returning()
            .get();
          created.task++;
        }
        keys.set(t.code, `t${row.id}`);
      }
      for (const m of seed.milestones) {
        let row = tx.select().from(milestone).where(and(eq(milestone.workPackageId, wp.id), eq(milestone.code, m.code))).get();
        if (!row) {
          row = tx
            .insert(milestone)
            .values({
              workPackageId: wp.id,
              code: m.code,
              title: m.title,
              dueDate: m.due,
              achievedDate: m.achieved ?? null,
              euCode: m.euCode ?? null,
              gateId: gateIds.get(m.gate)!,
              ...stamp,
            })
            .returning()
            .get();
          created.milestone++;
        }
        keys.set(m.code, `m${row.id}`);
      }
    });

    for (const [fromCode, toCode] of dependencySeeds) {
      const from = keys.get(fromCode);
      const to = keys.get(toCode);
      if (!from || !to) throw new Error(`Seed dependency ${fromCode} → ${toCode} names an unknown item`);
      const exists = tx
        .select({ id: dependency.id })
        .from(dependency)
        .where(and(eq(dependency.predecessorKey, from), eq(dependency.successorKey, to)))
        .get();
      if (exists) continue;
      tx.insert(dependency)
        .values({
          programmeId,
          predecessorTaskId: from[0] === "t" ? Number(from.slice(1)) : null,
          predecessorMilestoneId: from[0] === "m" ? Number(from.slice(1)) : null,
          successorTaskId: to[0] === "t" ? Number(to.slice(1)) : null,
          successorMilestoneId: to[0] === "m" ? Number(to.slice(1)) : null,
          predecessorKey: from,
          successorKey: to,
          createdAt: now,
          createdById: null,
        })
        .run();
      created.dependency++;
    }

    const total = Object.values(created).reduce((a, b) => a + b, 0);
    if (total > 0) {
      appendAudit(tx, seedActor, {
        action: "seed",
        entityType: "programme",
        entityId: programmeId,
        entityLabel: programmeSeed.name,
        after: created,
      });
    }
  });
  Object.assign(created, seedFinance(db).created);
  Object.assign(created, seedTraining(db));
  Object.assign(created, seedProcurement(db));
  Object.assign(created, seedProcurementDocuments(db));
  created.checklistTemplate = seedChecklistTemplates(db);
  if (options.reportingActivity) Object.assign(created, seedReportingActivity(db));
  return { created };
}

export { DEMO_PASSWORD };
