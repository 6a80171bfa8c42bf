/**
 * Signed envelopes (CAdES .p7m, CMS SignedData): the content is taken out with @lapo/extractcms,
 * which reads DER, PEM and bare base64 and joins streamed (constructed) content. It does not
 * verify the signature: we check that the envelope is well formed and carries at least one
 * signer; checking certificates against the trusted list is left to the signing platforms.
 */
import CMS from "@lapo/extractcms";

export type EnvelopeProblem = "malformed" | "unsigned" | "empty";

export function openSignedEnvelope(bytes: Uint8Array): { ok: true; content: Buffer; signers: number } | { ok: false; problem: EnvelopeProblem } {
  let signers = 0;
  try {
    const signedData = CMS.parse(Buffer.from(bytes)).sub?.[1]?.sub?.[0];
    const parts = signedData?.sub ?? [];
    const signerInfos = parts[parts.length - 1];
    signers = signerInfos && signerInfos.typeName() === "SET" ? (signerInfos.sub?.length ?? 0) : 0;
  } catch {
    return { ok: false, problem: "malformed" };
  }
  if (signers === 0) return { ok: false, problem: "unsigned" };
  let content: Buffer;
  try {
    content = CMS.extract(Buffer.from(bytes));
  } catch {
    return { ok: false, problem: "malformed" };
  }
  if (content.length === 0) return { ok: false, problem: "empty" };
  return { ok: true, content, signers };
}
