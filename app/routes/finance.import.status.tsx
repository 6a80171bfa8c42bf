import type { LoaderFunctionArgs } from "@remix-run/node";
import { getImportJob } from "~/models/finance/ledger-import.server";
import { requireViewerWith } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

/** Progress of a running import, polled by the import page. */
export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:finance");
    const id = new URL(request.url).searchParams.get("job") ?? "";
    try {
      return getImportJob(actor, id);
    } catch {
      throw new Response("Not found", { status: 404 });
    }
  });
}
