import { describe, expect, it } from "vitest";
import type { DisplayRow } from "./rows";
import { A3_LANDSCAPE, layoutSheets, type SheetInput } from "./sheet";

const row = (i: number, start: string, end: string): DisplayRow => ({
  type: "item",
  id: `t${i}`,
  workPackageId: 1,
  row: { id: `t${i}`, kind: "task", code: `WP1.${i}`, title: `Attività ${i}`, owner: "", start, end, progress: 50, state: "on_track", gateId: null, slack: 3, critical: false, dependencies: i > 1 ? [`t${i - 1}`] : [], editable: true, version: 1 },
});

const input = (rows: DisplayRow[]): SheetInput => ({
  rows,
  gates: [{ code: "G2", dueDate: "2026-06-30" }],
  today: "2026-12-01",
  criticalLinks: [],
  baseline: null,
  title: "Cronoprogramma (Gantt)",
  subtitle: "prova",
  locale: "it",
  labels: { name: "Nome", slack: "Margine", today: "Oggi", page: (n, of) => `Pagina ${n} di ${of}`, slackDays: (d) => `${d} gg` },
});
const measure = (text: string, size: number) => text.length * size * 0.5;

describe("the Gantt laid out on A3 pages", () => {
  it("pages rows down and months across, repeating the names column and the month header", () => {
    const rows = Array.from({ length: 90 }, (_, i) => row(i + 1, "2023-01-02", "2023-03-31"));
    const sheets = layoutSheets(input(rows), { ...A3_LANDSCAPE, paged: true, measure });
    const texts = sheets.map((sheet) => sheet.prims.flatMap((p) => (p.kind === "text" ? [p.text] : [])));
    // 90 rows in blocks of 43; Dec 2022 … Jan 2027 (today, with a month either side) in slices of 20 months.
    expect(sheets).toHaveLength(9);
    for (const [i, list] of texts.entries()) {
      expect(list).toContain("Nome");
      expect(list.some((text) => /^(Gennaio|Febbraio|Marzo|Aprile|Maggio|Giugno|Luglio|Agosto|Settembre|Ottobre|Novembre|Dicembre)$/.test(text))).toBe(true);
      expect(list.some((text) => text.startsWith("WP1."))).toBe(true);
      expect(list).toContain(`Pagina ${i + 1} di 9`);
    }
    expect(texts[0]).toContain("WP1.1 Attività 1");
    expect(texts[6]).toContain("WP1.90 Attività 90");
    expect(texts[8]).not.toContain("WP1.1 Attività 1");
  });

  it("draws the gate and today lines in their own month's column", () => {
    const [sheet] = layoutSheets(input([row(1, "2026-01-05", "2026-06-30")]), { ...A3_LANDSCAPE, paged: false, measure });
    const label = (text: string) => sheet.prims.filter((p) => p.kind === "text" && p.text === text).at(-1) as { x: number };
    const lines = sheet.prims.filter((p) => p.kind === "line" && p.lineWidth === 1.2) as { x1: number }[];
    expect(lines).toHaveLength(2);
    const [gate, today] = lines.map((line) => line.x1);
    // Month labels are centred in 44-pt columns.
    expect(Math.abs(gate - label("Giugno").x)).toBeLessThan(22);
    expect(Math.abs(today - label("Dicembre").x)).toBeLessThan(22);
  });
});
