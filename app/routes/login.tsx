import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms/field";
import type { Translate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { login } from "~/models/users/auth.server";
import { getViewer } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { getTranslator } from "~/utils/locale.server";
import { sessionCookie } from "~/utils/session.server";
import { SubmitButton } from "~/components/forms/submit-button";
import { answer } from "~/utils/responses.server";

/** The throttle's Retry-After reaches the document response too, not only single-fetch replies. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction = () => [{ title: "Accesso · Traguardi" }];

function loginSchema(t: Translate) {
  return z.object({
    email: z.string({ error: t("validation.required") }).trim().email(t("validation.email")),
    password: z.string({ error: t("validation.required") }).min(1, t("validation.required")),
    redirectTo: z.string().optional(),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    if (await getViewer(request)) throw redirect("/");
    return null;
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return answer(async () => {
    const t = await getTranslator(request);
    const formData = await request.formData();
    const submission = parseWithZod(formData, { schema: loginSchema(t) });
    if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    // The production server puts the real client address in the load context (TRUSTED_PROXIES
    // decides whether X-Forwarded-For counts); without it every client shares one key.
    const outcome = await login(submission.value.email, submission.value.password, context.clientAddress ?? "unknown", {
      userAgent: request.headers.get("user-agent"),
    });
    if (!outcome.ok) {
      if (outcome.reason === "rate_limited") {
        const seconds = outcome.retryAfterSeconds;
        const message =
          seconds < 120 ? t("login.rateLimitedSeconds", { seconds }) : t("login.rateLimited", { minutes: Math.ceil(seconds / 60) });
        return data(
          { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
          { status: 429, headers: { "Retry-After": String(seconds) } },
        );
      }
      return data({ result: submission.reply({ formErrors: [t("login.invalid")], hideFields: ["password"] }) }, { status: 401 });
    }
    return redirect(safeRedirect(submission.value.redirectTo), {
      headers: { "Set-Cookie": await sessionCookie().serialize(outcome.sessionId, { expires: new Date(outcome.expiresAt) }) },
    });
  });
}

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema(t) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-5">
        <div className="tg-card my-4">
          <h1 className="h2">{t("login.title")}</h1>
          <p>{t("login.intro")}</p>
          <Form method="post" {...getFormProps(form)}>
            {form.errors?.length ? (
              <div className="alert alert-danger" role="alert" id={form.errorId}>
                {form.errors.join(" ")}
              </div>
            ) : null}
            <input type="hidden" name="redirectTo" value={safeRedirect(searchParams.get("redirectTo"))} />
            <Field label={t("login.email")} meta={fields.email}>
              <input {...getInputProps(fields.email, { type: "email" })} className="form-control" autoComplete="username" autoFocus />
            </Field>
            <Field label={t("login.password")} meta={fields.password}>
              <input {...getInputProps(fields.password, { type: "password" })} className="form-control" autoComplete="current-password" />
            </Field>
            <SubmitButton label={t("login.submit")} />
          </Form>
        </div>
      </div>
    </div>
  );
}
