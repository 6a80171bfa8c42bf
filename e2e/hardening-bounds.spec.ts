import type { APIResponse, Page } from "@playwright/test";
import { tamperWith } from "../db/tamper";
import { e2eDb, expect, signInAs, test, type DemoRole } from "./fixtures";

/**
 * Issue 11, the data half. Extreme-but-valid stored values (the domain bounds themselves) on every
 * page; malformed query strings on every page; a seeded, bounded fuzz of every form action as the
 * role allowed to use it. Nothing may answer 5xx.
 */

const MAX_CENTS = 10_000_000_000_000; // app/domain/core/bounds.ts
test.describe.configure({ mode: "serial" });

function ids() {
  const db = e2eDb();
  try {
    const one = (sqlText: string) => (db.prepare(sqlText).get() as { id: number }).id;
    return {
      wp: one("select id from work_package order by id limit 1"),
      task: one("select id from task order by id limit 1"),
      milestone: one("select id from milestone order by id limit 1"),
      line: one("select id from budget_line order by id limit 1"),
      entry: one("select id from ledger_entry order by id limit 1"),
      wave: one("select id from training_wave order by id limit 1"),
      indicator: one("select id from indicator order by id limit 1"),
      user: one("select id from user where email = 'finanza@traguardi.demo'"),
    };
  } finally {
    db.close();
  }
}

/** Every page of the app, as the role that reads it. */
function pages(id: ReturnType<typeof ids>, snapshotId: number | null): { path: string; role: DemoRole }[] {
  const manager = [
    "/",
    "/work-packages",
    `/work-packages/${id.wp}`,
    `/work-packages/${id.wp}/edit`,
    `/work-packages/${id.wp}/tasks/new`,
    `/work-packages/${id.wp}/milestones/new`,
    "/work-packages/new",
    `/tasks/${id.task}`,
    `/milestones/${id.milestone}`,
    "/gantt",
    "/gantt?open=all",
    "/gantt.csv",
    "/gantt.ics",
    "/training",
    "/training/waves",
    "/training/waves/new",
    `/training/waves/${id.wave}`,
    `/training/waves/${id.wave}/edit`,
    "/training/import",
    "/indicators",
    "/indicators/new",
    `/indicators/${id.indicator}`,
    `/indicators/${id.indicator}/edit`,
    "/indicators/catalogue",
    "/snapshots",
    "/snapshots/compare",
    "/audit",
    "/audit/verify?run=1",
  ];
  if (snapshotId)
    manager.push(
      `/snapshots/${snapshotId}`,
      `/snapshots/${snapshotId}/training`,
      `/snapshots/${snapshotId}/finance`,
      `/snapshots/${snapshotId}/plan`,
      `/snapshots/${snapshotId}/indicators`,
      `/snapshots/${snapshotId}/gantt`,
      `/snapshots/${snapshotId}/pdf`,
      `/snapshots/${snapshotId}/csv.zip`,
      `/snapshots/compare?a=${snapshotId}&b=now`,
    );
  const finance = [
    "/finance",
    "/finance/ledger",
    `/finance/ledger/${id.entry}`,
    "/finance/ledger/new",
    "/finance/budget-lines",
    `/finance/budget-lines/${id.line}`,
    "/finance/budget-lines/new",
    "/finance/evm",
    "/finance/table",
    "/finance/import",
    "/finance/export?view=summary&format=csv",
    "/finance/export?view=ledger&format=xlsx",
    "/finance/export?view=table&format=csv",
  ];
  return [
    ...manager.map((path) => ({ path, role: "manager" as const })),
    ...finance.map((path) => ({ path, role: "finance" as const })),
    { path: "/admin/users", role: "admin" },
    { path: `/admin/users/${id.user}`, role: "admin" },
    { path: "/audit", role: "auditor" },
  ];
}

