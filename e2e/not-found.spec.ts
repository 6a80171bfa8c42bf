import fs from "node:fs";
import path from "node:path";
import { expect, test, signInAs } from "./fixtures";

/**
 * Every route with an id in its path ($id), read from app/routes so a new detail page is walked
 * too: a missing id and a non-numeric one answer 404 (the app's error page for pages, a bare
 * 404 for downloads), never 500.
 */
const routesDir = path.resolve("app/routes");
const idRoutes = fs
  .readdirSync(routesDir)
  .filter((file) => /\$[A-Za-z]+Id/.test(file))
  .map((file) => {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    const segments = file
      .replace(/\.tsx?$/, "")
      .replaceAll("[.]", "\u0000")
      .split(".")
      .filter((segment) => segment !== "_index")
      .map((segment) => segment.replace(/_$/, "").replaceAll("\u0000", "."));
    return { file, segments, page: /export default function/.test(source), role: file.startsWith("admin.") ? ("admin" as const) : ("manager" as const) };
  });

function urlFor(segments: string[], id: string) {
  // Other parameters get a valid value, so only the id is wrong (a snapshot section: training).
  return `/${segments.map((segment) => (/^\$[A-Za-z]+Id$/.test(segment) ? id : segment === "$section" ? "training" : segment)).join("/")}`;
}

test("the walk covers every detail route", () => {
  expect(idRoutes.map((route) => route.file)).toEqual(
    expect.arrayContaining(["tasks.$taskId.tsx", "work-packages.$wpId._index.tsx", "snapshots.$snapshotId.pdf.tsx", "admin.users.$userId.tsx", "finance.ledger.$entryId.tsx"]),
  );
  expect(idRoutes.length).toBeGreaterThanOrEqual(18);
});

for (const route of idRoutes) {
  for (const id of ["999999", "abc"]) {
    test(`${urlFor(route.segments, id)} answers 404 (${route.role})`, async ({ page, baseURL }) => {
      await signInAs(page, route.role, baseURL!);
      const url = urlFor(route.segments, id);
      if (route.page) {
        const response = await page.goto(url);
        expect(response?.status()).toBe(404);
        await expect(page.getByRole("alert").getByRole("heading", { name: /Si è verificato un errore \(404\)/ })).toBeVisible();
        await expect(page.getByText("La pagina o l'elemento richiesto non esiste.")).toBeVisible();
      } else {
        const response = await page.request.get(url, { maxRedirects: 0 });
        expect(response.status()).toBe(404);
      }
    });
  }
}
