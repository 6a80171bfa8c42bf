import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { countFormatter } from "~/domain/core/count-format";
import { catalogueQuarter } from "~/domain/training/training-values";
import { catalogueImportSchema, catalogueLinkSchema, catalogueUnlinkSchema } from "~/domain/training/schemas";
import { translator } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { importCatalogue, linkMilestoneToCatalogue, listCatalogueItems, unlinkMilestoneFromCatalogue } from "~/models/indicators/catalogue.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { ImportRowsError } from "~/models/core/errors.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { SubmitButton } from "~/components/forms/submit-button";
import { answer, describeImportIssues } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction = () => [{ title: "Catalogo PNRR · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return listCatalogueItems(actor, getCurrentProgramme(actor).id);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const formData = await request.formData();
    const intent = formData.get("intent");
    if (intent === "link")
      return submitForm(request, { permission: "update:training", schema: catalogueLinkSchema, formData }, async (value, { viewer }) => {
        linkMilestoneToCatalogue(viewer.actor, getCurrentProgramme(viewer.actor).id, value.catalogueItemId, value.milestoneId);
        return redirect("/indicators/catalogue", { headers: await toastHeaders({ kind: "success", message: "training.toast.linked" }) });
      });
    if (intent === "unlink")
      return submitForm(request, { permission: "update:training", schema: catalogueUnlinkSchema, formData }, async (value, { viewer }) => {
        unlinkMilestoneFromCatalogue(viewer.actor, value.linkId);
        return redirect("/indicators/catalogue", { headers: await toastHeaders({ kind: "success", message: "training.toast.unlinked" }) });
      });
    return submitForm(request, { permission: "update:training", schema: catalogueImportSchema, formData }, async (value, { viewer, locale }) => {
      const t = translator(locale);
      try {
        const report = importCatalogue(viewer.actor, getCurrentProgramme(viewer.actor).id, { fileName: value.file.name, text: await value.file.text() });
        return {
          imported: t("training.catalogue.imported", { created: report.created, updated: report.updated, unchanged: report.unchanged, linked: report.linked, rows: countFormatter(locale).format(report.totalRows) }),
          issues: null,
          result: undefined,
        };
      } catch (error) {
        if (error instanceof ImportRowsError) return data({ imported: null, issues: describeImportIssues(error.issues, locale), result: undefined }, { status: 400 });
        throw error;
      }
    });
  });
}

type Item = Awaited<ReturnType<typeof loader>>["items"][number];

function LinkForm({ item }: { item: Item }) {
  const { programmeMilestones } = useLoaderData<typeof loader>();
  const t = useT();
  const linked = new Set(item.milestones.map((m) => m.milestoneId));
  return (
    <Form method="post" className="d-flex gap-2 align-items-end mt-2">
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="catalogueItemId" value={item.id} />
      <div className="tg-field mb-0 flex-grow-1">
        <label htmlFor={`link-${item.id}`}>{t("training.catalogue.linkMilestone")}</label>
        <select id={`link-${item.id}`} name="milestoneId" className="form-select" required>
          <option value="">—</option>
          {programmeMilestones
            .filter((m) => !linked.has(m.id))
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.code} · {m.title}
              </option>
            ))}
        </select>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm">
        {t("training.catalogue.link")}
      </button>
    </Form>
  );
}

