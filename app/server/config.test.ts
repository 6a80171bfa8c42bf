import { describe, expect, it } from "vitest";
import { DEFAULT_WORKER_V8_FLAGS, workerV8Flags } from "./config.js";

describe("workers' V8 flags (issue 15)", () => {
  it("default to a smaller old-generation growth and 4 MB semi-spaces", () => {
    expect(workerV8Flags({})).toEqual(["--heap-growing-percent=20", "--max-semi-space-size=4"]);
    expect(workerV8Flags({})).not.toBe(DEFAULT_WORKER_V8_FLAGS);
  });
  it("are replaced by TRAGUARDI_WORKER_V8_FLAGS, empty meaning V8's own defaults", () => {
    expect(workerV8Flags({ TRAGUARDI_WORKER_V8_FLAGS: " --max-semi-space-size=8  " })).toEqual(["--max-semi-space-size=8"]);
    expect(workerV8Flags({ TRAGUARDI_WORKER_V8_FLAGS: "" })).toEqual([]);
  });
  it("refuse something that is not a V8 flag", () => {
    expect(() => workerV8Flags({ TRAGUARDI_WORKER_V8_FLAGS: "--max-semi-space-size=4 rm" })).toThrow(/TRAGUARDI_WORKER_V8_FLAGS/);
  });
});
