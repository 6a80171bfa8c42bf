import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

/** Italia Domani's published winners against the register, as an auditor compares them. */
const fixtures = path.resolve("app/domain/procurement/__fixtures__");
const realWinners = path.resolve("../shared/data/italia-domani/open-data/PNRR_Aggiudicatari_Gare__estr2025-03-31__M6C2I1.03.01.csv");
const shots = path.resolve("e2e/.tmp/screenshots");

test.describe("auditor", () => {
  test.use({ role: "auditor" });

  test("compares a fixture in the Aggiudicatari/Subappaltatori format for the programme's CUP", async ({ signedIn: page }) => {
    await page.goto("/procurement/awards");
    await page.getByLabel("File degli aggiudicatari").setInputFiles(path.join(fixtures, "aggiudicatari-sample.csv"));
    await page.getByLabel("File dei subappaltatori").setInputFiles(path.join(fixtures, "subappaltatori-sample.csv"));
    await page.getByRole("button", { name: "Confronta" }).click();
    await expect(page.getByTestId("awards-summary")).toContainText("CUP E39J22001830006");
    const row = (cig: string) => page.getByTestId("awards-table").locator(`tr[data-cig="${cig}"]`);
    await expect(row("96228851F0")).toHaveAttribute("data-difference", "same");
    await expect(row("B9F0C12A77")).toHaveAttribute("data-difference", "onlyPublished");
    await expect(row("B9F0C12A77")).toContainText("DATI CLINICI ITALIA S.R.L.");
    await expect(row("A34D1F5088")).toHaveAttribute("data-difference", "parties");
    await expect(row("A34D1F5088")).toContainText("Ruolo diverso");
    await expect(row("A56F3172AA")).toContainText("EDUCAZIONE CONTINUA BO S.R.L.");
    await expect(row("94112270E1")).toContainText("CABLAGGI PADANI S.R.L.");
    await expect(row("A9A375BEEF")).toHaveAttribute("data-difference", "onlyRegistered");
    await page.screenshot({ path: path.join(shots, "procurement-awards.png"), fullPage: true });

    await page.getByLabel("File degli aggiudicatari").setInputFiles({ name: "altro.csv", mimeType: "text/csv", buffer: Buffer.from("Colonna A;Colonna B\n1;2\n") });
    await page.getByLabel("File dei subappaltatori").setInputFiles([]);
    await page.getByRole("button", { name: "Confronta" }).click();
    await expect(page.getByTestId("awards-error")).toContainText("mancano le colonne CUP, CIG");
  });

  test("runs on the real Italia Domani file for a CUP in it", async ({ signedIn: page }) => {
    test.skip(!fs.existsSync(realWinners), `real file absent (${realWinners}): only the fixture ran`);
    await page.goto("/procurement/awards");
    await page.getByLabel("File degli aggiudicatari").setInputFiles(realWinners);
    await page.getByRole("button", { name: "Confronta" }).click();
    await expect(page.getByTestId("awards-summary")).toBeVisible();
    await page.getByLabel("CUP", { exact: true }).selectOption("J77H22004700001");
    await page.getByRole("button", { name: "Confronta" }).click();
    await expect(page.getByTestId("awards-summary")).toContainText("CUP J77H22004700001");
    await expect(page.getByTestId("awards-table").locator('tr[data-cig="9845841506"]')).toContainText("EXPRIVIA");
    await expect(page.getByTestId("awards-table").locator('tr[data-difference="onlyPublished"]').first()).toBeVisible();
  });
});
