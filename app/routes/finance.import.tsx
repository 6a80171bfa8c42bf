import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Euro } from "~/components/finance/money";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatTimestamp } from "~/domain/core/dates";
import { formatEuro } from "~/domain/core/money";
import { isMessageKey, type Message, type Translate } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { ValidationError } from "~/models/core/errors.server";
import { importFields, requiredImportFields } from "~/domain/finance-values";
import { listImportBatches, previewImport, startImport, type ImportJobView, type ImportMapping, type ImportPreview } from "~/models/import.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer, requireViewerWith } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Importa CSV · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { batches: listImportBatches(actor, getCurrentProgramme(actor).id) };
  });
}

type ActionResult = { preview?: ImportPreview; jobId?: string; fileName?: string; errors?: Message[] };

function mappingOf(formData: FormData): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of importFields) {
    const value = Number(formData.get(`map-${field}`));
    if (Number.isInteger(value) && value >= 0) mapping[field] = value;
  }
  return mapping;
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "update:finance");
    const programme = getCurrentProgramme(actor);
    const formData = await request.formData();
    const intent = formData.get("intent");
    try {
      if (intent === "preview") {
        const file = formData.get("file");
        if (!(file instanceof File) || file.size === 0) return data<ActionResult>({ errors: [{ key: "finance.import.error.noFile" }] }, { status: 400 });
        const content = Buffer.from(await file.arrayBuffer());
        return { preview: previewImport(actor, programme.id, { fileName: file.name, content }, today()) } satisfies ActionResult;
      }
      const token = String(formData.get("token") ?? "");
      const fileName = String(formData.get("fileName") ?? "import.csv");
      if (intent === "remap") return { preview: previewImport(actor, programme.id, { fileName, token, mapping: mappingOf(formData) }, today()) } satisfies ActionResult;
      if (intent === "confirm") {
        const jobId = startImport(actor, programme.id, { token, fileName, mapping: mappingOf(formData), confirmOverCommitment: formData.get("confirmOverCommitment") === "on" }, today());
        return { jobId, fileName } satisfies ActionResult;
      }
    } catch (error) {
      if (error instanceof ValidationError) return data<ActionResult>({ errors: error.issues.map((issue) => issue.message) }, { status: 400 });
      throw error;
    }
    return data<ActionResult>({ errors: [{ key: "finance.import.error.noFile" }] }, { status: 400 });
  });
}

/** A message whose parameters may themselves be message keys (e.g. a field's name). */
function messageText(t: Translate, message: Message) {
  const params = Object.fromEntries(Object.entries(message.params ?? {}).map(([k, v]) => [k, typeof v === "string" && isMessageKey(v) ? t(v) : v]));
  return isMessageKey(message.key) ? t(message.key, params) : message.key;
}