async function getAll(page: Page, baseURL: string, list: { path: string; role: DemoRole }[]) {
  const failures: string[] = [];
  let signedAs: DemoRole | null = null;
  for (const { path, role } of list) {
    if (signedAs !== role) {
      await page.context().clearCookies();
      await signInAs(page, role, baseURL);
      signedAs = role;
    }
    const response = await page.request.get(path, { maxRedirects: 0 });
    if (response.status() >= 500) failures.push(`${role} GET ${path} → ${response.status()} ${(await response.text()).slice(0, 200)}`);
  }
  return failures;
}

test("extreme but valid stored values: every page answers without a 5xx", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const id = ids();
  const db = e2eDb();
  try {
    // The bounds themselves, written straight into SQLite (what an import or an older version may have stored).
    db.prepare("update training_wave set start_date = '2000-01-01', end_date = '2100-12-31', target_headcount = 1000000 where id = ?").run(id.wave);
    db.prepare("update task set start_date = '2000-01-01', end_date = '2100-12-31', progress = 100, status = 'completed' where id = ?").run(id.task);
    db.prepare("update budget_line set amount_cents = ? where id = ?").run(MAX_CENTS, id.line);
    const insert = db.prepare(
      "insert into ledger_entry (budget_line_id, kind, entry_date, amount_cents, supplier, document_number, fingerprint, created_at) values (?, ?, ?, ?, 'Estremo S.p.A.', ?, ?, '2025-01-01T00:00:00Z')",
    );
    insert.run(id.line, "commitment", "2000-01-01", MAX_CENTS, "X-1", "fp-extreme-1");
    insert.run(id.line, "payment", "2025-11-01", MAX_CENTS, "X-2", "fp-extreme-2");
    insert.run(id.line, "payment", "2025-11-02", 1, "X-3", "fp-extreme-3");
    db.prepare("insert into training_completion (wave_id, date, count, source, created_at) values (?, '2000-01-01', 1000000, 'manual', '2025-01-01T00:00:00Z')").run(id.wave);
    db.prepare("insert into indicator_measurement (indicator_id, date, value, source, created_at) values (?, '2000-01-01', 0, 'limite', '2025-01-01T00:00:00Z')").run(id.indicator);
  } finally {
    db.close();
  }
  // Taking a snapshot reads everything too.
  await signInAs(page, "manager", baseURL!);
  await page.goto("/snapshots");
  const origin = new URL(baseURL!).origin;
  const taken = await page.request.post("/snapshots", { form: { label: "Valori estremi" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(taken.status()).toBeLessThan(400);
  const check = e2eDb();
  const snapshotId = (check.prepare("select max(id) as id from snapshot").get() as { id: number }).id;
  check.close();
  const failures = await getAll(page, baseURL!, pages(id, snapshotId));
  expect(failures).toEqual([]);
  // The pages show the extreme values, formatted.
  await page.context().clearCookies();
  await signInAs(page, "finance", baseURL!);
  await page.goto(`/finance/budget-lines/${id.line}`);
  await expect(page.getByText("€ 100.000.000.000,00").first()).toBeVisible();
});

test("malformed query strings answer 4xx or a page, never 5xx", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const id = ids();
  const bad = ["1e300", "-1", "NaN", "10000-01-01", "0", "%00", "9".repeat(400), "2025-02-30"];
  const list: { path: string; role: DemoRole }[] = [];
  for (const value of bad) {
    const v = encodeURIComponent(value);
    for (const path of [
      `/audit?page=${v}`,
      `/audit?from=${v}&to=${v}&user=${v}&entity=${v}`,
      `/finance?asOf=${v}`,
      `/finance/ledger?page=${v}&line=${v}&wp=${v}&from=${v}&to=${v}&asOf=${v}`,
      `/finance/table?year=${v}&asOf=${v}`,
      `/finance/evm?asOf=${v}`,
      `/finance/ledger/new?line=${v}`,
      `/finance/export?view=table&format=csv&year=${v}&asOf=${v}`,
      `/finance/import/status?job=${v}`,
      `/gantt?baseline=${v}&open=${v}&wp=${v}`,
      `/training/waves?authority=${v}`,
      `/snapshots/compare?a=${v}&b=${v}`,
      `/snapshots/compare?a=${v}&b=now`,
      `/snapshots/${v}`,
      `/tasks/${v}`,
      `/work-packages/${v}`,
      `/indicators/${v}`,
      `/training/waves/${v}`,
      `/finance/ledger/${v}`,
      `/login?redirectTo=${v}`,
      `/audit/verify?run=1&anchor=${v}`,
      `/reports/new?cup=${v}&periodFrom=${v}&periodTo=${v}`,
      `/reports/${v}`,
      `/reports/${v}/pdf`,
      `/reports/${v}/zip`,
    ])
      list.push({ path, role: path.startsWith("/finance") || path.startsWith("/reports") ? "finance" : "manager" });
  }
  list.push({ path: `/admin/users/1e300`, role: "admin" });
  list.push({ path: `/work-packages/${id.wp}?x=1e300`, role: "manager" });
  const failures = await getAll(page, baseURL!, list);
  expect(failures).toEqual([]);
});

/** Mulberry32: a small seeded PRNG, so every run posts the same values. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALFORMED = [
  "",
  " ",
  "abc",
  "1e300",
  "-1e300",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1.5",
  "99999999999999999999999",
  "9007199254740993",
  "90.071.992.547.409,91",
  "1.000.000.000.000.000,00",
  "-0,01",
  "10000-01-01",
  "9999-12-31",
  "1899-12-31",
  "2025-02-30",
  "31/12/2025",
  "x".repeat(5000),
  "ü漢字🙂\u202e",
  "\u0000\u0001\u001f",
  "=HYPERLINK(\"http://evil.example\")",
  "<script>alert(1)</script>",
  "[object Object]",
  "true",
  "on",
  "t1",
  "m99999999",
];

const INTENTS = ["delete", "spread", "profile", "line", "preview", "remap", "confirm", "reschedule", "undo", "link", "unlink", "import", "add-session", "delete-session", "record-completion", "delete-dependency", "reverse", "nope"];

/** The form actions, with the role allowed to use each (the fields are read from each page's forms). */
function actions(id: ReturnType<typeof ids>): { page: string; action: string; role: DemoRole }[] {
  const manager = [
    "/work-packages/new",
    `/work-packages/${id.wp}/edit`,
    `/work-packages/${id.wp}`,
    `/work-packages/${id.wp}/tasks/new`,
    `/work-packages/${id.wp}/milestones/new`,
    `/tasks/${id.task}`,
    `/milestones/${id.milestone}`,
    "/gantt",
    "/training/waves/new",
    `/training/waves/${id.wave}`,
    `/training/waves/${id.wave}/edit`,
    "/training/import",
    "/indicators/new",
    `/indicators/${id.indicator}`,
    `/indicators/${id.indicator}/edit`,
    "/indicators/catalogue",
    "/snapshots",
    "/set-language",
  ].map((path) => ({ page: path === "/set-language" ? "/" : path, action: path, role: "manager" as const }));
  const finance = ["/finance/budget-lines/new", `/finance/budget-lines/${id.line}`, "/finance/ledger/new", `/finance/ledger/${id.entry}`, "/finance/import", "/reports/new", "/reports/2"].map((path) => ({
    page: path,
    action: path,
    role: "finance" as const,
  }));
  return [
    ...manager,
    ...finance,
    { page: "/admin/users", action: "/admin/users", role: "admin" },
    { page: `/admin/users/${id.user}`, action: `/admin/users/${id.user}`, role: "admin" },
  ];
}

/** The page's form fields with the value each has in the page (hidden versions, intents, defaults). */
function formFields(html: string) {
  const fields = new Map<string, string>();
  for (const match of html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(match[0])?.[1];
    if (!name || fields.has(name)) continue;
    fields.set(name.replace(/&amp;/g, "&"), (/\bvalue="([^"]*)"/.exec(match[0])?.[1] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"'));
  }
  return fields;
}

test("fuzz: malformed posts to every form action answer 4xx or a redirect, never 5xx", async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  const random = prng(20261201);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const id = ids();
  const origin = new URL(baseURL!).origin;
  const failures: string[] = [];
  let posts = 0;
  const statuses: Record<number, number> = {};
  let signedAs: DemoRole | null = null;
  const POSTS_PER_ACTION = 30;
  for (const target of actions(id)) {
    if (signedAs !== target.role) {
      await page.context().clearCookies();
      await signInAs(page, target.role, baseURL!);
      signedAs = target.role;
    }
    const html = await (await page.request.get(target.page)).text();
    const fields = formFields(html);
    for (let i = 0; i < POSTS_PER_ACTION; i++) {
      // Start from what the page itself would send, then break some of it: so a malformed amount
      // reaches the model with the right version and intent, not only the first check.
      const form: Record<string, string> = {};
      for (const [name, value] of fields) {
        const roll = random();
        if (roll < 0.15) continue; // a missing field
        form[name] = roll < 0.55 ? value : pick(MALFORMED);
      }
      if (random() < 0.3) form.intent = pick(INTENTS);
      if (random() < 0.3) form[`extra_${i}`] = pick(MALFORMED); // an extra field
      if (random() < 0.2) form.__proto__x = "constructor";
      let response: APIResponse;
      if (random() < 0.15) {
        // A multipart body with a "file" that is not one, or an empty one.
        const multipart = new FormData();
        for (const [name, value] of Object.entries(form)) multipart.append(name, value);
        multipart.append("file", new Blob([pick(MALFORMED)], { type: "text/csv" }), pick(["a.csv", "x".repeat(300), "ü漢.csv"]));
        response = await page.request.post(target.action, {
          multipart,
          headers: { Origin: origin },
          maxRedirects: 0,
        });
      } else {
        response = await page.request.post(target.action, { form, headers: { Origin: origin }, maxRedirects: 0 });
      }
      posts++;
      statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
      if (response.status() >= 500) failures.push(`${target.role} POST ${target.action} ${JSON.stringify(form).slice(0, 300)} → ${response.status()}`);
    }
  }
  console.log(`fuzz: ${posts} posts to ${actions(id).length} actions, ${failures.length} answered 5xx; statuses ${JSON.stringify(statuses)}`);
  if (failures.length) console.log(failures.join("\n"));
  expect(posts).toBe(actions(id).length * POSTS_PER_ACTION);
  expect(failures).toEqual([]);
});

