/**
 * A big programme for benchmarks and the virtual-rows e2e spec: `tasks` tasks and `milestones`
 * milestones in `workPackages` packages with finish-to-start links (about 30% of tasks follow the
 * previous one), two gates, one manager with a session, in a fresh SQLite file.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { migrateDatabase, openDatabase } from "../db/client";

export const day = (offset: number) => new Date(Date.UTC(2023, 0, 2) + offset * 86_400_000).toISOString().slice(0, 10);
export const SPAN = 1_270; // 2023-01-02 … 2026-06-25

export interface BareTask {
  id: string;
  name: string;
  start: string;
  end: string;
  progress: number;
  dependencies: string;
}

/** A programme of `tasks` tasks and `milestones` milestones in `workPackages` packages, in a fresh SQLite file. */
export function buildProgramme(file: string, tasks: number, milestones: number, workPackages: number, saves = 7) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  migrateDatabase(db);
  const sqlite = db.$client;
  const now = new Date().toISOString();
  /** Bare frappe-gantt gets exactly these tasks (and their task-to-task links); `withMilestones` adds the milestones as one-day tasks. */
  const bareTasks: BareTask[] = [];
  const withMilestones: BareTask[] = [];
  let links = 0;
  sqlite.transaction(() => {
    sqlite
      .prepare("insert into user (email, name, role, password_hash, active, version, created_at, updated_at) values (?, ?, 'manager', 'x', 1, 1, ?, ?)")
      .run("bench@traguardi.demo", "Responsabile di prova", now, now);
    sqlite
      .prepare(
        "insert into programme (slug, name, cup, measure_code, implementing_body, total_budget_cents, start_date, end_date, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      )
      .run("bench", "Programma di prova (benchmark)", "E39J22001830006", "M6C2I1.03.01", "Regione di prova", 3_900_000_000, day(0), day(SPAN), now, now);
    const gate = sqlite.prepare("insert into deadline_gate (programme_id, code, name, name_en, due_date, sort_order) values (1, ?, ?, ?, ?, ?)");
    gate.run("G1", "Prima scadenza", "First gate", "2025-12-31", 1);
    gate.run("G2", "Seconda scadenza", "Second gate", "2026-06-30", 2);
    const wp = sqlite.prepare(
      "insert into work_package (programme_id, code, title, description, owner, start_date, end_date, gate_id, sort_order, version, created_at, updated_at) values (1, ?, ?, '', ?, ?, ?, ?, ?, 1, ?, ?)",
    );
    const task = sqlite.prepare(
      "insert into task (work_package_id, code, title, owner, start_date, end_date, progress, status, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
    );
    const milestone = sqlite.prepare(
      "insert into milestone (work_package_id, code, title, due_date, achieved_date, eu_code, gate_id, version, created_at, updated_at) values (?, ?, ?, ?, null, null, ?, 1, ?, ?)",
    );
    const taskLink = sqlite.prepare(
      "insert into dependency (programme_id, predecessor_task_id, successor_task_id, predecessor_key, successor_key, created_at) values (1, ?, ?, ?, ?, ?)",
    );
    const milestoneLink = sqlite.prepare(
      "insert into dependency (programme_id, predecessor_task_id, successor_milestone_id, predecessor_key, successor_key, created_at) values (1, ?, ?, ?, ?, ?)",
    );
    const tasksPerWp = tasks / workPackages;
    const milestonesPerWp = milestones / workPackages;
    const spacing = Math.floor(tasksPerWp / milestonesPerWp);
    let taskId = 0;
    let milestoneId = 0;
    for (let w = 1; w <= workPackages; w++) {
      const wpStart = (w * 11) % 200;
      wp.run(`WP${w}`, `Work package di prova ${w}`, `Ente ${w % 7}`, day(wpStart), day(SPAN), w % 2 ? 2 : 1, w, now, now);
      const ends: number[] = [];
      for (let t = 1; t <= tasksPerWp; t++) {
        taskId++;
        // About 30% of tasks follow the previous one (finish-to-start, dates consistent).
        const linked = t > 1 && t % 10 < 3;
        const start = linked ? ends[t - 2] + 1 : wpStart + ((t * 37) % 900);
        const end = Math.min(SPAN - 1, start + 20 + ((t * 13) % 90));
        ends.push(end);
        const progress = (t * 37) % 101;
        const code = `WP${w}.${t}`;
        const title = `Attività di prova ${w}.${t} con un titolo di lunghezza realistica`;
        task.run(w, code, title, `Responsabile ${t % 12}`, day(start), day(end), progress, progress === 100 ? "completed" : "in_progress", now, now);
        if (linked) {
          taskLink.run(taskId - 1, taskId, `t${taskId - 1}`, `t${taskId}`, now);
          links++;
        }
        const bare = { id: `t${taskId}`, name: `${code} ${title}`, start: day(start), end: day(end), progress, dependencies: linked ? `t${taskId - 1}` : "" };
        bareTasks.push(bare);
        withMilestones.push(bare);
      }
      for (let m = 1; m <= milestonesPerWp; m++) {
        milestoneId++;
        const after = taskId - tasksPerWp + m * spacing;
        const due = Math.max(...ends.slice(0, m * spacing));
        milestone.run(w, `WP${w}.M${m}`, `Milestone di prova ${w}.${m}`, day(due), w % 2 ? 2 : 1, now, now);
        milestoneLink.run(after, milestoneId, `t${after}`, `m${milestoneId}`, now);
        links++;
        withMilestones.push({ id: `m${milestoneId}`, name: `WP${w}.M${m} Milestone di prova ${w}.${m}`, start: day(due), end: day(due), progress: 0, dependencies: `t${after}` });
      }
    }
  })();
  const user = sqlite.prepare("select id from user where email = ?").get("bench@traguardi.demo") as { id: number };
  const sessionId = randomBytes(32).toString("base64url");
  sqlite
    .prepare("insert into session (id, user_id, created_at, expires_at) values (?, ?, ?, ?)")
    .run(sessionId, user.id, now, new Date(Date.now() + 86_400_000).toISOString());
  const chainTasks = sqlite
    // One chain head per work package, so one save's pushed dependents never touch the next save's task.
    .prepare(
      "select t.id, t.start_date as startDate, t.end_date as endDate, t.version from task t where t.id in (select min(t2.id) from task t2 where exists (select 1 from dependency d where d.predecessor_key = 't' || t2.id) group by t2.work_package_id) order by t.id limit ?",
    )
    .all(saves) as { id: number; startDate: string; endDate: string; version: number }[];
  sqlite.close();
  console.log(`data: ${tasks} tasks, ${milestones} milestones, ${links} dependencies in ${workPackages} work packages`);
  return { bareTasks, withMilestones, sessionId, chainTasks };
}

