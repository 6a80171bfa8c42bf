import { describe, expect, it } from "vitest";
import type { SnapshotContent } from "./snapshot-content";
import { sampleContent } from "./snapshot-fixture.test-helper";
import { sealSnapshot, serialiseSnapshot, sha256Hex, verifySnapshotText } from "./snapshot-hash";

/** Rebuilds an object with its keys inserted in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]));
  return value;
}

describe("snapshot hash", () => {
  it("is the SHA-256 of the canonical text", () => {
    const sealed = sealSnapshot(sampleContent());
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.hash).toBe(sha256Hex(sealed.text));
    expect(sealed.sizeBytes).toBe(Buffer.byteLength(sealed.text));
    // Known answer: the digest of a fixed string never changes between runs or machines.
    expect(sha256Hex("traguardi")).toBe("ebcd3cb1b81656c7c58c3567486eb72aadd631ac552771604ecfeb15e34d1c4d");
  });

  it("is identical for the same content built twice and for any key order", () => {
    const first = sealSnapshot(sampleContent());
    const second = sealSnapshot(sampleContent());
    const reordered = sealSnapshot(reverseKeys(sampleContent()) as SnapshotContent);
    expect(second.hash).toBe(first.hash);
    expect(reordered.text).toBe(first.text);
    expect(reordered.hash).toBe(first.hash);
    // Pinned: if this changes, every stored snapshot would fail verification.
    expect(first.hash).toBe("b5ac8dfea0f69c0e2370621ce14225beaa73bdb7c83fe7607b127bf2d4cfb02d");
  });

  it("sorts keys and drops whitespace", () => {
    const text = serialiseSnapshot(sampleContent());
    expect(text.startsWith('{"finance":')).toBe(true);
    expect(text).not.toMatch(/\n|": /);
  });

  it("changes when any value changes, and verification catches the edit", () => {
    const original = sealSnapshot(sampleContent());
    const edited = sampleContent();
    edited.plan.tasks[1].progress = 21;
    const changed = sealSnapshot(edited);
    expect(changed.hash).not.toBe(original.hash);
    expect(verifySnapshotText(original.text, original.hash)).toBe(true);
    expect(verifySnapshotText(original.text.replace('"progress":20', '"progress":99'), original.hash)).toBe(false);
  });
});
