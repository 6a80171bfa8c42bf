import { createHash } from "node:crypto";
import type { LedgerKind } from "~/domain/finance/finance-values";

/**
 * What a file's earlier rows contribute to reversal matching and duplicate detection, kept compact
 * so a 100,000-row file costs a few megabytes: numbers in typed arrays, fingerprints as 16 bytes
 * each in one buffer, lookups keyed by 48-bit hashes (a collision would need ~10^7 rows per key).
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
  private byMatch = new Map<number, number | number[]>();
  private byDocument = new Map<number, number | number[]>();
  private seen = new Map<number, number>();

  static matchKey(budgetLineId: number, kind: LedgerKind, supplier: string, cig: string | null, amount: number) {
    return hash48(`${budgetLineId}|${kind}|${supplier.toUpperCase()}|${cig ?? ""}|${amount}`);
  }

  /** The spreadsheet row of an earlier row with this fingerprint, if any. */
  seenRow(fingerprint: string) {
    return this.seen.get(fingerprintKey(fingerprint));
  }

  markSeen(fingerprint: string, row: number) {
    this.seen.set(fingerprintKey(fingerprint), row);
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
    const push = (map: Map<number, number | number[]>, key: number) => {
      const at = map.get(key);
      if (at === undefined) map.set(key, i);
      else if (typeof at === "number") map.set(key, [at, i]);
      else at.push(i);
    };
    push(this.byMatch, FileIndex.matchKey(entry.budgetLineId, entry.kind, supplier, cig, entry.amount));
    push(this.byDocument, hash48(documentNumber.toUpperCase()));
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

  private lookup(map: Map<number, number | number[]>, key: number) {
    const at = map.get(key);
    return at === undefined ? [] : (typeof at === "number" ? [at] : at).map((i) => this.entry(i));
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
