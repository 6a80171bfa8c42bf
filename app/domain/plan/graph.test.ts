import { describe, expect, it } from "vitest";
import { cycleIfAdded, topologicalOrder } from "./graph";

describe("cycleIfAdded", () => {
  const edges = [
    { from: "t1", to: "t2" },
    { from: "t2", to: "m3" },
    { from: "m3", to: "t4" },
  ];
  it("returns the closing path when the new edge would make a cycle", () => {
    expect(cycleIfAdded(edges, "t4", "t1")).toEqual(["t1", "t2", "m3", "t4"]);
    expect(cycleIfAdded(edges, "t2", "t2")).toEqual(["t2"]);
  });
  it("returns null for a safe edge", () => {
    expect(cycleIfAdded(edges, "t1", "t4")).toBeNull();
    expect(cycleIfAdded(edges, "t9", "t1")).toBeNull();
  });
});

describe("topologicalOrder", () => {
  it("orders predecessors first and rejects cycles", () => {
    const order = topologicalOrder(["a", "b", "c"], [{ from: "c", to: "a" }, { from: "a", to: "b" }]);
    expect(order.indexOf("c")).toBeLessThan(order.indexOf("a"));
    expect(order.indexOf("a")).toBeLessThan(order.indexOf("b"));
    expect(() => topologicalOrder(["a", "b"], [{ from: "a", to: "b" }, { from: "b", to: "a" }])).toThrow();
  });
});
