import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { Progress } from "~/components/ui/progress";
import { formatTimestamp } from "~/domain/core/dates";
import { completionSchema, deleteSessionSchema, sessionSchema } from "~/domain/training/schemas";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { createSession, deleteSession } from "~/models/training/sessions.server";
import { getWaveDetail } from "~/models/training/waves.server";
import { recordCompletion } from "~/models/training/completions.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { countFormatter } from "~/domain/core/count-format";
import { TableScroll } from "~/components/ui/table-scroll";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.wave.code ?? "Edizione"} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { ...getWaveDetail(actor, Number(params.waveId), today()), today: today() };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const waveId = Number(params.waveId);
    const here = `/training/waves/${waveId}`;
    const formData = await request.formData();
    const intent = formData.get("intent");
    if (intent === "add-session")
      return submitForm(request, { permission: "update:training", schema: sessionSchema, formData }, async (value, { viewer }) => {
        createSession(viewer.actor, waveId, value);
        return redirect(here, { headers: await toastHeaders({ kind: "success", message: "training.toast.sessionSaved" }) });
      });
    if (intent === "delete-session")
      return submitForm(request, { permission: "update:training", schema: deleteSessionSchema, formData }, async (value, { viewer }) => {
        deleteSession(viewer.actor, value.sessionId, value.version);
        return redirect(here, { headers: await toastHeaders({ kind: "success", message: "training.toast.sessionDeleted" }) });
      });
    return submitForm(request, { permission: "update:training", schema: completionSchema, formData }, async (value, { viewer }) => {
      recordCompletion(viewer.actor, waveId, value, today());
      return redirect(here, { headers: await toastHeaders({ kind: "success", message: "training.toast.completionSaved" }) });
    });
  });
}

