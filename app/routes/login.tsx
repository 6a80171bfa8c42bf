import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms/field";
import type { Translate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { login } from "~/models/users/auth.server";
import { getViewer, safeRedirect } from "~/utils/auth.server";
import { getTranslator } from "~/utils/locale.server";
import { sessionCookie } from "~/utils/session.server";
import { SubmitButton } from "~/components/forms/submit-button";
import { answer } from "~/utils/responses.server";

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

/** The throttle keys on the client address as the proxy or socket reports it. */
function clientKey(request: Request) {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || "local";
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const t = await getTranslator(request);
    const formData = await request.formData();
    const submission = parseWithZod(formData, { schema: loginSchema(t) });
    if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    const outcome = await login(submission.value.email, submission.value.password, clientKey(request));
    if (!outcome.ok) {
      const message = outcome.reason === "rate_limited" ? t("login.rateLimited", { minutes: outcome.retryInMinutes }) : t("login.invalid");
      return data(
        { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
        { status: outcome.reason === "rate_limited" ? 429 : 401 },
      );
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
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
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
