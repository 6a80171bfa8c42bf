import { describe, expect, it } from "vitest";
import { displayRows, escapeHtml, noFilters, packRows, unpackRows, viewFromSearch, type ChartRow, type ChartWorkPackage } from "./rows";

const row = (id: string, patch: Partial<ChartRow> = {}): ChartRow => ({
  id,
  kind: "task",
  code: id.toUpperCase(),
  title: `Attività ${id}`,
  owner: "Lepida",
  start: "2025-01-01",
  end: "2025-01-31",
  progress: 0,
  state: "on_track",
  gateId: null,
  slack: 3,
  critical: false,
  dependencies: [],
  editable: true,
  version: 1,
  ...patch,
});
const wp = (id: number, rows: ChartRow[], patch: Partial<ChartWorkPackage> = {}): ChartWorkPackage => ({
  id,
  code: `WP${id}`,
  title: `Pacchetto ${id}`,
  owner: "Regione",
  start: "2025-01-01",
  end: "2025-12-31",
  progress: 0,
  state: "on_track",
  gateId: 1,
  rows,
  ...patch,
});
const plan = [
  wp(1, [row("t1", { critical: true, slack: 0 }), row("t2", { state: "late", owner: "AUSL Bologna" })]),
  wp(2, [row("t3", { title: "Gara <cloud>" }), row("m1", { kind: "milestone", gateId: 2 })], { gateId: 2 }),
];
const ids = (rows: ReturnType<typeof displayRows>) => rows.map((r) => r.id);

describe("displayRows", () => {
  it("shows work packages collapsed unless opened, and all of them opened with 'all'", () => {
    expect(ids(displayRows(plan, new Set(), noFilters))).toEqual(["wp1", "wp2"]);
    expect(ids(displayRows(plan, new Set([2]), noFilters))).toEqual(["wp1", "wp2", "t3", "m1"]);
    expect(ids(displayRows(plan, "all", noFilters))).toEqual(["wp1", "t1", "t2", "wp2", "t3", "m1"]);
  });

  it("opens the packages holding matches of a row filter and hides the rest", () => {
    expect(ids(displayRows(plan, new Set(), { ...noFilters, criticalOnly: true }))).toEqual(["wp1", "t1"]);
    expect(ids(displayRows(plan, new Set(), { ...noFilters, state: "late" }))).toEqual(["wp1", "t2"]);
    expect(ids(displayRows(plan, new Set(), { ...noFilters, owner: "AUSL Bologna" }))).toEqual(["wp1", "t2"]);
    expect(ids(displayRows(plan, new Set(), { ...noFilters, search: "  <CLOUD> " }))).toEqual(["wp2", "t3"]);
  });

  it("filters by gate through the work package's gate when an item has none of its own", () => {
    expect(ids(displayRows(plan, new Set(), { ...noFilters, gateId: "2" }))).toEqual(["wp2", "t3", "m1"]);
    expect(ids(displayRows(plan, new Set(), { ...noFilters, gateId: "1" }))).toEqual(["wp1", "t1", "t2"]);
  });

  it("keeps a package whose own name matches the search, collapsed", () => {
    const rows = displayRows(plan, new Set(), { ...noFilters, search: "pacchetto 2" });
    expect(ids(rows)).toEqual(["wp2"]);
    expect(rows[0]).toMatchObject({ type: "summary", expanded: false, matching: 0 });
  });

  it("limits to one work package", () => {
    expect(ids(displayRows(plan, "all", { ...noFilters, workPackageId: "2" }))).toEqual(["wp2", "t3", "m1"]);
  });
});

describe("viewFromSearch", () => {
  it("reads open packages and filters from the URL, ignoring junk", () => {
    const view = viewFromSearch(new URLSearchParams("open=1,x,-3,4&q=gara&critical=1&state=late"));
    expect([...(view.expanded as Set<number>)]).toEqual([1, 4]);
    expect(view.filters).toMatchObject({ search: "gara", criticalOnly: true, state: "late", owner: "" });
    expect(viewFromSearch(new URLSearchParams("open=all")).expanded).toBe("all");
  });
});

describe("escapeHtml", () => {
  it("neutralises markup from the database", () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)> & "q" 'a'`)).toBe("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;");
  });
});

describe("packRows / unpackRows", () => {
  it("gives back exactly the rows it was given, summaries and items of every kind", () => {
    const rows = displayRows(
      [
        wp(1, [row("t1", { dependencies: ["t0", "m2"], critical: true }), row("m2", { kind: "milestone", slack: null, editable: false, version: 4 })]),
        wp(2, [row("x3", { kind: "extra", extraKind: "training", gateId: 2, title: 'Titolo con "virgolette", virgole; e <tag>' })]),
      ],
      "all",
      noFilters,
    );
    expect(unpackRows(packRows(rows))).toEqual(rows);
  });
});
