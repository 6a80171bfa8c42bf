import path from "node:path";
import { e2eDb, expect, test } from "./fixtures";

/**
 * The evidence register as the programme manager fills it and finance verifies it: M6C2-11 shows
 * its missing GP-training report; attaching it changes the dashboard's count; the uploader cannot
 * verify it, a second person can.
 */
const shots = path.resolve("e2e/.tmp/screenshots");
test.describe.configure({ mode: "serial" });

test.describe("programme manager", () => {
  test.use({ role: "manager" });

  test("M6C2-11 shows what is missing; attaching the GP-training report changes the dashboard's count", async ({ signedIn: page }) => {
    await page.goto("/");
    await expect(page.getByTestId("evidence-summary-text")).toHaveText("2 voci su 7 con documenti, 1 verificate; mancano 5.");
    await page.getByRole("link", { name: "Apri il registro delle evidenze" }).click();
    const target = page.getByTestId("evidence-M6C2-11");
    const training = target.locator('li[data-evidence-key="M6C2-11#2"]');
    await expect(training).toHaveAttribute("data-state", "missing");
    await expect(training).toContainText("Mancante");
    await expect(training).toContainText("formazione dei medici di medicina generale");
    await expect(target.locator('li[data-evidence-key="M6C2-11#1"]')).toHaveAttribute("data-state", "verified");
    await expect(training.locator('form[data-hydrated="true"]')).toBeVisible();

    const before = e2eDb().prepare("select count(*) from document where evidence_key = 'M6C2-11#2'").pluck().get();
    await training.getByLabel("File (M6C2-11#2)").setInputFiles({ name: "Relazione formazione MMG 2025.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% MMG formati: 3.112 su 3.300\n%%EOF\n") });
    await training.getByRole("button", { name: "Allega" }).click();
    await expect(training).toHaveAttribute("data-state", "uploaded");
    await expect(training).toContainText("Relazione formazione MMG 2025.pdf");
    expect(e2eDb().prepare("select count(*) from document where evidence_key = 'M6C2-11#2'").pluck().get()).toBe(Number(before) + 1);
    // The uploader sees no verify button, and the server refuses the forged request too.
    await expect(training.getByRole("button", { name: /Conferma la verifica/ })).toHaveCount(0);
    const id = e2eDb().prepare("select id from document where evidence_key = 'M6C2-11#2' order by id desc limit 1").pluck().get();
    const forged = await page.request.post("/documents/verify.data?fetch=1", { form: { documentId: String(id) }, headers: { Origin: new URL(page.url()).origin } });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain("quattro occhi");

    await page.goto("/");
    await expect(page.getByTestId("evidence-summary-text")).toHaveText("3 voci su 7 con documenti, 1 verificate; mancano 4.");

    // The milestone's own page shows the same items, and its general documents.
    const milestoneId = e2eDb().prepare("select id from milestone where eu_code = 'M6C2-11'").pluck().get();
    await page.goto(`/milestones/${milestoneId}`);
    await expect(page.getByTestId("evidence-M6C2-11").locator('li[data-evidence-key="M6C2-11#2"]')).toHaveAttribute("data-state", "uploaded");
    await expect(page.getByTestId("documents-milestone")).toBeVisible();
    await page.screenshot({ path: path.join(shots, "evidence-milestone.png"), fullPage: true });
  });
});

test.describe("finance", () => {
  test.use({ role: "finance" });

  test("a second person verifies the report", async ({ signedIn: page }) => {
    await page.goto("/evidence");
    const training = page.getByTestId("evidence-M6C2-11").locator('li[data-evidence-key="M6C2-11#2"]');
    await expect(training.locator('form[data-hydrated="true"]')).toBeVisible();
    await training.getByRole("button", { name: "Conferma la verifica di Relazione formazione MMG 2025.pdf" }).click();
    await expect(training).toHaveAttribute("data-state", "verified");
    await expect(training).toContainText("Verificato da Marco Bassi");
    await page.screenshot({ path: path.join(shots, "evidence-register.png"), fullPage: true });
    await page.goto("/");
    await expect(page.getByTestId("evidence-summary-text")).toHaveText("3 voci su 7 con documenti, 2 verificate; mancano 4.");
  });
});
