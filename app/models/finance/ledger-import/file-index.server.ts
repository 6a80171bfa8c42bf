import { createHash } from "node:crypto";
import type { LedgerKind } from "~/domain/finance/finance-values";

/**
 * What a file's earlier rows contribute to reversal matching and duplicate detection, kept compact
 * so a 100,000-row file costs a few megabytes and no per-row object: numbers in typed arrays,
 * fingerprints as 16 bytes each in one buffer, and the lookups (by match key, by document number,
 * fingerprints seen) as hash chains in typed arrays keyed by 48/52-bit hashes, not JavaScript Maps
 * (a Map of 100,000 such keys boxes every key as a heap number and doubles its table as it grows;
 * a collision would need ~10^7 rows per key).
 */
export interface FileEntry {
  index: number;
  seq: number;
  row: number;
  budgetLineId: number;
  kind: LedgerKind;
  amount: number;
  remaining: number;
  entryDate: string;
  fingerprint: string;
}

const hash48 = (text: string) => createHash("md5").update(text).digest().readUIntBE(0, 6);
/** The first 52 bits of a hex fingerprint, as a number. */
export const fingerprintKey = (fingerprint: string) => parseInt(fingerprint.slice(0, 13), 16);

/** key (a float64-exact integer) → values, as chains through typed arrays; grows by doubling. */
export class HashChains {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  private next = new Int32Array(1024);
  private buckets: Int32Array = new Int32Array(2048).fill(-1);
  private size = 0;

  private bucketOf(key: number, buckets = this.buckets) {
    const mixed = Math.imul((key >>> 0) ^ Math.floor(key / 4_294_967_296), 0x9e3779b1);
    return (mixed ^ (mixed >>> 15)) & (buckets.length - 1);
  }

  add(key: number, value: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(keys.length);
      values.set(this.values);
      this.values = values;
      this.next = new Int32Array(keys.length);
      const buckets = new Int32Array(this.keys.length * 2).fill(-1);
      // Rebuilt in insertion order, so every chain still lists its values oldest first.
      for (let i = 0; i < this.size; i++) this.link(i, buckets);
      this.buckets = buckets;
    }
    const i = this.size++;
    this.keys[i] = key;
    this.values[i] = value;
    this.link(i, this.buckets);
  }

  /** Appends entry i at the end of its chain (chains are short: a walk costs a few steps). */
  private link(i: number, buckets: Int32Array) {
    this.next[i] = -1;
    const b = this.bucketOf(this.keys[i], buckets);
    let at = buckets[b];
    if (at < 0) {
      buckets[b] = i;
      return;
    }
    while (this.next[at] >= 0) at = this.next[at];
    this.next[at] = i;
  }

  /** Every value added under key, oldest first. */
  get(key: number): number[] {
    const found: number[] = [];
    for (let at = this.buckets[this.bucketOf(key)]; at >= 0; at = this.next[at]) if (this.keys[at] === key) found.push(this.values[at]);
    return found;
  }

  /** The last value added under key, if any. */
  last(key: number): number | undefined {
    let found: number | undefined;
    for (let at = this.buckets[this.bucketOf(key)]; at >= 0; at = this.next[at]) if (this.keys[at] === key) found = this.values[at];
    return found;
  }
}

class Column<T extends Int32Array | Float64Array | Uint8Array> {
  constructor(public data: T, private make: (size: number) => T) {}
  grow(size: number) {
    if (size <= this.data.length) return;
    const next = this.make(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

export class FileIndex {
  private size = 0;
  private seq = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private row = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private line = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private kind = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  private amount = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private remaining = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private date = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private fingerprints = Buffer.alloc(1024 * 16);
  private byMatch = new HashChains();
  private byDocument = new HashChains();
  private seen = new HashChains();

  static matchKey(budgetLineId: number, kind: LedgerKind, supplier: string, cig: string | null, amount: number) {
    return hash48(`${budgetLineId}|${kind}|${supplier.toUpperCase()}|${cig ?? ""}|${amount}`);
  }

  /** The spreadsheet row of an earlier row with this fingerprint, if any. */
  seenRow(fingerprint: string) {
    return this.seen.last(fingerprintKey(fingerprint));
  }

  markSeen(fingerprint: string, row: number) {
    this.seen.add(fingerprintKey(fingerprint), row);
  }

  add(entry: Omit<FileEntry, "index">, supplier: string, cig: string | null, documentNumber: string) {
    const i = this.size++;
    for (const column of [this.seq, this.row, this.line, this.kind, this.amount, this.remaining, this.date]) column.grow(this.size);
    if (this.fingerprints.length < this.size * 16) {
      const next = Buffer.alloc(this.fingerprints.length * 2);
      this.fingerprints.copy(next);
      this.fingerprints = next;
    }
    this.seq.data[i] = entry.seq;
    this.row.data[i] = entry.row;
    this.line.data[i] = entry.budgetLineId;
    this.kind.data[i] = entry.kind === "commitment" ? 0 : 1;
    this.amount.data[i] = entry.amount;
    this.remaining.data[i] = entry.remaining;
    this.date.data[i] = Number(entry.entryDate.replace(/-/g, ""));
    this.fingerprints.write(entry.fingerprint, i * 16, 16, "hex");
    this.byMatch.add(FileIndex.matchKey(entry.budgetLineId, entry.kind, supplier, cig, entry.amount), i);
    this.byDocument.add(hash48(documentNumber.toUpperCase()), i);
  }

  private entry(i: number): FileEntry {
    const d = String(this.date.data[i]);
    return {
      index: i,
      seq: this.seq.data[i],
      row: this.row.data[i],
      budgetLineId: this.line.data[i],
      kind: this.kind.data[i] === 0 ? "commitment" : "payment",
      amount: this.amount.data[i],
      remaining: this.remaining.data[i],
      entryDate: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      fingerprint: this.fingerprints.toString("hex", i * 16, i * 16 + 16),
    };
  }

  private lookup(chains: HashChains, key: number) {
    return chains.get(key).map((i) => this.entry(i));
  }

  byMatchKey(key: number) {
    return this.lookup(this.byMatch, key);
  }

  byDocumentNumber(documentNumber: string) {
    return this.lookup(this.byDocument, hash48(documentNumber.toUpperCase()));
  }

  reduceRemaining(entry: FileEntry, amount: number) {
    this.remaining.data[entry.index] -= amount;
  }
}
