/**
 * Dependency graphs over plan items. Nodes are keys such as "t12" (task) or "m5" (milestone);
 * an edge runs from predecessor to successor (finish-to-start).
 */
export type NodeKey = string;
export interface Edge {
  from: NodeKey;
  to: NodeKey;
}

function adjacency(edges: readonly Edge[]): Map<NodeKey, NodeKey[]> {
  const next = new Map<NodeKey, NodeKey[]>();
  for (const { from, to } of edges) {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  return next;
}

/**
 * The path that adding `from → to` would close into a cycle, from `to` back to `from`,
 * or null when the edge is safe.
 */
export function cycleIfAdded(edges: readonly Edge[], from: NodeKey, to: NodeKey): NodeKey[] | null {
  if (from === to) return [from];
  const next = adjacency(edges);
  const cameFrom = new Map<NodeKey, NodeKey>();
  const queue: NodeKey[] = [to];
  const seen = new Set<NodeKey>([to]);
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === from) {
      const path = [from];
      let cursor = from;
      while (cursor !== to) {
        cursor = cameFrom.get(cursor)!;
        path.unshift(cursor);
      }
      return path;
    }
    for (const successor of next.get(node) ?? []) {
      if (!seen.has(successor)) {
        seen.add(successor);
        cameFrom.set(successor, node);
        queue.push(successor);
      }
    }
  }
  return null;
}

/** Kahn's topological order; throws if the graph has a cycle. */
export function topologicalOrder(nodes: readonly NodeKey[], edges: readonly Edge[]): NodeKey[] {
  const indegree = new Map<NodeKey, number>(nodes.map((node) => [node, 0]));
  for (const { to } of edges) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  const next = adjacency(edges);
  const ready = [...indegree].filter(([, count]) => count === 0).map(([node]) => node);
  const order: NodeKey[] = [];
  while (ready.length > 0) {
    const node = ready.shift()!;
    order.push(node);
    for (const successor of next.get(node) ?? []) {
      const count = indegree.get(successor)! - 1;
      indegree.set(successor, count);
      if (count === 0) ready.push(successor);
    }
  }
  if (order.length !== indegree.size) throw new Error("Dependency graph has a cycle");
  return order;
}
