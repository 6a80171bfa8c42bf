import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp } from "~/domain/core/dates";
import { takeSnapshotSchema } from "~/domain/snapshots/schemas";
import { useLocale, useT } from "~/i18n/use-t";
import { listSnapshots, takeSnapshot } from "~/models/snapshots/snapshot.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import snapshotCss from "~/styles/snapshot.css";
import { SubmitButton } from "~/components/forms/submit-button";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: snapshotCss }];
export const meta: MetaFunction = () => [{ title: "Istantanee · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { snapshots: listSnapshots(actor), today: today() };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "take:snapshot", schema: takeSnapshotSchema }, async (value, { viewer }) => {
      const taken = takeSnapshot(viewer.actor, { label: value.label, asOf: today() });
      return redirect(`/snapshots/${taken.id}`, { headers: await toastHeaders({ kind: "success", message: "snapshot.taken" }) });
    });
  });
}

function TakeSnapshotForm({ today: asOf }: { today: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: "take-snapshot-form",
    schema: takeSnapshotSchema(t),
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  return (
    <section className="tg-card mb-4" aria-labelledby="take-snapshot">
      <h2 className="h5" id="take-snapshot">
        {t("snapshot.takeTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="d-flex flex-wrap align-items-start gap-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("snapshot.label")} meta={fields.label} hint={t("snapshot.labelHint")} className="flex-grow-1">
          <input className="form-control" {...getInputProps(fields.label, { type: "text" })} />
        </Field>
        <div className="tg-field">
          <span className="d-block fw-semibold small">{t("snapshot.asOf")}</span>
          <span className="d-block py-2">
            <DateText value={asOf} />
          </span>
        </div>
        <div className="tg-field pt-4">
          <SubmitButton label={t("snapshot.take")} />
        </div>
      </Form>
    </section>
  );
}

export default function SnapshotsPage() {
  const { snapshots, today: asOf } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canTake = useCan("take:snapshot");
  return (
    <>
      <h1 className="h2 mb-2">{t("snapshot.title")}</h1>
      <p className="text-secondary">{t("snapshot.intro")}</p>
      {canTake ? <TakeSnapshotForm today={asOf} /> : null}
      {snapshots.length >= 2 ? (
        <Form method="get" action="/snapshots/compare" className="tg-card mb-4 d-flex flex-wrap align-items-end gap-3" aria-label={t("snapshot.compareTitle")}>
          <div>
            <label htmlFor="compare-a" className="fw-semibold small d-block">
              {t("snapshot.compareFrom")}
            </label>
            <select id="compare-a" name="a" className="form-select" defaultValue={snapshots[1].id}>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} ({s.asOf.split("-").reverse().join("/")})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="compare-b" className="fw-semibold small d-block">
              {t("snapshot.compareTo")}
            </label>
            <select id="compare-b" name="b" className="form-select" defaultValue={snapshots[0].id}>
              <option value="now">{t("snapshot.now")}</option>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} ({s.asOf.split("-").reverse().join("/")})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t("snapshot.compareSubmit")}
          </button>
        </Form>
      ) : null}
      <section className="tg-card">
        {snapshots.length === 0 ? (
          <p className="mb-0">{t("snapshot.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0" data-testid="snapshot-list">
              <thead>
                <tr>
                  <th scope="col">{t("snapshot.label")}</th>
                  <th scope="col">{t("snapshot.asOf")}</th>
                  <th scope="col">{t("snapshot.kind")}</th>
                  <th scope="col">{t("snapshot.takenAt")}</th>
                  <th scope="col">{t("snapshot.takenBy")}</th>
                  <th scope="col">{t("snapshot.hash")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("snapshot.compare")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((s) => (
                  <tr key={s.id} data-testid={`snapshot-row-${s.id}`}>
                    <td>
                      <Link to={`/snapshots/${s.id}`} className="fw-semibold">
                        {s.label}
                      </Link>
                    </td>
                    <td>
                      <DateText value={s.asOf} />
                    </td>
                    <td>{t(`snapshot.kind.${s.kind}`)}</td>
                    <td className="tg-nowrap">{formatTimestamp(s.takenAt, locale)}</td>
                    <td>{s.takenByName}</td>
                    <td>
                      <code className="tg-hash-short" title={s.hash}>
                        {s.hash.slice(0, 16)}…
                      </code>
                    </td>
                    <td className="tg-nowrap">
                      <Link to={`/snapshots/compare?a=${s.id}&b=now`}>{t("snapshot.compareWithNow")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
