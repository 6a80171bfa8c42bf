import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { WaveForm } from "~/components/forms/training-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { waveSchema } from "~/domain/training/schemas";
import { useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createWave, getWaveFormOptions } from "~/models/training/waves.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Nuova edizione · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:training");
    const programme = getCurrentProgramme(actor);
    return getWaveFormOptions(actor, programme.id);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: waveSchema }, async (value, { viewer }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const { id, version, ...input } = value;
      const created = createWave(viewer.actor, programme.id, input);
      return redirect(`/training/waves/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "training.toast.waveSaved" }) });
    });
  });
}

export default function NewWavePage() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const wp5 = options.workPackages.find((wp) => /formazione/i.test(wp.title)) ?? options.workPackages[0];
  return (
    <>
      <Link to="/training/waves">← {t("training.wave.back")}</Link>
      <h1 className="h2 my-3">{t("training.waves.new")}</h1>
      <div className="tg-card">
        <WaveForm
          defaultValue={{ workPackageId: wp5?.id, deliveryMode: "blended" }}
          authorities={options.authorities}
          workPackages={options.workPackages}
          lastResult={actionData?.result}
          submitLabel={t("action.save")}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
