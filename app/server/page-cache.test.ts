// @ts-expect-error: express ships no types and the app server is plain JavaScript
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { pageCache } from "./page-cache.js";

/** The parts of express's response these fakes use. */
interface Res {
  locals: Record<string, unknown>;
  set(fields: Record<string, string> | string, value?: string): Res;
  append(field: string, value: string): Res;
  status(code: number): Res;
  write(chunk: string): boolean;
  end(chunk?: string): void;
}

/**
 * An express app shaped like ours (a nonce per response, then the page cache, then a "Remix" that
 * renders the current data and marks the load context), against a version and sessions we control.
 */
function harness(options: { ttlMs?: number; maxBytes?: number; maxWaitMs?: number } = {}) {
  const state = newState();
  const write = (table: string) => state.tables[table]++;
  /** What the request being handled saw when it started (page-reads.server.ts's read set). */
  let before: Record<string, number> | null = null;
  let clock = 0;
  const cache = pageCache({
    version: () => Object.values(state.tables).join("."),
    track: (handle: () => void) => {
      before = { ...state.tables };
      handle();
    },
    untracked: (handle: () => void) => {
      before = null;
      handle();
    },
    readsCurrent: (reads: string) => reads.split(",").every((part) => state.tables[part.split("=")[0]] === Number(part.split("=")[1])),
    isLive: async (cookie: string) => state.live.has(cookie),
    now: () => clock,
    ...options,
  });
  const app = express();
  app.use((_req: unknown, res: Res, next: () => void) => {
    res.locals.cspNonce = `nonce${++state.nonces}`;
    res.set("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(cache.lookup);
  app.use(cache.keep);
  app.get("*", async (req: { path: string; headers: Record<string, string> }, res: Res) => {
    state.renders++;
    state.duringRender();
    const tables = state.reads[req.path] ?? ["task"];
    const unchanged = before !== null && tables.every((table) => before![table] === state.tables[table]);
    res.locals.loadContext = {
      pageCacheOptedIn: state.cacheable,
      pageCacheable: state.cacheable,
      pageCacheReads: unchanged ? tables.map((t) => `${t}=${state.tables[t]}`).join(",") : null,
    };
    if (state.renderMs) await new Promise((resolve) => setTimeout(resolve, state.renderMs));
    if (state.hold) {
      const hold = state.hold;
      state.hold = null;
      await hold;
    }
    if (state.setCookie) res.append("Set-Cookie", "toast=; Max-Age=0");
    res.status(state.status).set({ "Content-Type": "text/html", "Cache-Control": "private, no-store" });
    // Streamed in pieces, as React writes a page.
    res.write(`<html><script nonce="${res.locals.cspNonce}">`);
    res.write(`</script><p>${req.path} for ${req.headers.cookie}: ${state.data} àè</p>`);
    res.end("</html>");
  });
  let server: Server;
  const ready = new Promise<string>((resolve) => {
    server = app.listen(0, () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  servers.push(() => new Promise((resolve) => server.close(resolve)));
  const get = async (path: string, cookie = "s=alice", headers: Record<string, string> = {}) => {
    const response = await fetch((await ready) + path, { headers: { cookie, ...headers } });
    return { status: response.status, cache: response.headers.get("x-page-cache"), csp: response.headers.get("content-security-policy"), cacheControl: response.headers.get("cache-control"), body: await response.text() };
  };
  return { state, get, cache, write, tick: (ms: number) => (clock += ms) };
}

function newState() {
  return {
    // Write counters per table, and the tables each page reads (the rest read "task").
    tables: { task: 1, ledger: 1 } as Record<string, number>,
    reads: { "/finance": ["ledger"], "/both": ["task", "ledger"] } as Record<string, string[]>,
    data: "first",
    live: new Set(["s=alice", "s=bob"]),
    renders: 0,
    nonces: 0,
    cacheable: true,
    setCookie: false,
    status: 200,
    duringRender: () => {},
    /** How long the fake render takes before it writes (0: at once). */
    renderMs: 0,
    /** The next render waits for this before it writes. */
    hold: null as Promise<void> | null,
  };
}

const servers: Array<() => Promise<unknown>> = [];

/** Resolves once `condition` holds (checked every few milliseconds). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

describe("whole-page cache (issue 15)", () => {
  it("serves the same session's page again, with this response's nonce in the page and the policy", async () => {
    const { state, get } = harness();
    const first = await get("/gantt");
    expect(first.cache).toBeNull();
    expect(first.body).toContain('nonce="nonce1"');
    const again = await get("/gantt");
    expect(state.renders).toBe(1);
    expect(again.cache).toBe("hit");
    expect(again.body).toBe(first.body.replaceAll("nonce1", "nonce2"));
    expect(again.csp).toContain("nonce-nonce2");
    expect(again.cacheControl).toBe("private, no-store");
    expect(again.body).toContain("àè");
  });

  it("never serves one session's page to another, nor one URL's page for another", async () => {
    const { state, get } = harness();
    await get("/gantt", "s=alice");
    const bob = await get("/gantt", "s=bob");
    expect(bob.cache).toBeNull();
    expect(bob.body).toContain("for s=bob");
    const other = await get("/gantt?expand=WP1", "s=alice");
    expect(other.cache).toBeNull();
    expect(state.renders).toBe(3);
  });

  it("renders again after a write to a table the page read, and keeps nothing rendered while one happened", async () => {
    const { state, get, write } = harness();
    await get("/");
    write("task");
    state.data = "second";
    const after = await get("/");
    expect(after.cache).toBeNull();
    expect(after.body).toContain("second");
    expect((await get("/")).cache).toBe("hit");

    // A write lands while the loaders run: the page is not kept.
    state.duringRender = () => write("task");
    await get("/gantt");
    state.duringRender = () => {};
    expect((await get("/gantt")).cache).toBeNull();
    expect((await get("/gantt")).cache).toBe("hit");
  });

  it("serves a page again after writes to tables it did not read, and after those landing while it rendered", async () => {
    const { state, get, write } = harness();
    await get("/finance");
    await get("/both");
    write("task");
    expect((await get("/finance")).cache).toBe("hit");
    expect((await get("/both")).cache).toBeNull();
    state.duringRender = () => write("task");
    await get("/finance?month=2026-11");
    state.duringRender = () => {};
    expect((await get("/finance?month=2026-11")).cache).toBe("hit");
    write("ledger");
    expect((await get("/finance")).cache).toBeNull();
    expect(state.renders).toBe(5);
  });

  it("asks whether the session is still live at every reuse", async () => {
    const { state, get } = harness();
    await get("/finance");
    state.live.delete("s=alice");
    const signedOut = await get("/finance");
    expect(signedOut.cache).toBeNull();
    expect(state.renders).toBe(2);
  });

  it("keeps only plain 200 pages of routes that opted in, with no cookie set", async () => {
    for (const change of [{ cacheable: false }, { setCookie: true }, { status: 404 }]) {
      const { state, get } = harness();
      Object.assign(state, change);
      await get("/audit");
      expect((await get("/audit")).cache, JSON.stringify(change)).toBeNull();
      expect(state.renders).toBe(2);
    }
  });

  it("skips anonymous requests, single-fetch data, forced reloads, and entries past their age", async () => {
    const { state, get, tick } = harness({ ttlMs: 1000 });
    await get("/login", "");
    expect((await get("/login", "")).cache).toBeNull();
    await get("/gantt.data");
    expect((await get("/gantt.data")).cache).toBeNull();
    await get("/training");
    expect((await get("/training", "s=alice", { "cache-control": "no-cache" })).cache).toBeNull();
    expect((await get("/training")).cache).toBe("hit");
    tick(1001);
    expect((await get("/training")).cache).toBeNull();
    expect(state.renders).toBe(7);
  });

  it("renders a page once for requests arriving together, the others served what it kept", async () => {
    const { state, get, cache } = harness();
    state.renderMs = 50;
    const answers = await Promise.all([get("/gantt"), get("/gantt"), get("/gantt")]);
    expect(state.renders).toBe(1);
    expect(answers.map((a) => a.cache)).toEqual([null, "hit", "hit"]);
    expect(cache.stats().waited).toBe(2);
    // Another session's page is its own: not waited for.
    await Promise.all([get("/gantt?x", "s=alice"), get("/gantt?x", "s=bob")]);
    expect(state.renders).toBe(3);
  });

  it("does not keep a request waiting longer than its limit for a render that does not end", async () => {
    const { state, get } = harness({ maxWaitMs: 30 });
    // The first render holds until released; the second request arrives while it holds.
    let release = () => {};
    state.hold = new Promise<void>((resolve) => (release = resolve));
    const first = get("/gantt");
    await until(() => state.renders === 1);
    const second = get("/gantt");
    // Only the wait's limit lets the second render its own page while the first still holds.
    await until(() => state.renders === 2);
    release();
    expect((await first).cache).toBeNull();
    expect((await second).cache).toBeNull();
  });

  it("does not make requests wait for an answer that is not a kept page (a download, a form)", async () => {
    const { state, get } = harness();
    state.cacheable = false;
    await get("/documents/1/download");
    state.renderMs = 50;
    const answers = await Promise.all([get("/documents/1/download"), get("/documents/1/download")]);
    expect(answers.map((a) => a.cache)).toEqual([null, null]);
    expect(state.renders).toBe(3);
  });

  it("holds no more than its memory allows, the least recently used going first", async () => {
    const { get, cache } = harness({ maxBytes: 200 });
    await get("/a");
    await get("/b");
    expect(cache.stats().entries).toBe(2);
    expect((await get("/a")).cache).toBe("hit");
    await get("/c");
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(200);
    expect((await get("/a")).cache).toBe("hit");
    expect((await get("/b")).cache).toBeNull();
  });
});
