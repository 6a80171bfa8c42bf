import { createHash } from "node:crypto";
import { canonicalJson } from "~/domain/core/canonical";
import type { SnapshotContent } from "./snapshot-content";

/** The exact text that is stored and hashed: canonical JSON (keys sorted, no whitespace). */
export function serialiseSnapshot(content: SnapshotContent): string {
  return canonicalJson(content);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Stored text, hash and byte size of a content, computed once. */
export function sealSnapshot(content: SnapshotContent) {
  const text = serialiseSnapshot(content);
  return { text, hash: sha256Hex(text), sizeBytes: Buffer.byteLength(text, "utf8") };
}

/** True when the stored text still hashes to the stored hash. */
export function verifySnapshotText(text: string, hash: string): boolean {
  return sha256Hex(text) === hash;
}
