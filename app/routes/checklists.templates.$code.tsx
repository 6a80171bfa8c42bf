import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms/form-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTemplateItems, parseTemplateItems } from "~/domain/checklists/rules";
import { formatTimestamp } from "~/domain/core/dates";
import { useLocale, useT } from "~/i18n/use-t";
import { getTemplate, reviseTemplate } from "~/models/checklists/template.server";
import { ValidationError } from "~/models/core/errors.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Modello di checklist · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return getTemplate(actor, params.code ?? "");
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return plainWrite(request, "manage:checklist-templates", async ({ viewer, formData }) => {
      const { items, badLines } = parseTemplateItems(formString(formData, "items"));
      if (badLines.length) throw ValidationError.field("items", "checklist.error.itemLines", { lines: badLines.join(", ") });
      reviseTemplate(viewer.actor, {
        code: params.code ?? "",
        basedOnVersion: Number(formString(formData, "basedOnVersion")),
        title: formString(formData, "title"),
        titleEn: formString(formData, "titleEn"),
        reference: formString(formData, "reference"),
        changeNote: formString(formData, "changeNote"),
        items,
      });
      return redirect(`/checklists/templates/${params.code}`, { headers: await toastHeaders({ kind: "success", message: "checklist.templateSaved" }) });
    });
  });
}

export default function ChecklistTemplatePage() {
  const { template, items, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("manage:checklist-templates");
  const field = (name: string, label: string, value: string) => (
    <div className="tg-field mb-3">
      <label htmlFor={`template-${name}`}>{label}</label>
      <input
        id={`template-${name}`}
        name={name}
        className="form-control"
        defaultValue={value}
        aria-invalid={failure?.fieldErrors[name] ? true : undefined}
        aria-describedby={failure?.fieldErrors[name] ? `template-${name}-error` : undefined}
      />
      {failure?.fieldErrors[name] ? (
        <div className="text-danger small" id={`template-${name}-error`}>
          {failure.fieldErrors[name].join(" ")}
        </div>
      ) : null}
    </div>
  );
  return (
    <>
      <Link to="/checklists/templates">← {t("checklist.templatesTitle")}</Link>
      <h1 className="h2 mt-2">{locale === "en" ? template.titleEn : template.title}</h1>
      <p className="text-secondary">
        {t(`checklist.subjectType.${template.subjectType}`)} · {t("checklist.field.version")} {template.version} · {template.reference}
      </p>
      <div className="row g-4">
        <div className="col-12 col-xl-8">
          {canEdit ? (
            <section className="tg-card" aria-labelledby="edit-template">
              <h2 className="h5" id="edit-template">
                {t("checklist.editTemplate")}
              </h2>
              <Form method="post" noValidate>
                <FormErrors id="template-errors" errors={failure?.formErrors} />
                <input type="hidden" name="basedOnVersion" value={template.version} />
                {field("title", t("checklist.field.title"), template.title)}
                {field("titleEn", t("checklist.field.titleEn"), template.titleEn)}
                {field("reference", t("checklist.field.reference"), template.reference)}
                <div className="tg-field mb-3">
                  <label htmlFor="template-items">{t("checklist.field.itemsText")}</label>
                  <textarea
                    id="template-items"
                    name="items"
                    className="form-control font-monospace small"
                    rows={Math.min(24, items.length + 3)}
                    defaultValue={formatTemplateItems(items)}
                    aria-invalid={failure?.fieldErrors.items ? true : undefined}
                    aria-describedby={failure?.fieldErrors.items ? "template-items-error" : undefined}
                  />
                  {failure?.fieldErrors.items ? (
                    <div className="text-danger small" id="template-items-error">
                      {failure.fieldErrors.items.join(" ")}
                    </div>
                  ) : null}
                </div>
                {field("changeNote", t("checklist.field.changeNote"), "")}
                <SubmitButton label={t("checklist.saveTemplate")} />
              </Form>
            </section>
          ) : (
            <section className="tg-card" aria-labelledby="template-items-title">
              <h2 className="h5" id="template-items-title">
                {t("checklist.field.items")}
              </h2>
              <ol>
                {items.map((item) => (
                  <li key={item.id}>
                    <span className="small text-secondary">{item.section}</span> — {item.question}
                    {item.guidance ? <div className="small text-secondary">{t("checklist.guidance")}: {item.guidance}</div> : null}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
        <div className="col-12 col-xl-4">
          <section className="tg-card" aria-labelledby="template-versions">
            <h2 className="h5" id="template-versions">
              {t("checklist.versions")}
            </h2>
            <ul className="list-unstyled mb-0" data-testid="template-versions">
              {versions.map((v) => (
                <li key={v.version} className="mb-2">
                  {t("checklist.versionLine", { version: v.version, when: formatTimestamp(v.createdAt, locale), name: v.createdByName })}
                  {v.changeNote ? <div className="small">{v.changeNote}</div> : null}
                  <div className="small text-secondary">
                    {t("checklist.field.inUse")}: {v.checklistCount}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
