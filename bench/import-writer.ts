/**
 * The "other users" of npm run bench:import, in their own process on the same SQLite file (as
 * another cluster worker would be): a login, a task edit and a ledger entry, one after the other,
 * every 25 ms, until the parent says stop. Prints one JSON line with every latency and failure.
 */
import { performance } from "node:perf_hooks";

const { login } = await import("../app/models/users/auth.server");
const { getTask, updateTask } = await import("../app/models/plan/plan.server");
const { createLedgerEntry } = await import("../app/models/finance/ledger.server");
const { getDb } = await import("../app/models/core/db.server");

const email = process.env.BENCH_EMAIL!;
const password = process.env.BENCH_PASSWORD!;
const manager = { id: 2, name: "Bench manager", role: "manager" as const };
const finance = { id: 3, name: "Bench finance", role: "finance" as const };
const taskId = (getDb().$client.prepare("select id from task order by id limit 1").pluck().get() as number) ?? 1;
const lineId = getDb().$client.prepare("select id from budget_line order by id limit 1").pluck().get() as number;

const latencies: number[] = [];
const failures: string[] = [];
let stop = false;
process.on("message", (message) => {
  if (message === "stop") stop = true;
});

async function timed(name: string, work: () => unknown) {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    failures.push(`${name}: ${(error as Error).message}`);
  }
  latencies.push(performance.now() - started);
}

let n = 0;
process.send?.("ready");
while (!stop) {
  n++;
  const op = n % 3;
  if (op === 0)
    await timed("login", async () => {
      const result = await login(email, password, `bench-${n}`);
      if (!result.ok) throw new Error(`login ${result.reason}`);
    });
  else if (op === 1)
    await timed("task edit", () => {
      const task = getTask(manager, taskId);
      updateTask(manager, { ...task, owner: `${task.owner.replace(/ #\d+$/, "")} #${n}` });
    });
  else
    await timed("ledger entry", () =>
      createLedgerEntry(
        finance,
        1,
        { budgetLineId: lineId, kind: "payment", entryDate: "2025-06-30", amountCents: 100 + n, supplier: "Bench S.r.l.", documentNumber: `W-${process.pid}-${n}`, confirmOverCommitment: true, overrunReason: "bench" },
        "2026-06-30",
      ),
    );
  await new Promise((resolve) => setTimeout(resolve, 25));
}
process.stdout.write(JSON.stringify({ latencies, failures }) + "\n");
process.exit(0);
