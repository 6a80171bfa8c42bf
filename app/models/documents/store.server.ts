/**
 * Where document bytes live. Content-addressed by SHA-256: the same file uploaded twice is
 * stored once, and a file's name in the store is its proof of integrity. The filesystem store is
 * the embedded default; an S3-compatible store implements the same four calls (see README).
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface DocumentStore {
  /** Stores the bytes (a no-op when already there) and returns their hash. */
  put(bytes: Uint8Array): { sha256: string; sizeBytes: number };
  /** The bytes of a hash, or null when the store has no such object. */
  get(sha256: string): Buffer | null;
  has(sha256: string): boolean;
  /** Re-reads an object and checks it still hashes to its address. */
  verify(sha256: string): "ok" | "missing" | "altered";
}

export function sha256Of(bytes: Uint8Array) {
  return createHash("sha256").update(bytes).digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cdef…` (first two hex digits as a folder), written atomically. */
export class FilesystemDocumentStore implements DocumentStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string) {
    if (!HASH.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  put(bytes: Uint8Array) {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      fs.writeFileSync(temp, bytes, { mode: 0o440 });
      fs.renameSync(temp, target);
    }
    return { sha256, sizeBytes: bytes.length };
  }

  get(sha256: string) {
    const file = this.pathOf(sha256);
    return fs.existsSync(file) ? fs.readFileSync(file) : null;
  }

  has(sha256: string) {
    return fs.existsSync(this.pathOf(sha256));
  }

  verify(sha256: string) {
    const bytes = this.get(sha256);
    if (!bytes) return "missing" as const;
    return sha256Of(bytes) === sha256 ? ("ok" as const) : ("altered" as const);
  }
}

/** `DOCUMENTS_DIR`, or `documents/` beside the SQLite file (so backups and tests keep them together). */
export function documentsRoot() {
  if (process.env.DOCUMENTS_DIR) return path.resolve(process.env.DOCUMENTS_DIR);
  const database = process.env.DATABASE_PATH || "data/traguardi.db";
  return path.join(path.dirname(path.resolve(database)), "documents");
}

const holder = globalThis as unknown as { __traguardiStore?: DocumentStore; __traguardiStoreRoot?: string };

/** The configured store. `DOCUMENT_STORE=filesystem` (the default) is the only one built in. */
export function getDocumentStore(): DocumentStore {
  const kind = process.env.DOCUMENT_STORE ?? "filesystem";
  if (kind !== "filesystem") throw new Error(`DOCUMENT_STORE=${kind} is not available in this build (see README: Documents)`);
  const root = documentsRoot();
  if (!holder.__traguardiStore || holder.__traguardiStoreRoot !== root) {
    holder.__traguardiStore = new FilesystemDocumentStore(root);
    holder.__traguardiStoreRoot = root;
  }
  return holder.__traguardiStore;
}

/** `DOCUMENT_MAX_BYTES`, default 20 MB: PEC and SdI take 30 MB messages; invoices are far smaller. */
export function documentMaxBytes() {
  const configured = Number(process.env.DOCUMENT_MAX_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
}