test("deleting a work package with budget lines answers 400 saying why", async ({ page, baseURL }) => {
  const db = e2eDb();
  const wp = db
    .prepare("select w.id, w.code, w.version from work_package w where exists (select 1 from budget_line b where b.work_package_id = w.id) order by w.id limit 1")
    .get() as { id: number; code: string; version: number };
  db.close();
  await signInAs(page, "manager", baseURL!);
  await page.goto(`/work-packages/${wp.id}/edit`);
  page.once("dialog", (dialog) => dialog.accept());
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/work-packages/${wp.id}/edit`)),
    page.getByRole("button", { name: /Elimina/ }).first().click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByText(new RegExp(`Il work package ${wp.code} non può essere eliminato`))).toBeVisible();
  const after = e2eDb();
  expect(after.prepare("select count(*) as n from work_package where id = ?").get(wp.id)).toEqual({ n: 1 });
  after.close();
});

test("the Verify page catches deleted last records against a snapshot's anchor and the head an auditor brings", async ({ page, baseURL }) => {
  // A snapshot anchors the head; the manager takes it.
  await signInAs(page, "manager", baseURL!);
  await page.goto("/snapshots");
  const taken = await page.request.post("/snapshots", { form: { label: "Ancoraggio e2e" }, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(taken.status()).toBeLessThan(400);
  const db = e2eDb();
  const snapshotId = (db.prepare("select max(id) as id from snapshot").get() as { id: number }).id;
  const anchored = JSON.parse((db.prepare("select content from snapshot where id = ?").get(snapshotId) as { content: string }).content).meta.auditHead as { id: number; hash: string };
  const held = db.prepare("select id, hash from audit_log order by id desc limit 1").get() as { id: number; hash: string };

  // The evidence pack prints both heads, in the form the Verify page takes back.
  const zip = await page.request.get(`/snapshots/${snapshotId}/csv.zip`);
  expect(zip.status()).toBe(200);
  const { default: JSZip } = await import("jszip");
  const readme = await (await JSZip.loadAsync(await zip.body())).file("LEGGIMI.txt")!.async("string");
  expect(readme).toContain(`Testa della catena all'istantanea: ${anchored.id}:${anchored.hash}`);
  expect(readme).toMatch(/Testa della catena alla generazione del pacchetto: \d+:[0-9a-f]{64}/);

  await page.context().clearCookies();
  await signInAs(page, "auditor", baseURL!);
  await page.goto("/audit/verify");
  await page.getByLabel("Testa della catena da un pacchetto di evidenze (facoltativa)").fill(`${held.id}:${held.hash}`);
  await page.getByTestId("audit-verify-run").click();
  await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("audit-verify-anchors")).toContainText("tutte ancora presenti e invariate");
  await expect(page.getByTestId("audit-verify-ledger-months")).toContainText("tutte coincidenti");

  // Truncation: the last records deleted (triggers dropped, as an attacker with the file would).
  const removed = db.prepare("select * from audit_log where id >= ? order by id").all(anchored.id) as Record<string, unknown>[];
  tamperWith(db, "audit_log", () => db.prepare("delete from audit_log where id >= ?").run(anchored.id));
  try {
    await page.getByTestId("audit-verify-run").click();
    await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "false");
    // What is left is still a valid chain: only the anchors show the cut.
    await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-chain-ok", "true");
    await expect(page.getByTestId("audit-verify-anchors")).toContainText(`Istantanea n. ${snapshotId}: il record n. ${anchored.id} non è più nella catena`);
    await expect(page.getByTestId("audit-verify-anchors")).toContainText(`Testa indicata qui sopra: il record n. ${held.id} non è più nella catena`);
    await page.screenshot({ path: "e2e/.tmp/screenshots/verify-truncated.png", fullPage: true });
  } finally {
    tamperWith(db, "audit_log", () => {
      const columns = Object.keys(removed[0]);
      const insert = db.prepare(`insert into audit_log (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
      for (const row of removed) insert.run(...columns.map((c) => row[c]));
    });
  }
  // UPDATE ledger_month is refused by the database; done with the trigger dropped, Verify reports it.
  expect(() => db.prepare("update ledger_month set amount_cents = amount_cents + 100 where rowid = (select min(rowid) from ledger_month)").run()).toThrow(/maintained by the ledger/);
  tamperWith(db, "ledger_month", () => db.prepare("update ledger_month set amount_cents = amount_cents + 100 where rowid = (select min(rowid) from ledger_month)").run());
  try {
    await page.getByTestId("audit-verify-run").click();
    await expect(page.getByTestId("audit-verify-ledger-months")).toContainText("Totali mensili del registro diversi dai movimenti (righe: 1;");
  } finally {
    tamperWith(db, "ledger_month", () => db.prepare("update ledger_month set amount_cents = amount_cents - 100 where rowid = (select min(rowid) from ledger_month)").run());
    db.close();
  }
  await page.getByTestId("audit-verify-run").click();
  await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");
});
