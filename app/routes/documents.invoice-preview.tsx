import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { isMessageKey, translator } from "~/i18n";
import { readUpload } from "~/models/documents/upload.server";
import { proposePaymentFromInvoice } from "~/models/procurement/invoice.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewerWith } from "~/utils/auth.server";
import { replyToDocumentError } from "~/utils/documents.server";
import { getLocale } from "~/utils/locale.server";
import { answer } from "~/utils/responses.server";

/** Reads an e-invoice and proposes a payment's fields; stores nothing. */
export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const viewer = await requireViewerWith(request, "update:finance");
    try {
      const { bytes } = await readUpload(request);
      const proposal = proposePaymentFromInvoice(viewer.actor, getCurrentProgramme(viewer.actor).id, bytes);
      const t = translator(await getLocale(request));
      const flags = proposal.flags.map((flag) => (isMessageKey(flag.key) ? t(flag.key, flag.params) : flag.key));
      return data({ ok: true as const, fields: proposal.fields, invoice: proposal.invoice, flags });
    } catch (error) {
      return replyToDocumentError(request, error);
    }
  });
}

export function loader() {
  return redirect("/finance/ledger/new");
}
