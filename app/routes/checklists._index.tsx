import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChecklistStateBadge } from "~/components/checklists/checklist-state-badge";
import { FormErrors } from "~/components/forms/form-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { checklistStates, isChecklistState } from "~/domain/checklists/values";
import { useLocale, useT } from "~/i18n/use-t";
import { countChecklistsByState, createChecklist, listChecklists } from "~/models/checklists/checklist.server";
import { listTemplates } from "~/models/checklists/template.server";
import { getDb } from "~/models/core/db.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Checklist di autocontrollo · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const url = new URL(request.url);
    const state = url.searchParams.get("state") ?? "";
    const templateCode = url.searchParams.get("template") ?? "";
    return {
      checklists: listChecklists(actor, programme.id, { state: isChecklistState(state) ? state : undefined, templateCode: templateCode || undefined }),
      counts: countChecklistsByState(getDb(), programme.id),
      templates: listTemplates(actor),
      filters: { state, template: templateCode },
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return plainWrite(request, "update:checklist", async ({ viewer, formData }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const created = createChecklist(viewer.actor, programme.id, {
        templateCode: formString(formData, "templateCode"),
        subjectKey: formString(formData, "subjectKey"),
        subjectLabel: formString(formData, "subjectLabel"),
      });
      return redirect(`/checklists/${created.id}`, { headers: await toastHeaders({ kind: "success", message: "checklist.created" }) });
    });
  });
}

function NewChecklistForm({ templates }: { templates: ReturnType<typeof useLoaderData<typeof loader>>["templates"] }) {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const errorOf = (name: string) => failure?.fieldErrors[name]?.join(" ");
  return (
    <section className="tg-card mb-4" aria-labelledby="new-checklist">
      <h2 className="h5" id="new-checklist">
        {t("checklist.new")}
      </h2>
      <Form method="post" className="tg-form-grid" noValidate>
        <FormErrors id="new-checklist-errors" errors={failure?.formErrors} />
        <div className="tg-field">
          <label htmlFor="templateCode">{t("checklist.field.template")}</label>
          <select id="templateCode" name="templateCode" className="form-select" aria-invalid={errorOf("templateCode") ? true : undefined} aria-describedby={errorOf("templateCode") ? "templateCode-error" : undefined}>
            {templates.map((template) => (
              <option key={template.code} value={template.code}>
                {locale === "en" ? template.titleEn : template.title} — {t(`checklist.subjectType.${template.subjectType}`)}
              </option>
            ))}
          </select>
          {errorOf("templateCode") ? <div className="invalid-feedback d-block" id="templateCode-error">{errorOf("templateCode")}</div> : null}
        </div>
        <div className="tg-field">
          <label htmlFor="subjectKey">{t("checklist.field.subjectKey")}</label>
          <input
            id="subjectKey"
            name="subjectKey"
            className="form-control font-monospace"
            maxLength={20}
            aria-invalid={errorOf("subjectKey") ? true : undefined}
            aria-describedby={`subjectKey-hint${errorOf("subjectKey") ? " subjectKey-error" : ""}`}
          />
          <small className="form-text" id="subjectKey-hint">
            {t("checklist.field.subjectKeyHint")}
          </small>
          {errorOf("subjectKey") ? (
            <div className="invalid-feedback d-block" id="subjectKey-error" data-field-error="subjectKey">
              {errorOf("subjectKey")}
            </div>
          ) : null}
        </div>
        <div className="tg-field tg-span-2">
          <label htmlFor="subjectLabel">{t("checklist.field.subjectLabel")}</label>
          <input id="subjectLabel" name="subjectLabel" className="form-control" maxLength={200} />
        </div>
        <div>
          <SubmitButton label={t("checklist.create")} />
        </div>
      </Form>
    </section>
  );
}

export default function ChecklistsPage() {
  const { checklists, counts, templates, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canFill = useCan("update:checklist");
  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mb-3">
        <div>
          <h1 className="h2">{t("checklist.title")}</h1>
          <p className="text-secondary mb-0" style={{ maxWidth: "60rem" }}>
            {t("checklist.intro")}
          </p>
        </div>
        <Link to="/checklists/templates" className="btn btn-outline-primary">
          {t("checklist.templates")}
        </Link>
      </div>
      <ul className="list-inline mb-3" aria-label={t("checklist.field.state")} data-testid="checklist-counts">
        {checklistStates.map((state) => (
          <li className="list-inline-item me-3" key={state} data-state-count={state}>
            <ChecklistStateBadge state={state} /> <strong>{counts[state]}</strong>
          </li>
        ))}
      </ul>
      {canFill ? <NewChecklistForm templates={templates} /> : null}
      <section className="tg-card" aria-labelledby="checklist-list">
        <h2 className="h5" id="checklist-list">
          {t("checklist.title")}
        </h2>
        <Form method="get" className="d-flex flex-wrap gap-3 align-items-end mb-3">
          <div className="tg-field">
            <label htmlFor="filter-state">{t("checklist.field.state")}</label>
            <select id="filter-state" name="state" defaultValue={filters.state} className="form-select">
              <option value="">{t("checklist.filter.all")}</option>
              {checklistStates.map((state) => (
                <option key={state} value={state}>
                  {t(`checklist.state.${state}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="tg-field">
            <label htmlFor="filter-template">{t("checklist.field.template")}</label>
            <select id="filter-template" name="template" defaultValue={filters.template} className="form-select">
              <option value="">{t("checklist.filter.all")}</option>
              {templates.map((template) => (
                <option key={template.code} value={template.code}>
                  {locale === "en" ? template.titleEn : template.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t("checklist.filter")}
          </button>
        </Form>
        {checklists.length === 0 ? (
          <p>{t("checklist.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0">
              <thead>
                <tr>
                  <th scope="col">{t("checklist.field.subject")}</th>
                  <th scope="col">{t("checklist.field.template")}</th>
                  <th scope="col">{t("checklist.field.state")}</th>
                  <th scope="col">{t("checklist.field.progress")}</th>
                  <th scope="col">{t("checklist.field.completedBy")}</th>
                  <th scope="col">{t("checklist.field.reviewedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {checklists.map((row) => (
                  <tr key={row.id} data-testid={`checklist-row-${row.id}`} data-state={row.state}>
                    <td>
                      <Link to={`/checklists/${row.id}`} className="font-monospace fw-semibold">
                        {row.subjectKey}
                      </Link>
                      <div className="small text-secondary">
                        {t(`checklist.subjectType.${row.subjectType}`)}
                        {row.subjectLabel ? ` · ${row.subjectLabel}` : ""}
                      </div>
                    </td>
                    <td>
                      {locale === "en" ? row.titleEn : row.title} <span className="small text-secondary">v{row.templateVersion}</span>
                    </td>
                    <td>
                      <ChecklistStateBadge state={row.state} />
                    </td>
                    <td className="tg-num">{t("checklist.answered", { answered: row.answered, total: row.items })}</td>
                    <td>
                      {row.completedByName ?? "—"}
                      {row.completedAt ? (
                        <div className="small">
                          <DateText value={row.completedAt.slice(0, 10)} />
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {row.reviewedByName ?? "—"}
                      {row.reviewedAt ? (
                        <div className="small">
                          <DateText value={row.reviewedAt.slice(0, 10)} />
                        </div>
                      ) : null}
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
