/**
 * What a stored document may be, and how its type is told from its bytes (never from its name).
 * A small table of magic numbers, plus a look inside ZIP containers for office files and inside
 * XML for the FatturaPA root; executables and HTML are named so the refusal says why.
 */
export const documentKinds = ["pdf", "p7m", "fatturapa", "png", "jpeg", "docx", "xlsx", "odt", "ods"] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentRoles = ["invoice", "payment_order", "receipt", "determina", "notice", "award", "contract", "evidence", "other"] as const;
export type DocumentRole = (typeof documentRoles)[number];

export const documentTargets = ["ledgerEntry", "procedure", "milestone", "workPackage", "indicatorMeasurement"] as const;
export type DocumentTarget = (typeof documentTargets)[number];

/** The roles offered for each kind of attachment. */
export const rolesByTarget: Record<DocumentTarget, readonly DocumentRole[]> = {
  ledgerEntry: ["invoice", "payment_order", "receipt", "determina", "other"],
  procedure: ["determina", "notice", "award", "contract", "other"],
  milestone: ["evidence", "other"],
  workPackage: ["evidence", "determina", "contract", "other"],
  indicatorMeasurement: ["evidence", "other"],
};

export const mimeOf: Record<DocumentKind, string> = {
  pdf: "application/pdf",
  p7m: "application/pkcs7-mime",
  fatturapa: "application/xml",
  png: "image/png",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
};

export type SniffProblem = "empty" | "executable" | "html" | "macro" | "xml" | "unknown";
export type Sniffed = { ok: true; kind: DocumentKind; mime: string } | { ok: false; problem: SniffProblem };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, Math.min(to, bytes.length))).toString("latin1");

// OID 1.2.840.113549.1.7.2 (CMS SignedData), DER-encoded.
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

function indexOfBytes(bytes: Uint8Array, needle: number[], limit = bytes.length) {
  const end = Math.min(limit, bytes.length) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A DER (or BER) CMS SignedData envelope: SEQUENCE, then the signedData OID near the start. */
export function isCmsSignedData(bytes: Uint8Array) {
  return bytes[0] === 0x30 && indexOfBytes(bytes, SIGNED_DATA_OID, 32) >= 0;
}

/** Some .p7m files are the DER envelope written out in base64; returns the DER bytes or null. */
export function base64Envelope(bytes: Uint8Array): Uint8Array | null {
  const head = ascii(bytes, 0, 64).trim();
  if (!/^[A-Za-z0-9+/=\r\n-]+$/.test(head) && !head.startsWith("-----BEGIN")) return null;
  const text = Buffer.from(bytes).toString("latin1").replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+=*$/.test(text)) return null;
  const der = Buffer.from(text, "base64");
  return isCmsSignedData(der) ? new Uint8Array(der) : null;
}

function sniffZip(bytes: Uint8Array): Sniffed {
  // ODF puts an uncompressed "mimetype" entry first (the file name starts at byte 30).
  if (ascii(bytes, 30, 38) === "mimetype") {
    const head = ascii(bytes, 38, 120);
    if (head.startsWith("application/vnd.oasis.opendocument.text")) return { ok: true, kind: "odt", mime: mimeOf.odt };
    if (head.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return { ok: true, kind: "ods", mime: mimeOf.ods };
    return { ok: false, problem: "unknown" };
  }
  // OOXML: entry names are stored in clear in the local headers and the central directory.
  const names = Buffer.from(bytes).toString("latin1");
  if (!names.includes("[Content_Types].xml")) return { ok: false, problem: "unknown" };
  if (/vbaProject\.bin/i.test(names)) return { ok: false, problem: "macro" };
  if (names.includes("word/document.xml")) return { ok: true, kind: "docx", mime: mimeOf.docx };
  if (names.includes("xl/workbook.xml")) return { ok: true, kind: "xlsx", mime: mimeOf.xlsx };
  return { ok: false, problem: "unknown" };
}

/** Looks like HTML (or SVG with script): refused, since a browser could run it. */
function looksLikeHtml(text: string) {
  return /<!doctype\s+html|<html[\s>]|<script[\s>]|<body[\s>]|<iframe[\s>]|<svg[\s>]/i.test(text);
}

/** Tells a file's kind from its content. */
export function sniffDocument(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  // Executables first: Windows PE, ELF, Mach-O, scripts with a shebang.
  if (startsWith(bytes, [0x4d, 0x5a]) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) || startsWith(bytes, [0x23, 0x21]))
    return { ok: false, problem: "executable" };
  if (ascii(bytes, 0, 5) === "%PDF-") return { ok: true, kind: "pdf", mime: mimeOf.pdf };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: "png", mime: mimeOf.png };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, kind: "jpeg", mime: mimeOf.jpeg };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (isCmsSignedData(bytes) || base64Envelope(bytes)) return { ok: true, kind: "p7m", mime: mimeOf.p7m };
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (looksLikeHtml(head)) return { ok: false, problem: "html" };
  if (head.startsWith("<")) {
    if (/<(?:[\w-]+:)?FatturaElettronica[\s>]/.test(head)) return { ok: true, kind: "fatturapa", mime: mimeOf.fatturapa };
    return { ok: false, problem: "xml" };
  }
  return { ok: false, problem: "unknown" };
}

/** Keeps a file name printable and short; the stored bytes are addressed by hash, never by name. */
export function cleanFileName(name: string) {
  const base = name.replace(/^.*[\\/]/, "").replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (base || "documento").slice(0, 200);
}

export function formatBytes(size: number) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1).replace(".", ",")} kB`;
  return `${(size / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}
