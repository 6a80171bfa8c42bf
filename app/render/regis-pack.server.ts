/**
 * The ReGiS data pack as a ZIP: the flat files in their order, each with the same fixed date (the
 * close's, or the day an open month's data speak for) and no folder entries, so the same pack
 * always yields the same bytes.
 */
import type JSZipModule from "jszip";
import { regisPackFileName } from "~/domain/regis/pack";
import type { Actor } from "~/models/core/actor.server";
import { getRegisPack } from "~/models/regis/pack.server";

export async function buildRegisZip(actor: Actor, cup: string, period: string, today: string): Promise<{ fileName: string; bytes: Buffer; status: string }> {
  const pack = getRegisPack(actor, cup, period, today);
  // Loaded on first use (issue 15), like the evidence pack's.
  const JSZip: typeof JSZipModule = (await import("jszip")).default;
  const zip = new JSZip();
  const date = new Date(pack.fileDate);
  for (const file of pack.files) zip.file(file.name, file.text, { date, createFolders: false });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
  return { fileName: regisPackFileName(pack.cup, pack.period, pack.status), bytes, status: pack.status };
}
