import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rememberRouteMatches } from "./route-matching.js";

const require = createRequire(import.meta.url);
// The real module, loaded apart from the one the app uses (a copy of its exports), so the test
// compares the remembered answers with the router's own.
const router = require("@remix-run/router") as { matchRoutes: (...args: unknown[]) => unknown; parsePath: (path: string) => { pathname?: string } };
const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (appDirectory: string, ignored: string[]) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
};

interface Route {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
}

/** This app's route tree, as Remix builds it from app/routes (a fresh tree each call, as per request). */
function appRoutes(): Route[] {
  const manifest = flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.{ts,tsx}"]);
  const all = [{ id: "root", path: "" }, ...Object.values(manifest)];
  const build = (parentId: string | undefined): Route[] =>
    all
      .filter((route) => ("parentId" in route ? route.parentId : undefined) === parentId && route.id !== parentId)
      .map((route) => {
        const children = build(route.id);
        return { id: route.id, path: route.path, index: "index" in route ? route.index : undefined, caseSensitive: "caseSensitive" in route ? route.caseSensitive : undefined, ...(children.length ? { children } : {}) };
      });
  return build(undefined).filter((route) => route.id === "root");
}

/** Paths a user would ask for, from every route's pattern, plus some that match nothing. */
function samplePaths(routes: Route[]): string[] {
  const paths = new Set(["/", "/nope", "/tasks/abc/def/ghi", "/finance/ledger/", "//gantt", "/Gantt", "/documents/%C3%A8"]);
  const walk = (list: Route[], prefix: string) => {
    for (const route of list) {
      const full = route.path ? `${prefix}/${route.path}` : prefix;
      for (const value of ["12", "ab-c"]) paths.add((full.replace(/:\w+\??/g, value).replace(/\*$/, "a/b") || "/").replace(/\/+/g, "/"));
      if (route.children) walk(route.children, full);
    }
  };
  walk(routes, "");
  return [...paths];
}

const plain = (matches: unknown) => JSON.parse(JSON.stringify(matches, (key, value) => (key === "route" ? value.id : value)));

describe("route matching remembered per path (issue 15)", () => {
  const original = router.matchRoutes;
  const remembered = { ...router };
  rememberRouteMatches(remembered);

  it("matches every route of the app exactly as the router does, on the same tree and on fresh ones", () => {
    const routes = appRoutes();
    const paths = samplePaths(routes);
    expect(paths.length).toBeGreaterThan(100);
    for (let round = 0; round < 2; round++) {
      for (const pathname of paths) {
        const fresh = appRoutes();
        const expected = original(fresh, pathname);
        for (const [tree, location] of [
          [routes, pathname],
          [fresh, { pathname }],
          [appRoutes(), `${pathname}?q=1#x`],
        ] as const) {
          const got = remembered.matchRoutes(tree, location) as { route: Route }[] | null;
          expect(plain(got), pathname).toEqual(plain(expected));
          // The routes handed back are those of the tree passed in.
          for (const match of got ?? []) expect(JSON.stringify(tree)).toContain(`"id":"${match.route.id}"`);
          if (got) for (const match of got) expect(match.route).toBe(findRoute(tree, match.route.id));
        }
      }
    }
    // The same path under another basename is another answer.
    expect(plain(remembered.matchRoutes(routes, "/base/gantt"))).toEqual(plain(original(routes, "/base/gantt")));
    expect(plain(remembered.matchRoutes(routes, "/base/gantt", "/base"))).toEqual(plain(original(routes, "/base/gantt", "/base")));
    expect((remembered.matchRoutes(routes, "/base/gantt", "/base") as { route: Route }[]).at(-1)?.route.id).toBe("routes/gantt");
    expect(remembered.matchRoutes(routes, "/gantt", "/base")).toBeNull();
  });

  it("hands out fresh objects: a caller changing its params changes nothing for the next", () => {
    const routes = appRoutes();
    const first = remembered.matchRoutes(routes, "/tasks/7") as { params: Record<string, string> }[];
    expect(first.length).toBeGreaterThan(0);
    // One params object shared by the matches, as the router does.
    expect(new Set(first.map((match) => match.params)).size).toBe(1);
    first[0].params.taskId = "changed";
    const second = remembered.matchRoutes(routes, "/tasks/7") as { params: Record<string, string> }[];
    expect(plain(second)).toEqual(plain(original(routes, "/tasks/7")));
  });

  it("leaves a tree whose routes have no unique ids to the router", () => {
    const routes = [{ path: "/", children: [{ path: "a" }, { path: ":x" }] }];
    expect(remembered.matchRoutes(routes, "/a")).toEqual(original(routes, "/a"));
    const twice = [{ id: "a", path: "a" }, { id: "a", path: "b" }];
    expect(remembered.matchRoutes(twice, "/b")).toEqual(original(twice, "/b"));
  });
});

function findRoute(tree: readonly Route[], id: string): Route | undefined {
  for (const route of tree) {
    if (route.id === id) return route;
    const inner = route.children && findRoute(route.children, id);
    if (inner) return inner;
  }
  return undefined;
}
