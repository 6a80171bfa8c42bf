import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceRegister, EvidenceSummary } from "~/components/procurement/evidence-register";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { can } from "~/domain/core/permissions";
import { useT } from "~/i18n/use-t";
import { getEvidenceRegister } from "~/models/procurement/evidence.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Evidenze M&T · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor, user } = await requireViewer(request);
    const register = getEvidenceRegister(actor, getCurrentProgramme(actor).id);
    return {
      ...register,
      canUpload: can(user.role, "upload:documents"),
      canVerify: can(user.role, "verify:evidence"),
      canDownload: can(user.role, "read:documents"),
      viewerId: user.id,
    };
  });
}

export default function EvidencePage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="h2">{t("evidence.title")}</h1>
      <p className="text-secondary">{t("evidence.intro")}</p>
      <EvidenceSummary totals={data.totals} />
      {data.milestones.length === 0 ? <p>{t("evidence.none")}</p> : null}
      <EvidenceRegister milestones={data.milestones} canUpload={data.canUpload} canVerify={data.canVerify} canDownload={data.canDownload} viewerId={data.viewerId} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
