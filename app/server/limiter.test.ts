import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { inFlightLimiter } from "./app.js";

/** A request and response just real enough for the limiter: a socket, a path, writeHead and events. */
function exchange(path = "/", method = "GET") {
  const res = Object.assign(new EventEmitter(), {
    headers: 0,
    writeHead(..._args: unknown[]) {
      this.headers++;
      return this;
    },
  });
  const req = { method, path, socket: { destroyed: false } };
  return { req, res };
}

/** GET requests to these paths arriving in order at a limiter of 1: their exchanges, and who has started. */
function arriving(...paths: string[]) {
  const limit = inFlightLimiter(1);
  const started: string[] = [];
  const exchanges = paths.map((path) => {
    const one = exchange(`/${path}`);
    limit(one.req, one.res, () => started.push(path));
    return one;
  });
  return { limit, started, exchanges };
}

describe("in-flight limiter (issue 15)", () => {
  it("lets the next request in when the previous one's headers go out, in arrival order", () => {
    const { started, exchanges: [a, b] } = arriving("a", "b", "c");
    expect(started).toEqual(["a"]);
    a.res.writeHead(200);
    expect(a.res.headers).toBe(1);
    expect(started).toEqual(["a", "b"]);
    // Its body still streaming, then finishing, frees nothing twice.
    a.res.emit("finish");
    a.res.emit("close");
    expect(started).toEqual(["a", "b"]);
    b.res.emit("close");
    expect(started).toEqual(["a", "b", "c"]);
  });

  it("skips a client that left while waiting", () => {
    const { started, exchanges: [a, gone] } = arriving("a", "gone", "c");
    gone.req.socket.destroyed = true;
    a.res.emit("finish");
    expect(started).toEqual(["a", "c"]);
  });

  it("never queues an upload: its body comes at the client's pace", () => {
    const { limit, started } = arriving("a");
    const upload = exchange("/finance/import", "POST");
    limit(upload.req, upload.res, () => started.push("upload"));
    expect(started).toEqual(["a", "upload"]);
  });

  it("0 means no limit", () => {
    const limit = inFlightLimiter(0);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { req, res } = exchange();
      limit(req, res, () => started.push(i));
    }
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});