function Preview({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const locale = useLocale();
  const blocked = preview.issueCount > 0 || preview.formIssues.length > 0 || preview.alreadyImported !== null || preview.newCount === 0;
  return (
    <div data-testid="import-preview">
      <h3 className="h5">
        {preview.fileName}
      </h3>
      <Form method="post" className="mb-3">
        <input type="hidden" name="token" value={preview.token} />
        <input type="hidden" name="fileName" value={preview.fileName} />
        <fieldset className="mb-3">
          <legend className="h6">{t("finance.import.mapping")}</legend>
          <div className="row g-2">
            {importFields.map((field) => (
              <div className="col-6 col-md-3" key={field}>
                <label htmlFor={`map-${field}`} className="small fw-semibold">
                  {t(`finance.import.field.${field}`)}
                  {requiredImportFields.includes(field) ? " *" : ""}
                </label>
                <select id={`map-${field}`} name={`map-${field}`} defaultValue={preview.mapping[field] ?? -1} className="form-select form-select-sm">
                  <option value={-1}>{t("finance.import.notMapped")}</option>
                  {preview.header.map((name, index) => (
                    <option key={index} value={index}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <button type="submit" name="intent" value="remap" className="btn btn-sm btn-outline-secondary mt-2">
            {t("finance.import.remap")}
          </button>
        </fieldset>

        {preview.formIssues.length ? (
          <div className="alert alert-danger" role="alert">
            {preview.formIssues.map((m, i) => (
              <p className="mb-0" key={i}>{messageText(t, m)}</p>
            ))}
          </div>
        ) : null}
        {preview.alreadyImported ? (
          <div className="alert alert-warning" role="alert" data-testid="already-imported">
            {t("finance.import.alreadyImported", {
              date: formatTimestamp(preview.alreadyImported.at, locale),
              by: preview.alreadyImported.by,
              count: preview.alreadyImported.count,
            })}
          </div>
        ) : null}

        <p data-testid="import-summary">
          {t("finance.import.summary", { rows: preview.rowCount, valid: preview.validCount, fresh: preview.newCount, dup: preview.duplicateCount })}{" "}
          {t("finance.import.totals", { commitment: formatEuro(preview.totals.commitment, locale), payment: formatEuro(preview.totals.payment, locale) })}
        </p>

        {preview.issueCount > 0 ? (
          <div className="mb-3">
            <div className="alert alert-danger" role="alert" data-testid="import-errors-title">
              {t("finance.import.errorsTitle", { count: preview.issueCount })}
              {preview.issues.length < preview.issueCount ? ` ${t("finance.import.errorsTruncated", { shown: preview.issues.length })}` : ""}
            </div>
            <div className="table-responsive">
              <table className="table table-sm tg-table" data-testid="import-errors">
                <thead>
                  <tr>
                    <th scope="col">{t("finance.import.colLine")}</th>
                    <th scope="col">{t("finance.import.colColumn")}</th>
                    <th scope="col">{t("finance.import.colReason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((issue, i) => (
                    <tr key={i}>
                      <td>{issue.line}</td>
                      <td>{issue.column}</td>
                      <td>{messageText(t, issue.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}

        {preview.overCommitments.length ? (
          <div className="alert alert-warning">
            <p className="mb-1">{t("finance.import.overCommitment")}</p>
            <ul className="mb-2">
              {preview.overCommitments.map((o) => (
                <li key={o.lineCode}>
                  {o.lineCode}: <Euro cents={o.paid} /> &gt; <Euro cents={o.committed} />
                </li>
              ))}
            </ul>
            <div className="form-check">
              <input type="checkbox" id="confirm-over" name="confirmOverCommitment" className="form-check-input" />
              <label htmlFor="confirm-over" className="form-check-label">
                {t("finance.import.confirmOver")}
              </label>
            </div>
          </div>
        ) : null}

        <button type="submit" name="intent" value="confirm" className="btn btn-primary" disabled={blocked} data-testid="import-confirm">
          {t("finance.import.confirm", { count: preview.newCount })}
        </button>
      </Form>

      <h4 className="h6">{t("finance.import.sample")}</h4>
      <div className="table-responsive">
        <table className="table table-sm tg-table small" data-testid="import-sample">
          <thead>
            <tr>
              <th scope="col">{t("finance.import.colLine")}</th>
              {preview.header.map((name, i) => (
                <th scope="col" key={i}>{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                {preview.header.map((_, i) => (
                  <td key={i}>{row.values[i] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function JobProgress({ jobId }: { jobId: string }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher();
  const [tick, setTick] = useState(0);
  const job = fetcher.data as ImportJobView | undefined;
  const finished = job?.progress.phase === "done" || job?.progress.phase === "failed";
  const revalidator = useRevalidator();
  // Once the batch is written, the page's own data (the list of imports) is stale.
  useEffect(() => {
    if (job?.result) revalidator.revalidate();
    // Only a new batch id makes the list stale; the job object changes on every poll.
  }, [job?.result?.batchId]);
  useEffect(() => {
    if (finished) return;
    fetcher.load(`/finance/import/status?job=${jobId}`);
    const timer = setTimeout(() => setTick((n) => n + 1), 500);
    return () => clearTimeout(timer);
    // Polls on each tick; fetcher and revalidator are stable enough not to restart it.
  }, [jobId, tick, finished]);
  if (!job) return <p role="status">{t("finance.import.phase.validating")}…</p>;
  const { progress } = job;
  const percent = progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;
  return (
    <div data-testid="import-job" data-phase={progress.phase}>
      <div className="tg-progress tg-progress-lg mb-2" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={t(`finance.import.phase.${progress.phase}`)}>
        <span style={{ width: `${progress.phase === "done" ? 100 : percent}%` }} />
      </div>
      <p role="status">
        {t("finance.import.progress", {
          phase: t(`finance.import.phase.${progress.phase}`),
          processed: progress.processed.toLocaleString(locale === "it" ? "it-IT" : "en-GB"),
          total: progress.total.toLocaleString(locale === "it" ? "it-IT" : "en-GB"),
        })}
      </p>
      {job.result ? (
        <div className="alert alert-success" data-testid="import-done">
          {t("finance.import.done", { count: job.result.importedCount, file: job.result.fileName, skipped: job.result.skippedCount })}{" "}
          {t("finance.import.totals", { commitment: formatEuro(job.result.totals.commitment, locale), payment: formatEuro(job.result.totals.payment, locale) })}{" "}
          <Link to="/finance">{t("finance.tab.summary")}</Link>
        </div>
      ) : null}
      {job.error ? (
        <div className="alert alert-danger" role="alert" data-testid="import-failed">
          <p>{t("finance.import.failed")}</p>
          {[...job.error.formErrors, ...job.error.fieldErrors.map((f) => f.message)].map((m, i) => (
            <p className="mb-0" key={i}>{messageText(t, m)}</p>
          ))}
          {job.error.rowIssues.length ? (
            <ul className="mb-0">
              {job.error.rowIssues.map((issue, i) => (
                <li key={i}>
                  {t("finance.import.colLine")} {issue.line}, {issue.column}: {messageText(t, issue.message)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export default function ImportPage() {
  const { batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:finance");
  // The running job outlives the action data (revalidation after the import clears it).
  const [jobId, setJobId] = useState<string | undefined>();
  useEffect(() => {
    if (actionData?.jobId) setJobId(actionData.jobId);
    else if (actionData?.preview || actionData?.errors) setJobId(undefined);
  }, [actionData]);
  return (
    <>
      {canEdit ? (
        <section className="tg-card mb-4" aria-labelledby="import-title">
          <h2 className="h4" id="import-title">
            {t("finance.import.title")}
          </h2>
          <p className="small">{t("finance.import.intro")}</p>
          <Form method="post" encType="multipart/form-data" className="d-flex flex-wrap align-items-end gap-2 mb-3" key={jobId ?? "upload"}>
            <div>
              <label htmlFor="import-file" className="small fw-semibold d-block">
                {t("finance.import.file")}
              </label>
              <input id="import-file" name="file" type="file" accept=".csv,text/csv" className="form-control form-control-sm" required />
            </div>
            <button type="submit" name="intent" value="preview" className="btn btn-sm btn-outline-primary" disabled={navigation.state === "submitting"}>
              {t("finance.import.previewSubmit")}
            </button>
          </Form>
          {actionData?.errors?.length ? (
            <div className="alert alert-danger" role="alert" data-testid="import-form-errors">
              {actionData.errors.map((m, i) => (
                <p className="mb-0" key={i}>{messageText(t, m)}</p>
              ))}
            </div>
          ) : null}
          {jobId ? <JobProgress jobId={jobId} /> : null}
          {actionData?.preview && !jobId ? <Preview preview={actionData.preview} /> : null}
        </section>
      ) : null}
      <section className="tg-card mb-4" aria-labelledby="batches-title">
        <h2 className="h5" id="batches-title">
          {t("finance.import.batches")}
        </h2>
        {batches.length === 0 ? (
          <p className="mb-0">—</p>
        ) : (
          <ul className="mb-0" data-testid="import-batches">
            {batches.map((batch) => (
              <li key={batch.id}>
                {t("finance.import.batchRow", {
                  date: formatTimestamp(batch.importedAt, locale),
                  file: batch.fileName,
                  count: batch.importedCount,
                  skipped: batch.skippedCount,
                  by: batch.importedByName,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
