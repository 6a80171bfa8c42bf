/**
 * Reading a multipart upload safely: the caller has already checked who is asking; the body is
 * refused by its declared length first, then read with a size-limited in-memory handler, so an
 * oversized file is never buffered whole.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { formatBytes } from "~/domain/procurement/documents";
import { ValidationError } from "~/models/core/errors.server";
import { documentMaxBytes } from "./store.server";

const FORM_OVERHEAD = 64 * 1024;

/**
 * Reads what is left of a refused body and throws it away. Answering before the browser has sent
 * its whole body leaves it waiting to finish the upload, so it never reads the answer (the refused
 * upload then hangs); the server's own limit (TRAGUARDI_UPLOAD_LIMIT) bounds what is read here.
 */
async function discardBody(request: Request) {
  try {
    const reader = request.body?.getReader();
    if (!reader) return;
    while (!(await reader.read()).done);
  } catch {
    // Already consumed or aborted by the client: nothing left to drain.
  }
}

export async function readUpload(request: Request) {
  const max = documentMaxBytes();
  const declared = Number(request.headers.get("Content-Length"));
  const tooLarge = (size: number) => ValidationError.field("file", "documents.error.tooLarge", { size: formatBytes(size), max: formatBytes(max) });
  if (Number.isFinite(declared) && declared > max + FORM_OVERHEAD) {
    await discardBody(request);
    throw tooLarge(declared);
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: max }));
  } catch (error) {
    await discardBody(request);
    if (error instanceof MaxPartSizeExceededError) throw tooLarge(max + 1);
    throw ValidationError.field("file", "documents.error.noFile");
  }
  const file = formData.get("file");
  if (!file || typeof file === "string" || file.size === 0) throw ValidationError.field("file", "documents.error.noFile");
  return { formData, file, bytes: new Uint8Array(await file.arrayBuffer()) };
}
