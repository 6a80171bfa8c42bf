// Route matching remembered per path (issue 15). React Router's `matchRoutes` flattens and ranks the
// whole route tree and compiles a regular expression for every route it tries, on every call; Remix
// calls it three times for each request (the server runtime, React Router's render, and Remix's
// route discovery), always on the same tree, built afresh per request by two of them. Under
// bench:load, route matching was 19% of the workers' busy time, as much for the login page as for
// any other.
//
// The answer depends only on the tree's shape (each route's id, path, index and caseSensitive flags
// and its children, in order), the pathname and the basename. So the shape is read (a walk over the
// tree, cheap next to flattening it), and the answer for that shape and path is kept as route ids
// and reused, mapped back onto the routes of the tree passed in this time, with fresh objects so no
// caller can change what the next one gets. A tree whose routes lack unique ids is matched as usual.
//
// `matchRoutes` is replaced on @remix-run/router's exports object, which the server runtime, React
// Router and Remix read at each call (they are CommonJS); the router's own internal calls (one per
// request, in its static handler) are unaffected. route-matching.test.ts checks that every route of
// the app matches exactly as before.

/** Most answers kept per tree shape (paths with ids, /tasks/1, /tasks/2…, make many). */
const MAX_PATHS = 2000;

/**
 * @param {{ matchRoutes: Function, parsePath: (path: string) => { pathname?: string } }} router
 *   the @remix-run/router module
 */
export function rememberRouteMatches(router) {
  if (router.matchRoutes.remembered) return;
  const original = router.matchRoutes;
  /** @type {WeakMap<object[], { key: string, byId: Map<string, object> } | null>} */
  const shapes = new WeakMap();
  /** @type {Map<string, Map<string, { ids: string[], params: Record<string, string>, pathnames: [string, string][] } | null>>} */
  const answers = new Map();

  const shapeOf = (routes) => {
    let shape = shapes.get(routes);
    if (shape !== undefined) return shape;
    const byId = new Map();
    const parts = [];
    const walk = (list) => {
      parts.push("[");
      for (const route of list) {
        if (typeof route?.id !== "string" || byId.has(route.id)) return false;
        byId.set(route.id, route);
        parts.push(route.id, "\u0001", route.path == null ? "\u0005" : String(route.path), route.index ? "\u0002" : "", route.caseSensitive ? "\u0003" : "", "\u0004");
        if (route.children?.length && !walk(route.children)) return false;
      }
      parts.push("]");
      return true;
    };
    shape = Array.isArray(routes) && walk(routes) ? { key: parts.join(""), byId } : null;
    shapes.set(routes, shape);
    return shape;
  };

  const matchRoutes = function (routes, locationArg, basename) {
    const shape = shapeOf(routes);
    const location = typeof locationArg === "string" ? router.parsePath(locationArg) : locationArg;
    if (!shape || typeof location?.pathname !== "string") return original.apply(this, arguments);
    const path = `${basename ?? "/"}\u0000${location.pathname}`;
    let known = answers.get(shape.key);
    if (!known) answers.set(shape.key, (known = new Map()));
    let answer = known.get(path);
    if (answer === undefined) {
      const matches = original.call(this, routes, locationArg, basename);
      answer = matches && {
        ids: matches.map((match) => match.route.id),
        params: { ...(matches[0]?.params ?? {}) },
        pathnames: matches.map((match) => [match.pathname, match.pathnameBase]),
      };
      if (known.size >= MAX_PATHS) known.clear();
      known.set(path, answer);
    }
    if (!answer) return null;
    // As the router does: one params object shared by every match of the answer.
    const params = { ...answer.params };
    return answer.ids.map((id, i) => ({ params, pathname: answer.pathnames[i][0], pathnameBase: answer.pathnames[i][1], route: shape.byId.get(id) }));
  };
  matchRoutes.remembered = true;
  router.matchRoutes = matchRoutes;
}