function CompletionForm() {
  const actionData = useActionData<typeof action>();
  const { today: todayIso } = useLoaderData<typeof loader>();
  const t = useT();
  const schema = completionSchema(t);
  const [form, fields] = useForm({
    id: "completion-form",
    lastResult: actionData?.result?.initialValue?.intent === "record-completion" ? actionData.result : undefined,
    defaultValue: { date: todayIso },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3" aria-labelledby="completion-form-title">
      <h3 className="h6" id="completion-form-title">{t("training.completions.record")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="record-completion" />
      <div className="row g-3 align-items-start">
        <div className="col-12 col-md-3">
          <Field label={t("training.field.date")} meta={fields.date}>
            <input {...getInputProps(fields.date, { type: "date" })} className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-3">
          <Field label={t("training.field.count")} meta={fields.count}>
            <input {...getInputProps(fields.count, { type: "text" })} inputMode="numeric" className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-4">
          <Field label={t("training.field.note")} meta={fields.note}>
            <input {...getInputProps(fields.note, { type: "text" })} className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-2 pt-md-4">
          <button type="submit" className="btn btn-primary w-100 mt-md-1">
            {t("action.add")}
          </button>
        </div>
      </div>
      <p className="small text-muted mb-0">{t("training.completions.hint")}</p>
    </Form>
  );
}

function SessionForm() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const schema = sessionSchema(t);
  const [form, fields] = useForm({
    id: "session-form",
    lastResult: actionData?.result?.initialValue?.intent === "add-session" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3" aria-labelledby="session-form-title">
      <h3 className="h6" id="session-form-title">{t("training.sessions.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-session" />
      <div className="row g-3 align-items-start">
        <div className="col-12 col-md-3">
          <Field label={t("training.field.date")} meta={fields.date}>
            <input {...getInputProps(fields.date, { type: "date" })} className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-2">
          <Field label={t("training.field.capacity")} meta={fields.capacity}>
            <input {...getInputProps(fields.capacity, { type: "text" })} inputMode="numeric" className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-5">
          <Field label={t("training.field.location")} meta={fields.location}>
            <input {...getInputProps(fields.location, { type: "text" })} className="form-control" />
          </Field>
        </div>
        <div className="col-12 col-md-2 pt-md-4">
          <button type="submit" className="btn btn-outline-primary w-100 mt-md-1">
            {t("action.add")}
          </button>
        </div>
      </div>
    </Form>
  );
}

export default function WavePage() {
  const detail = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  const number = countFormatter(locale);
  const { wave } = detail;
  return (
    <>
      <Link to="/training/waves">← {t("training.wave.back")}</Link>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 my-3">
        <div>
          <p className="text-uppercase small fw-semibold text-secondary mb-1">{wave.code}</p>
          <h1 className="h2 mb-0">{wave.title}</h1>
        </div>
        {canEdit ? (
          <Link to="edit" className="btn btn-outline-primary">
            {t("training.wave.edit")}
          </Link>
        ) : null}
      </div>

      <section className="tg-card mb-4">
        <dl className="row tg-kv mb-0">
          <div className="col-6 col-md-3">
            <dt>{t("training.field.group")}</dt>
            <dd>{t(`training.group.${wave.professionalGroup}` as MessageKey)}</dd>
          </div>
          <div className="col-6 col-md-3">
            <dt>{t("training.field.authority")}</dt>
            <dd data-testid="wave-authority">{detail.authority.name}</dd>
          </div>
          <div className="col-6 col-md-3">
            <dt>{t("training.field.mode")}</dt>
            <dd>{t(`training.mode.${wave.deliveryMode}` as MessageKey)}</dd>
          </div>
          <div className="col-6 col-md-3">
            <dt>{t("training.field.workPackage")}</dt>
            <dd>
              <Link to={`/work-packages/${detail.workPackage.id}`}>
                {detail.workPackage.code} · {detail.workPackage.title}
              </Link>
            </dd>
          </div>
          <div className="col-6 col-md-3">
            <dt>{t("training.field.start")}</dt>
            <dd><DateText value={wave.startDate} /></dd>
          </div>
          <div className="col-6 col-md-3">
            <dt>{t("training.field.end")}</dt>
            <dd><DateText value={wave.endDate} /></dd>
          </div>
          <div className="col-12 col-md-6">
            <dt>{t("training.field.progress")}</dt>
            <dd data-testid="wave-trained">
              <span className="d-block mb-1">{t("training.completions.summary", { trained: number.format(detail.trained), target: number.format(wave.targetHeadcount) })}</span>
              <Progress value={detail.progress} large label={t("training.field.progress")} />
            </dd>
          </div>
        </dl>
      </section>

      <section className="tg-card mb-4" aria-labelledby="completions-title">
        <h2 className="h4" id="completions-title">{t("training.completions.title")}</h2>
        {detail.completions.length === 0 ? (
          <p>{t("training.completions.none")}</p>
        ) : (
          <TableScroll labelledBy="completions-title" style={{ maxHeight: "22rem" }}>
            <table className="table tg-table mb-0" data-testid="completions-table">
              <thead>
                <tr>
                  <th scope="col">{t("training.field.date")}</th>
                  <th scope="col" className="tg-num">{t("training.field.count")}</th>
                  <th scope="col">{t("training.field.note")}</th>
                  <th scope="col">{t("training.field.source")}</th>
                  <th scope="col">{t("training.field.recordedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.completions.map((c) => (
                  <tr key={c.id}>
                    <td><DateText value={c.date} /></td>
                    <td className={`tg-num${c.count < 0 ? " text-danger" : ""}`}>{number.format(c.count)}</td>
                    <td>{c.note}</td>
                    <td>
                      {t(`training.source.${c.source}` as MessageKey)}
                      {c.batchFile ? ` · ${c.batchFile}` : ""}
                    </td>
                    <td className="small">{c.source === "seed" ? "—" : `${c.createdBy ?? "—"} · ${formatTimestamp(c.createdAt, locale)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canEdit ? <CompletionForm /> : null}
      </section>

      <section className="tg-card mb-4" aria-labelledby="sessions-title">
        <h2 className="h4" id="sessions-title">{t("training.sessions.title")}</h2>
        {detail.sessions.length === 0 ? (
          <p>{t("training.sessions.none")}</p>
        ) : (
          <>
            <div className="table-responsive">
              <table className="table tg-table mb-1">
                <thead>
                  <tr>
                    <th scope="col">{t("training.field.date")}</th>
                    <th scope="col" className="tg-num">{t("training.field.capacity")}</th>
                    <th scope="col">{t("training.field.location")}</th>
                    {canEdit ? <th scope="col"><span className="visually-hidden">{t("action.delete")}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {detail.sessions.map((s) => (
                    <tr key={s.id}>
                      <td><DateText value={s.date} /></td>
                      <td className="tg-num">{number.format(s.capacity)}</td>
                      <td>{s.location}</td>
                      {canEdit ? (
                        <td className="text-end">
                          <Form method="post">
                            <input type="hidden" name="intent" value="delete-session" />
                            <input type="hidden" name="sessionId" value={s.id} />
                            <input type="hidden" name="version" value={s.version} />
                            <button type="submit" className="btn btn-sm btn-link text-danger">
                              {t("action.delete")}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small text-muted">
              {t("training.sessions.totalCapacity", { capacity: number.format(detail.capacity), target: number.format(wave.targetHeadcount) })}
            </p>
          </>
        )}
        {canEdit ? <SessionForm /> : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
