import path from "node:path";
import { demoUsers, e2eDb, expect, forgePost, signInAs, test } from "./fixtures";

/**
 * Self-check checklists as finance fills them in, a manager reviews them (four eyes) and an
 * auditor reads them. The seed holds checklists in every state (db/seed/rendiconto.ts).
 */
const shots = path.resolve("e2e/.tmp/screenshots");

function checklistRow(templateCode: string, subjectKey: string) {
  const db = e2eDb();
  try {
    return db
      .prepare("select id, state, version, completed_by_id as completedById, reviewed_by_id as reviewedById, round from checklist where template_code = ? and subject_key = ?")
      .get(templateCode, subjectKey) as { id: number; state: string; version: number; completedById: number | null; reviewedById: number | null; round: number };
  } finally {
    db.close();
  }
}

test.describe("checklists", () => {
  test.use({ role: "finance" });

  test("finance completes a procedure checklist, cannot verify it (403 with a message), a manager verifies it", async ({ signedIn: page, baseURL }) => {
    const seeded = checklistRow("procedure_regularity", "A34D1F5088");
    expect(seeded.state).toBe("draft");

    await page.goto("/checklists?state=draft");
    await expect(page.getByTestId(`checklist-row-${seeded.id}`)).toContainText("A34D1F5088");
    await page.getByRole("link", { name: "A34D1F5088" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regolarità della procedura di affidamento");
    await expect(page.getByTestId("checklist-state")).toContainText("5 di 14");

    // Answer everything; question 13 is "No" without a reason first.
    for (let n = 6; n <= 14; n++) {
      const item = page.getByTestId(`item-${n}`);
      await item.getByLabel(n === 13 ? "No" : n === 10 ? "Non applicabile" : "Sì", { exact: true }).check({ force: true });
    }
    await page.getByRole("button", { name: "Segna come compilata" }).click();
    await expect(page.getByTestId("item-13")).toContainText("Domanda 13: una risposta «No» va motivata nella nota.");
    expect(checklistRow("procedure_regularity", "A34D1F5088").state).toBe("draft");

    await page.getByLabel("Nota (13)").fill("Variante in corso d'opera del 03/06/2025 non ancora autorizzata: richiesta integrazione al RUP.");
    await page.getByLabel("Nota (10)").fill("Procedura negoziata senza commissione giudicatrice.");
    await page.getByRole("button", { name: "Segna come compilata" }).click();
    await expect(page.getByTestId("checklist-state")).toContainText("Compilata, da verificare");
    await expect(page.getByTestId("checklist-completed-by")).toContainText(demoUsers.finance.name);
    await expect(page.getByTestId("answer-13")).toHaveText("No");

    // Four eyes: the UI says why there is no review form, and the server refuses the forged POST.
    await expect(page.getByTestId("four-eyes-notice")).toBeVisible();
    await expect(page.getByTestId("review-form")).toHaveCount(0);
    const completed = checklistRow("procedure_regularity", "A34D1F5088");
    const forged = await forgePost(page, `/checklists/${completed.id}?intent=review`, { version: String(completed.version), outcome: "verified", note: "" });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain("Non puoi verificare una checklist che hai compilato tu (Marco Bassi)");
    expect(checklistRow("procedure_regularity", "A34D1F5088").state).toBe("completed");

    // The manager verifies it.
    await signInAs(page, "manager", baseURL!);
    await page.goto(`/checklists/${completed.id}`);
    const review = page.getByTestId("review-form");
    await expect(review).toBeVisible();
    await review.getByLabel("Verificata (esito positivo)").check({ force: true });
    await review.getByLabel("Nota della verifica").fill("Risposte e motivazioni controllate; la variante resta da autorizzare.");
    await page.getByRole("button", { name: "Registra l'esito" }).click();
    await expect(page.getByTestId("checklist-verified")).toContainText(`Verificata da ${demoUsers.manager.name}`);
    await expect(page.getByTestId("checklist-history").locator("[data-event]")).toHaveCount(3);
    await page.screenshot({ path: path.join(shots, "checklist-verified.png"), fullPage: true });

    const verified = checklistRow("procedure_regularity", "A34D1F5088");
    expect(verified.state).toBe("verified");
    expect(verified.reviewedById).not.toBe(verified.completedById);
  });

  test("a manager rejects a completed checklist; the rejection shows what to fix and a new completion keeps the history", async ({ signedIn: page, baseURL }) => {
    const seeded = checklistRow("procedure_regularity", "A56F3172AA");
    expect(seeded.state).toBe("completed");
    await signInAs(page, "manager", baseURL!);
    await page.goto(`/checklists/${seeded.id}`);
    const review = page.getByTestId("review-form");
    await review.getByLabel("Respinta (da correggere)").check({ force: true });
    await page.getByRole("button", { name: "Registra l'esito" }).click();
    await expect(page.getByText("Per respingere indicare nella nota che cosa va corretto.")).toBeVisible();
    await review.getByLabel("Respinta (da correggere)").check({ force: true });
    await review.getByLabel("12", { exact: true }).check({ force: true });
    await review.getByLabel("Nota della verifica").fill("Il contratto non riporta la clausola sugli obblighi di rendicontazione PNRR.");
    await page.getByRole("button", { name: "Registra l'esito" }).click();
    await expect(page.getByTestId("checklist-rejected")).toContainText("Voci da correggere: 12");
    await expect(page.getByTestId("item-12")).toContainText("Da correggere");

    // Finance fixes it and completes it again: round 2, history kept.
    await signInAs(page, "finance", baseURL!);
    await page.goto(`/checklists/${seeded.id}`);
    await page.getByLabel("Nota (12)").fill("Atto aggiuntivo del 10/11/2025 con la clausola PNRR.");
    await page.getByRole("button", { name: "Segna come compilata" }).click();
    await expect(page.getByTestId("checklist-completed-by")).toContainText("Compilazione n. 2");
    await expect(page.getByTestId("checklist-history").locator('[data-event="completed"]')).toHaveCount(2);
    await expect(page.getByTestId("checklist-history").locator('[data-event="rejected"]')).toContainText("voci da correggere: 12");
  });

  test("an auditor reads every checklist, including what a rejection asks to fix, and can change nothing", async ({ page, baseURL }) => {
    await signInAs(page, "auditor", baseURL!);
    const rejected = checklistRow("dnsh", "E39J22001830006");
    expect(rejected.state).toBe("rejected");
    await page.goto(`/checklists/${rejected.id}`);
    await expect(page.getByTestId("checklist-rejected")).toContainText("Voci da correggere: 5, 8");
    await expect(page.getByTestId("checklist-rejected")).toContainText("certificazioni Energy Star");
    await expect(page.getByRole("button", { name: "Segna come compilata" })).toHaveCount(0);
    await expect(page.getByRole("radio")).toHaveCount(0);
    await page.screenshot({ path: path.join(shots, "checklist-rejected.png"), fullPage: true });
    const forged = await forgePost(page, `/checklists/${rejected.id}?intent=answers`, { version: String(rejected.version), submit: "complete" });
    expect(forged.status()).toBe(403);
    await page.goto("/checklists");
    for (const state of ["draft", "completed", "verified", "rejected"]) await expect(page.locator(`tr[data-state="${state}"]`).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Nuova checklist" })).toHaveCount(0);
    await page.screenshot({ path: path.join(shots, "checklists-list.png"), fullPage: true });
  });

  test("an admin edits a template: a new version for new checklists, the started ones keep theirs", async ({ page, baseURL }) => {
    await signInAs(page, "admin", baseURL!);
    await page.goto("/checklists/templates/beneficial_owner");
    const items = page.getByLabel("Domande, una per riga: Sezione | Domanda | Evidenze attese");
    await items.fill(`${await items.inputValue()}\nAntiriciclaggio | È stata consultata la sezione del registro dei titolari effettivi presso la Camera di commercio? | Estratto del registro`);
    await page.getByLabel("Nota di modifica").fill("Aggiunta consultazione del registro dei titolari effettivi");
    await page.getByRole("button", { name: "Salva come nuova versione" }).click();
    await expect(page.getByTestId("template-versions").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("template-versions")).toContainText("v2");
    const started = checklistRow("beneficial_owner", "03512850371");
    await page.goto(`/checklists/${started.id}`);
    await expect(page.getByText("Questa checklist usa la versione 1 del modello; il modello è ora alla versione 2.")).toBeVisible();
    await expect(page.locator("[data-testid^=item-]")).toHaveCount(7);
  });
});
