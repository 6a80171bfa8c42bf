import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp } from "~/domain/core/dates";
import { completionImportSchema } from "~/domain/training/schemas";
import { translator } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { ImportRowsError } from "~/models/core/errors.server";
import { importCompletions, listImportBatches } from "~/models/training/completions-import.server";
import { listHealthAuthorities } from "~/models/training/waves.server";
import trainingCss from "~/styles/training.css";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { countFormatter } from "~/domain/core/count-format";
import { SubmitButton } from "~/components/forms/submit-button";
import { answer, describeImportIssues } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction = () => [{ title: "Importa formati · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "read:programme");
    const programme = getCurrentProgramme(actor);
    return {
      authorities: listHealthAuthorities(actor).map((a) => ({ id: a.id, name: a.name })),
      batches: listImportBatches(actor, programme.id),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: completionImportSchema }, async (value, { viewer, locale }) => {
      const programme = getCurrentProgramme(viewer.actor);
      const t = translator(locale);
      try {
        const batch = importCompletions(
          viewer.actor,
          programme.id,
          { healthAuthorityId: value.healthAuthorityId, fileName: value.file.name, text: await value.file.text() },
          today(),
        );
        const authority = listHealthAuthorities(viewer.actor).find((a) => a.id === value.healthAuthorityId)!;
        return {
          imported: t("training.import.done", { rows: batch.rowCount, total: countFormatter(locale).format(batch.totalCount), authority: authority.name }),
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

export default function ImportPage() {
  const { authorities, batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  const schema = completionImportSchema(t);
  const [form, fields] = useForm({
    id: "completion-import",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const issues = actionData && "issues" in actionData ? actionData.issues : null;
  const imported = actionData && "imported" in actionData ? actionData.imported : null;
  const number = countFormatter(locale);
  return (
    <>
      <Link to="/training">← {t("training.title")}</Link>
      <h1 className="h2 my-3">{t("training.import.title")}</h1>
      {canEdit ? (
        <section className="tg-card mb-4">
          <p>{t("training.import.intro")}</p>
          <p className="small mb-3">
            {t("training.import.example")}: <code>Codice edizione;Data;Formati;Note</code> · <code>MMG-2-AUSLBO;14/10/2025;48;Aula Bellaria</code>
          </p>
          {imported ? (
            <div className="alert alert-success" role="status" data-testid="import-done">
              {imported}
            </div>
          ) : null}
          {issues ? (
            <div className="alert alert-danger" role="alert" data-testid="import-errors">
              <p className="fw-semibold">{t("training.import.refused")}</p>
              <table className="table table-sm tg-import-errors mb-0 bg-white">
                <thead>
                  <tr>
                    <th scope="col">{t("training.import.row")}</th>
                    <th scope="col">{t("training.import.column")}</th>
                    <th scope="col">{t("training.import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue, index) => (
                    <tr key={index} data-testid="import-issue">
                      <td className="tg-nowrap">{issue.line > 0 ? issue.line : t("training.import.file-level")}</td>
                      <td>{issue.column || "—"}</td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="tg-form-grid">
              <Field label={t("training.field.authority")} meta={fields.healthAuthorityId}>
                <select {...getSelectProps(fields.healthAuthorityId)} className="form-select">
                  <option value="">—</option>
                  {authorities.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("training.import.file")} meta={fields.file} className="tg-span-2">
                <input {...getInputProps(fields.file, { type: "file" })} accept=".csv,text/csv" className="form-control" />
              </Field>
            </div>
            <SubmitButton label={t("training.import.submit")} />
          </Form>
        </section>
      ) : null}
      <section className="tg-card" aria-labelledby="batches-title">
        <h2 className="h4" id="batches-title">{t("training.import.batches")}</h2>
        {batches.length === 0 ? (
          <p className="mb-0">{t("training.import.noBatches")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0" data-testid="import-batches">
              <thead>
                <tr>
                  <th scope="col">n.</th>
                  <th scope="col">{t("training.import.when")}</th>
                  <th scope="col">{t("training.field.authority")}</th>
                  <th scope="col">{t("training.import.file")}</th>
                  <th scope="col" className="tg-num">{t("training.import.rows")}</th>
                  <th scope="col" className="tg-num">{t("training.import.total")}</th>
                  <th scope="col">{t("training.import.by")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td>{b.id}</td>
                    <td className="tg-nowrap">{formatTimestamp(b.importedAt, locale)}</td>
                    <td>{b.authorityName}</td>
                    <td>{b.fileName}</td>
                    <td className="tg-num">{number.format(b.rowCount)}</td>
                    <td className="tg-num">{number.format(b.totalCount)}</td>
                    <td>{b.importedBy ?? "—"}</td>
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