function ItemCard({ item }: { item: Item }) {
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  return (
    <article className="tg-card mb-3" data-testid={`catalogue-item-${item.code}`} aria-labelledby={`item-${item.id}`}>
      <div className="d-flex justify-content-between flex-wrap gap-2">
        <h3 className="h5 mb-1" id={`item-${item.id}`}>
          <span className="font-monospace">{item.code}</span> · {t(`training.catalogue.kind.${item.kind}`)} {t(`training.catalogue.scope.${item.scope}`)}
        </h3>
        <span className="fw-semibold" data-testid="catalogue-due">
          {t("training.catalogue.field.due")}: {catalogueQuarter(item, locale)}
        </span>
      </div>
      <p className="fw-semibold mb-2">{item.name}</p>
      {item.targetValue ? (
        <p className="mb-2" data-testid="catalogue-target">
          {t("training.catalogue.field.target")}: <strong>{item.targetValue}</strong> {item.unit ? `(${item.unit})` : ""}
        </p>
      ) : null}
      <details className="mb-2">
        <summary>{t("training.catalogue.field.description")}</summary>
        <p className="tg-multiline small mt-2 mb-0">{item.description}</p>
        {item.furtherInfo ? (
          <>
            <h4 className="h6 mt-2">{t("training.catalogue.field.furtherInfo")}</h4>
            <p className="tg-multiline small mb-0" lang="en">{item.furtherInfo}</p>
          </>
        ) : null}
      </details>
      <h4 className="h6">{t("training.catalogue.field.verification")}</h4>
      <p className="tg-verification mb-3" lang="en" data-testid="catalogue-verification">
        {item.verificationMechanism ?? t("training.catalogue.noVerification")}
      </p>
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <h4 className="h6">{t("training.catalogue.milestones")}</h4>
          {item.milestones.length === 0 ? (
            <p className="small mb-0">{t("training.catalogue.noLinks")}</p>
          ) : (
            <ul className="list-unstyled mb-0">
              {item.milestones.map((m) => (
                <li key={m.linkId} className="d-flex align-items-center gap-2">
                  <span>
                    <Link to={`/work-packages/${m.workPackageId}`}>
                      {m.code} · {m.title}
                    </Link>{" "}
                    (<DateText value={m.dueDate} />)
                  </span>
                  {canEdit ? (
                    <Form method="post" className="ms-auto">
                      <input type="hidden" name="intent" value="unlink" />
                      <input type="hidden" name="linkId" value={m.linkId} />
                      <button type="submit" className="btn btn-sm btn-link text-danger" aria-label={`${t("training.catalogue.unlink")} ${m.code}`}>
                        {t("training.catalogue.unlink")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? <LinkForm item={item} /> : null}
        </div>
        <div className="col-12 col-md-6">
          <h4 className="h6">{t("training.catalogue.indicators")}</h4>
          {item.indicators.length === 0 ? (
            <p className="small mb-0">{t("training.catalogue.noLinks")}</p>
          ) : (
            <ul className="list-unstyled mb-0">
              {item.indicators.map((i) => (
                <li key={i.id}>
                  <Link to={`/indicators/${i.id}`}>
                    {i.code} · {i.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </article>
  );
}

export default function CataloguePage() {
  const { items, measureCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const canEdit = useCan("update:training");
  const schema = catalogueImportSchema(t);
  const [form, fields] = useForm({
    id: "catalogue-import",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const issues = actionData && "issues" in actionData ? actionData.issues : null;
  const imported = actionData && "imported" in actionData ? actionData.imported : null;
  const eu = items.filter((i) => i.scope === "UE");
  const national = items.filter((i) => i.scope === "ITA");
  return (
    <>
      <Link to="/indicators">← {t("training.indicator.back")}</Link>
      <h1 className="h2 my-3">{t("training.catalogue.title", { measure: measureCode })}</h1>
      <p>{t("training.catalogue.intro")}</p>
      {canEdit ? (
        <section className="tg-card mb-4" aria-labelledby="catalogue-import-title">
          <h2 className="h4" id="catalogue-import-title">{t("training.catalogue.import")}</h2>
          <p>{t("training.catalogue.importIntro", { measure: measureCode })}</p>
          {imported ? <div className="alert alert-success" role="status" data-testid="catalogue-imported">{imported}</div> : null}
          {issues ? (
            <div className="alert alert-danger" role="alert" data-testid="import-errors">
              <p className="fw-semibold">{t("training.import.refused")}</p>
              <ul className="mb-0">
                {issues.map((issue, index) => (
                  <li key={index}>
                    {t("training.import.row")} {issue.line}
                    {issue.column ? `, ${issue.column}` : ""}: {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="d-flex flex-wrap gap-3 align-items-end">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="import" />
            <Field label={t("training.catalogue.file")} meta={fields.file} className="mb-0">
              <input {...getInputProps(fields.file, { type: "file" })} accept=".csv,text/csv" className="form-control" />
            </Field>
            <SubmitButton label={t("training.catalogue.submit")} />
          </Form>
        </section>
      ) : null}
      {items.length === 0 ? (
        <p className="tg-card">{t("training.catalogue.none")}</p>
      ) : (
        <>
          <h2 className="h3">{t("training.catalogue.euItems")}</h2>
          {eu.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
          <h2 className="h3 mt-4">{t("training.catalogue.nationalItems")}</h2>
          {national.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
