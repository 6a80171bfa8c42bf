import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp } from "~/domain/core/dates";
import { changePasswordSchema } from "~/domain/schemas/account";
import { useT } from "~/i18n/use-t";
import { NotFoundError } from "~/models/core/errors.server";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession, listOwnSessions } from "~/models/users/sessions.server";
import { currentSessionId, requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { getLocale } from "~/utils/locale.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Le mie sessioni · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "manage:own-account");
    const [current, locale] = await Promise.all([currentSessionId(request), getLocale(request)]);
    return { sessions: listOwnSessions(actor, current), locale };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const formData = await request.formData();
    const intent = formData.get("intent");
    if (intent === "password") {
      return submitForm(request, { permission: "manage:own-account", schema: changePasswordSchema, formData }, async (value, { viewer }) => {
        const current = await currentSessionId(request);
        await changeOwnPassword(viewer.actor, current ?? "", { currentPassword: value.currentPassword, newPassword: value.newPassword });
        return redirect("/account/sessions", { headers: await toastHeaders({ kind: "success", message: "account.password.changed" }) });
      });
    }
    const { actor } = await requireViewerWith(request, "manage:own-account");
    const current = await currentSessionId(request);
    if (intent === "end-others" && current) {
      endOtherOwnSessions(actor, current);
      return redirect("/account/sessions", { headers: await toastHeaders({ kind: "success", message: "account.sessions.ended" }) });
    }
    if (intent === "end") {
      try {
        endOwnSession(actor, String(formData.get("session") ?? ""));
      } catch (error) {
        if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
        throw error;
      }
      return redirect("/account/sessions", { headers: await toastHeaders({ kind: "success", message: "account.sessions.ended" }) });
    }
    throw new Response("Unknown intent", { status: 400 });
  });
}

function PasswordForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema(t) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="password" />
      {form.errors?.length ? (
        <div className="alert alert-danger" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </div>
      ) : null}
      <Field label={t("account.password.current")} meta={fields.currentPassword}>
        <input {...getInputProps(fields.currentPassword, { type: "password" })} className="form-control" autoComplete="current-password" />
      </Field>
      <Field label={t("account.password.new")} meta={fields.newPassword}>
        <input {...getInputProps(fields.newPassword, { type: "password" })} className="form-control" autoComplete="new-password" />
      </Field>
      <SubmitButton label={t("account.password.submit")} />
    </Form>
  );
}

export default function OwnSessionsPage() {
  const { sessions, locale } = useLoaderData<typeof loader>();
  const t = useT();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <h1 className="h2">{t("account.sessions.title")}</h1>
      <p>{t("account.sessions.intro")}</p>
      <div className="tg-card mb-4">
        <div className="table-responsive">
          <table className="table" data-testid="own-sessions">
            <thead>
              <tr>
                <th scope="col">{t("account.sessions.started")}</th>
                <th scope="col">{t("account.sessions.device")}</th>
                <th scope="col">{t("account.sessions.address")}</th>
                <th scope="col">{t("account.sessions.expires")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("account.sessions.end")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.handle} data-current={s.current ? "true" : undefined}>
                  <td>{formatTimestamp(s.createdAt, locale)}</td>
                  <td className="text-break">{s.userAgent ?? t("account.sessions.unknownDevice")}</td>
                  <td>{s.clientAddress ?? "—"}</td>
                  <td>{formatTimestamp(s.expiresAt, locale)}</td>
                  <td>
                    {s.current ? (
                      <span className="badge bg-primary">{t("account.sessions.current")}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="end" />
                        <input type="hidden" name="session" value={s.handle} />
                        <button type="submit" className="btn btn-outline-danger btn-sm" aria-label={t("account.sessions.endLabel", { date: formatTimestamp(s.createdAt, locale) })}>
                          {t("account.sessions.end")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="btn btn-outline-danger">
              {t("account.sessions.endOthers")}
            </button>
          </Form>
        ) : null}
      </div>
      <div className="tg-card">
        <h2 className="h4">{t("account.password.title")}</h2>
        <p>{t("account.password.intro")}</p>
        <PasswordForm />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
