import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { e2eDb, expect, forgePost, signInAs, test } from "./fixtures";

/**
 * The auditor is read-only everywhere. Every route module in app/routes that exports an `action`
 * is found at test time (so routes added later are covered without touching this file) and sent
 * forged POSTs from an auditor's session: with no fields, and with each `intent` the module
 * dispatches on. Every one must be refused with 403, and the database must not change at all.
 */

/** Actions every signed-in user may call on their own session: not writes to programme data. */
const SELF_SERVICE = new Map([
  ["login.tsx", "signing in creates the caller's own session"],
  ["logout.tsx", "signing out ends the caller's own session"],
  ["set-language.tsx", "sets a language cookie, writes nothing"],
  ["procurement.awards.tsx", "compares uploaded Italia Domani files with the register, stores nothing (a read, open to auditors)"],
  ["account.sessions.tsx", "ends the caller's own sessions or changes their own password (manage:own-account, every role)"],
]);

const routesDir = path.resolve("app/routes");

function actionRoutes() {
  return fs
    .readdirSync(routesDir)
    .filter((file) => /\.(tsx?|jsx?)$/.test(file) && !/\.test\./.test(file))
    .map((file) => ({ file, source: fs.readFileSync(path.join(routesDir, file), "utf8") }))
    .filter(({ source }) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b/.test(source));
}

/** The intents a module dispatches on, e.g. formData.get("intent") === "delete" or z.literal("delete"). */
function intentsOf(source: string) {
  const found = new Set<string>();
  for (const match of source.matchAll(/intent["')\]]*\s*===\s*["']([\w-]+)["']/g)) found.add(match[1]);
  for (const match of source.matchAll(/intent:\s*z\.literal\(["']([\w-]+)["']\)/g)) found.add(match[1]);
  for (const match of source.matchAll(/case\s+["']([\w-]+)["']\s*:/g)) found.add(match[1]);
  for (const match of source.matchAll(/name="intent"\s+value="([\w-]+)"/g)) found.add(match[1]);
  return [...found];
}

/** A real id for each route parameter, from the table its name points at (wpId → work_package). */
const PARAM_TABLES: Record<string, string> = {
  wp: "work_package",
  workPackage: "work_package",
  task: "task",
  milestone: "milestone",
  user: "user",
  snapshot: "snapshot",
  line: "budget_line",
  budgetLine: "budget_line",
  entry: "ledger_entry",
  ledgerEntry: "ledger_entry",
  wave: "training_wave",
  session: "training_session",
  indicator: "indicator",
  dependency: "dependency",
  gate: "deadline_gate",
  batch: "import_batch",
  authority: "health_authority",
};

function idFor(param: string) {
  const stem = param.replace(/Id$/, "");
  const table = PARAM_TABLES[stem] ?? stem.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const db = e2eDb();
  try {
    const row = db.prepare(`select id from "${table}" order by id limit 1`).get() as { id: number } | undefined;
    return String(row?.id ?? 1);
  } catch {
    return "1";
  } finally {
    db.close();
  }
}

/** Remix v2 flat-route file name → URL path. */
function urlOf(file: string) {
  const name = file.replace(/\.(tsx?|jsx?)$/, "").replace(/\[\.\]/g, "\u0000");
  const segments = name
    .split(".")
    .map((segment) => segment.replace(/\u0000/g, "."))
    .filter((segment) => segment !== "_index" && !segment.startsWith("_") && !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/_$/, "").replace(/\[|\]/g, ""))
    .map((segment) => (segment === "$" ? "x" : segment.startsWith("$") ? idFor(segment.slice(1)) : segment));
  return `/${segments.join("/")}`;
}

/** A fingerprint of every row of every table except the session table (signing in writes it). */
function databaseChecksum() {
  const db = e2eDb();
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'session' order by name").all() as { name: string }[]).map((t) => t.name);
    const hash = createHash("sha256");
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = db.prepare(`select * from "${table}" order by rowid`).raw().all();
      counts[table] = rows.length;
      hash.update(`${table}:${JSON.stringify(rows)}\n`);
    }
    return { hash: hash.digest("hex"), counts };
  } finally {
    db.close();
  }
}

test.describe("the auditor role", () => {
  test.use({ role: "auditor" });

  test("every action in the app refuses a forged POST from an auditor, and nothing changes", async ({ signedIn: page, browser, baseURL }) => {
    test.setTimeout(180_000);
    // At least one snapshot, so /snapshots/$snapshotId routes have a real target.
    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await signInAs(manager, "manager", baseURL!);
    await manager.goto("/snapshots");
    expect((await forgePost(manager, "/snapshots", { label: "Per il controllo dei permessi" })).status()).toBe(302);
    await managerContext.close();

    const routes = actionRoutes();
    const guarded = routes.filter((route) => !SELF_SERVICE.has(route.file));
    // The app's own write routes are all found (a sanity check on the discovery itself).
    expect(guarded.map((route) => route.file)).toEqual(expect.arrayContaining(["snapshots._index.tsx", "tasks.$taskId.tsx", "milestones.$milestoneId.tsx", "work-packages.new.tsx"]));

    await page.goto("/");
    const before = databaseChecksum();
    const refused: string[] = [];
    const accepted: string[] = [];
    for (const route of guarded) {
      const url = urlOf(route.file);
      for (const intent of [null, ...intentsOf(route.source)]) {
        const form: Record<string, string> = intent ? { intent } : {};
        const response = await forgePost(page, url, form);
        const label = `${route.file} POST ${url}${intent ? ` intent=${intent}` : ""} → ${response.status()}`;
        if (response.status() === 403) refused.push(label);
        else accepted.push(label);
      }
    }
    console.log(`Auditor POSTs refused (${refused.length}):\n  ${refused.join("\n  ")}`);
    expect(accepted, `routes that did not answer 403 to an auditor:\n${accepted.join("\n")}`).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(guarded.length);

    const after = databaseChecksum();
    expect(after.counts).toEqual(before.counts);
    expect(after.hash).toBe(before.hash);
  });

  test("the snapshot table refuses UPDATE and DELETE even from SQLite itself", async () => {
    const db = e2eDb();
    try {
      const row = db.prepare("select id, hash from snapshot order by id limit 1").get() as { id: number; hash: string };
      expect(row).toBeTruthy();
      expect(() => db.prepare("update snapshot set label = 'riscritta' where id = ?").run(row.id)).toThrow(/immutable/);
      expect(() => db.prepare("delete from snapshot where id = ?").run(row.id)).toThrow(/immutable/);
      expect((db.prepare("select hash from snapshot where id = ?").get(row.id) as { hash: string }).hash).toBe(row.hash);
    } finally {
      db.close();
    }
  });
});
