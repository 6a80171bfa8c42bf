import { describe, expect, it } from "vitest";
import { barsSvg, layoutBars, planRows } from "./plan-bars";
import { sampleContent } from "~/domain/snapshots/snapshot-fixture.test-helper";

describe("plan bars", () => {
  it("orders rows by work package, then its tasks and milestones", () => {
    expect(planRows(sampleContent()).map((row) => row.code)).toEqual(["WP1", "WP1.1", "WP1.2", "WP1.M1"]);
  });

  it("puts the baseline under each row and marks what moved", () => {
    const after = sampleContent();
    after.plan.milestones[0].dueDate = "2026-01-16";
    const rows = planRows(after, sampleContent());
    const milestone = rows.find((row) => row.code === "WP1.M1")!;
    expect(milestone).toMatchObject({ moved: true, baseline: { start: "2025-12-19", end: "2025-12-19" }, start: "2026-01-16" });
    expect(rows.filter((row) => row.moved).map((row) => row.code)).toEqual(["WP1.M1"]);
    expect(planRows(after, sampleContent(), { onlyMoved: true }).map((row) => row.code)).toEqual(["WP1", "WP1.M1"]);

    const layout = layoutBars(rows, { width: 1000, labelWidth: 300 });
    const placed = layout.rows.find((row) => row.code === "WP1.M1")!;
    // 28 days later on a chart spanning 2025-01-01 … 2026-02-01 (396 days over 690 px).
    expect(layout.from).toBe("2025-01-01");
    expect(placed.x - placed.bx!).toBeCloseTo((28 / 396) * 690, 5);
    expect(layout.rows.map((row) => row.y)).toEqual([28, 50, 72, 94]);
    expect(layout.ticks[0]).toMatchObject({ label: "gen 25", x: 300 });
  });

  it("draws a standalone SVG with ghost bars, moved bars and escaped labels", () => {
    const after = sampleContent();
    after.plan.tasks[1].endDate = "2025-12-29";
    after.plan.tasks[1].title = "Migrazione <dati> & archivi";
    const svg = barsSvg(layoutBars(planRows(after, sampleContent())));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="tg-bar-baseline"/g)).toHaveLength(4);
    expect(svg.match(/tg-bar-moved/g)).toHaveLength(1);
    expect(svg).toContain('class="tg-bar tg-bar-moved" data-code="WP1.2"');
    expect(svg).toContain("Migrazione &lt;dati&gt; &amp; archivi");
    expect(svg).not.toContain("<dati>");
  });
});
