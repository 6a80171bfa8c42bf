import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { WaveForm } from "~/components/forms/training-forms";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { waveSchema } from "~/domain/training/schemas";
import { useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getWave, getWaveFormOptions, updateWave } from "~/models/training/waves.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.wave.code ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:training");
    const programme = getCurrentProgramme(actor);
    return { wave: getWave(actor, Number(params.waveId)), ...getWaveFormOptions(actor, programme.id) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: waveSchema }, async (value, { viewer }) => {
      const { id: _ignored, version, ...input } = value;
      updateWave(viewer.actor, { ...input, id: Number(params.waveId), version: version ?? 0 });
      return redirect(`/training/waves/${params.waveId}`, { headers: await toastHeaders({ kind: "success", message: "training.toast.waveSaved" }) });
    });
  });
}

export default function EditWavePage() {
  const { wave, authorities, workPackages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to={`/training/waves/${wave.id}`}>← {wave.code}</Link>
      <h1 className="h2 my-3">{t("training.wave.edit")}</h1>
      <div className="tg-card">
        <WaveForm defaultValue={wave} authorities={authorities} workPackages={workPackages} lastResult={actionData?.result} submitLabel={t("action.save")} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
