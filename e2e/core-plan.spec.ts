import { e2eDb, expect, forgePost, test } from "./fixtures";

function taskRow(code: string) {
  const db = e2eDb();
  try {
    return db.prepare("select id, progress, status, version, end_date as endDate from task where code = ?").get(code) as {
      id: number;
      progress: number;
      status: string;
      version: number;
      endDate: string;
    };
  } finally {
    db.close();
  }
}

function auditCount() {
  const db = e2eDb();
  try {
    return (db.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test.describe("as a programme manager", () => {
  test.use({ role: "manager" });

  test("editing a task updates the dashboard and the audit log", async ({ signedIn: page }) => {
    const task = taskRow("WP3.8");
    await page.goto("/");
    const wpRow = page.getByTestId("gate-G2").getByTestId("gate-item-WP3");
    await expect(wpRow).toContainText("97%");

    await page.goto(`/tasks/${task.id}`);
    await page.getByLabel("Avanzamento (%)").fill("100");
    await page.getByLabel("Stato attività").selectOption("completed");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page).toHaveURL(/\/work-packages\/\d+$/);
    await expect(page.getByTestId("task-row-WP3.8")).toContainText("100%");
    await expect(page.getByTestId("task-row-WP3.8")).toContainText("Completato");

    await page.goto("/");
    // WP3.8 is 362 of WP3's 2,613 task-days: completing it lifts the weighted progress from 97% to 100%
    // (WP3.9, 19 days at 45%, is what keeps it from being done).
    await expect(page.getByTestId("gate-G2").getByTestId("gate-item-WP3")).toContainText("100%");

    await page.goto("/audit?entity=task");
    const row = page.getByTestId("audit-row").first();
    await expect(row).toContainText("Giulia Ferri");
    await expect(row).toContainText("WP3.8");
    await expect(row.locator('[data-field="progress"]')).toContainText("80 → 100");
    await expect(row.locator('[data-field="status"]')).toContainText("In corso → Completata");
  });

  test("bad input gets field messages in Italian and nothing is written", async ({ signedIn: page }) => {
    const task = taskRow("WP7.7");
    const before = auditCount();
    await page.goto(`/tasks/${task.id}`);
    await page.getByLabel("Fine").fill("2026-01-15");
    await page.getByLabel("Avanzamento (%)").fill("150");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.locator('[data-field-error="endDate"]')).toHaveText("La data di fine non può precedere la data di inizio (02/03/2026).");
    await expect(page.locator('[data-field-error="progress"]')).toHaveText("L'avanzamento deve essere un numero intero tra 0 e 100.");
    expect(taskRow("WP7.7")).toEqual(task);
    expect(auditCount()).toBe(before);
  });

  test("the server repeats the checks: a forged POST with an end before the start gets 400", async ({ signedIn: page }) => {
    const task = taskRow("WP7.7");
    await page.goto("/");
    const response = await forgePost(page, `/tasks/${task.id}`, {
      version: String(task.version),
      workPackageId: "7",
      code: "WP7.7",
      title: "Rendicontazione finale",
      owner: "PMO",
      startDate: "2026-03-02",
      endDate: "2026-01-01",
      progress: "85",
      status: "in_progress",
    });
    expect(response.status()).toBe(400);
    expect(taskRow("WP7.7")).toEqual(task);
  });

  test("a dependency that would close a cycle is refused with the path", async ({ signedIn: page }) => {
    await page.goto("/work-packages");
    await page.getByRole("link", { name: "WP1", exact: true }).click();
    const form = page.locator("#dependency-form");
    await form.getByLabel("Predecessore").selectOption({ label: "WP1.M2 — Infrastruttura FSE 2.0 in esercizio" });
    await form.getByLabel("Successore").selectOption({ label: "WP1.1 — Assessment dell'infrastruttura FSE esistente" });
    await form.getByRole("button", { name: "Aggiungi" }).click();
    await expect(page.locator('[data-field-error="successor"]')).toContainText(
      "Questa dipendenza creerebbe un ciclo: WP1.1 → WP1.2 → WP1.3 → WP1.M1 → WP1.4 → WP1.5 → WP1.7 → WP1.8 → WP1.M2 → WP1.1.",
    );
  });

  test("a milestone outside its work package is refused", async ({ signedIn: page }) => {
    await page.goto("/work-packages");
    await page.getByRole("link", { name: "WP4", exact: true }).click();
    await page.getByRole("link", { name: "Nuova milestone" }).click();
    await page.getByLabel("Codice", { exact: true }).fill("WP4.M9");
    await page.getByLabel("Titolo").fill("Verifica finale");
    await page.getByLabel("Scadenza", { exact: true }).fill("2026-03-31");
    await page.getByRole("button", { name: "Crea" }).click();
    await expect(page.locator('[data-field-error="dueDate"]')).toHaveText(
      "La scadenza della milestone deve cadere nel periodo del work package (01/09/2023 – 19/12/2025).",
    );
  });

  test("two sessions edit the same task: the second gets a conflict naming who changed it", async ({ signedIn: page, browser, baseURL }) => {
    const task = taskRow("WP2.7");
    const other = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
    const second = await other.newPage();
    const { signInAs } = await import("./fixtures");
    await signInAs(second, "manager", baseURL!);

    await page.goto(`/tasks/${task.id}`);
    await second.goto(`/tasks/${task.id}`);

    await page.getByLabel("Avanzamento (%)").fill("80");
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page).toHaveURL(/\/work-packages\/\d+$/);

    await second.getByLabel("Avanzamento (%)").fill("90");
    await second.getByRole("button", { name: "Salva" }).click();
    const conflict = second.getByTestId("form-errors");
    await expect(conflict).toContainText("Questo elemento è stato modificato da Giulia Ferri il");
    await expect(conflict).toContainText("Ricarica la pagina");
    expect(taskRow("WP2.7").progress).toBe(80);
    await other.close();
  });
});

test.describe("as an auditor", () => {
  test.use({ role: "auditor" });

  test("forged POSTs to plan actions get 403 and change nothing", async ({ signedIn: page }) => {
    const task = taskRow("WP5.7");
    const before = auditCount();
    await page.goto("/");
    const attempts: [string, Record<string, string>][] = [
      [
        `/tasks/${task.id}`,
        { version: String(task.version), workPackageId: "5", code: "WP5.7", title: "x", owner: "x", startDate: "2025-10-01", endDate: "2025-12-19", progress: "10", status: "in_progress" },
      ],
      [`/tasks/${task.id}`, { intent: "delete", version: String(task.version) }],
      ["/work-packages/new", { code: "WP9", title: "x", owner: "x", startDate: "2025-01-01", endDate: "2025-02-01", gateId: "1" }],
      ["/work-packages/1", { predecessor: "t1", successor: "t5" }],
      ["/work-packages/1/edit", { intent: "delete", version: "1" }],
      ["/admin/users", { email: "x@y.it", name: "x", role: "admin", active: "on", password: "0123456789ab" }],
    ];
    for (const [url, form] of attempts) {
      const response = await forgePost(page, url, form);
      expect(response.status(), url).toBe(403);
    }
    expect(taskRow("WP5.7")).toEqual(task);
    expect(auditCount()).toBe(before);
  });
});
