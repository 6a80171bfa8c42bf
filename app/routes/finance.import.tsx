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
import { ImportRowsError, NotFoundError, ValidationError } from "~/models/core/errors.server";
import { can } from "~/domain/core/permissions";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer, requireViewerWith } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";
import { importFields, requiredImportFields } from "~/domain/finance/finance-values";
import { movementTypes, type MovementType } from "~/domain/finance/ledger-csv";
import {
  listImportBatches,
  listImportJobs,
  previewImport,
  restartImport,
  startImport,
  type ImportJobView,
  type ImportMapping,
  type ImportPreview,
  type ValueMapping,
} from "~/models/finance/ledger-import.server";

export const meta: MetaFunction = () => [{ title: "Importa CSV · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const canImport = can(actor.role, "update:finance");
    return { batches: listImportBatches(actor, programme.id), jobs: canImport ? listImportJobs(actor, programme.id).filter((job) => job.progress.phase === "interrupted") : [] };
  });
}

type ActionResult = { preview?: ImportPreview; jobId?: string; fileName?: string; errors?: Message[] };

/** The column mapping the preview's selects carry; undefined when the form sent none (then the saved profile or the guess applies). */
function mappingOf(formData: FormData): ImportMapping | undefined {
  const mapping: ImportMapping = {};
  let sent = false;
  for (const field of importFields) {
    const raw = formData.get(`map-${field}`);
    if (raw === null || raw === "") continue;
    sent = true;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 0) mapping[field] = value;
  }
  return sent ? mapping : undefined;
}

/** The value mapping the preview's selects carry: vline-N / vkind-N, with their keys beside them. */
function valuesOf(formData: FormData): ValueMapping {
  const values: ValueMapping = { lines: {}, kinds: {} };
  for (const [name, raw] of formData.entries()) {
    const match = /^(vline|vkind)-key-(\d+)$/.exec(name);
    if (!match) continue;
    const chosen = String(formData.get(`${match[1]}-${match[2]}`) ?? "");
    if (match[1] === "vline") {
      const id = Number(chosen);
      if (Number.isInteger(id) && id > 0) values.lines[String(raw)] = id;
    } else if ((movementTypes as readonly string[]).includes(chosen)) values.kinds[String(raw)] = chosen as MovementType;
  }
  return values;
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
        return { preview: await previewImport(actor, programme.id, { fileName: file.name, content }, today()) } satisfies ActionResult;
      }
      const token = String(formData.get("token") ?? "");
      const fileName = String(formData.get("fileName") ?? "import.csv");
      if (intent === "remap")
        return { preview: await previewImport(actor, programme.id, { fileName, token, mapping: mappingOf(formData), values: valuesOf(formData) }, today()) } satisfies ActionResult;
      if (intent === "confirm") {
        const confirmation = { confirmed: formData.get("confirmOverCommitment") === "on", reason: String(formData.get("overrunReason") ?? "") };
        const jobId = startImport(actor, programme.id, { token, fileName, mapping: mappingOf(formData), values: valuesOf(formData), confirmation }, today());
        return { jobId, fileName } satisfies ActionResult;
      }
      if (intent === "restart") return { jobId: restartImport(actor, String(formData.get("jobId") ?? ""), today()) } satisfies ActionResult;
    } catch (error) {
      if (error instanceof ValidationError) return data<ActionResult>({ errors: error.issues.map((issue) => issue.message) }, { status: 400 });
      if (error instanceof ImportRowsError) return data<ActionResult>({ errors: error.issues.map((issue) => issue.message) }, { status: 400 });
      if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
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

const rowsText = (t: Translate, rows: number[], count: number) =>
  rows.join(", ") + (count > rows.length ? ` ${t("finance.import.values.more", { count: count - rows.length })}` : "");

function ValueTable({ preview, kind }: { preview: ImportPreview; kind: "lines" | "kinds" }) {
  const t = useT();
  const uses = preview.values[kind];
  if (!uses.length) return null;
  const prefix = kind === "lines" ? "vline" : "vkind";
  return (
    <div className="col-12 col-lg-6">
      <h4 className="h6">{t(kind === "lines" ? "finance.import.values.lines" : "finance.import.values.kinds")}</h4>
      <table className="table table-sm tg-table small" data-testid={`values-${kind}`}>
        <thead>
          <tr>
            <th scope="col">{t("finance.import.values.value")}</th>
            <th scope="col">{t("finance.import.values.target")}</th>
            <th scope="col">{t("finance.import.values.rows")}</th>
          </tr>
        </thead>
        <tbody>
          {uses.map((use, i) => (
            <tr key={use.key} data-testid={`value-${kind}-${use.key}`} data-mapped={use.target === null ? "no" : "yes"} className={use.target === null ? "table-warning" : ""}>
              <td>
                <label htmlFor={`${prefix}-${i}`} className="fw-semibold">{use.value}</label>
                <input type="hidden" name={`${prefix}-key-${i}`} value={use.key} />
              </td>
              <td>
                <select id={`${prefix}-${i}`} name={`${prefix}-${i}`} defaultValue={use.target ?? ""} className="form-select form-select-sm">
                  <option value="">{t("finance.import.values.none")}</option>
                  {kind === "lines"
                    ? preview.lines.map((line) => (
                        <option key={line.id} value={line.id}>
                          {line.code} — {line.title}
                        </option>
                      ))
                    : movementTypes.map((type) => (
                        <option key={type} value={type}>
                          {t(`finance.movement.${type}`)}
                        </option>
                      ))}
                </select>
                <span className="small text-secondary" data-testid="value-by">
                  {t(`finance.import.values.by.${use.by}`)}
                </span>
              </td>
              <td>{rowsText(t, use.rows, use.rowCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const locale = useLocale();
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState("");
  const needsConfirmation = preview.warnings.length > 0;
  const blocked =
    preview.issueCount > 0 ||
    preview.formIssues.length > 0 ||
    preview.alreadyImported !== null ||
    preview.newCount === 0 ||
    (needsConfirmation && (!confirmed || !reason.trim()));
  return (
    <div data-testid="import-preview">
      <h3 className="h5">{preview.fileName}</h3>
      <Form method="post" className="mb-3">
        <input type="hidden" name="token" value={preview.token} />
        <input type="hidden" name="fileName" value={preview.fileName} />
        {preview.profileSavedAt ? (
          <p className="alert alert-info py-2" data-testid="profile-applied">
            {t("finance.import.profileApplied", { date: formatTimestamp(preview.profileSavedAt, locale) })}
          </p>
        ) : null}
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
        </fieldset>

        {preview.values.lines.length || preview.values.kinds.length ? (
          <fieldset className="mb-3" data-testid="value-mapping">
            <legend className="h6">{t("finance.import.values")}</legend>
            <p className="small">{t("finance.import.values.intro")}</p>
            {preview.unmappedCount > 0 ? (
              <p className="alert alert-warning py-2" data-testid="unmapped-count">
                {t("finance.import.values.unmapped", { count: preview.unmappedCount })}
              </p>
            ) : null}
            <div className="row g-3">
              <ValueTable preview={preview} kind="lines" />
              <ValueTable preview={preview} kind="kinds" />
            </div>
          </fieldset>
        ) : null}
        <button type="submit" name="intent" value="remap" className="btn btn-sm btn-outline-secondary mb-3">
          {t("finance.import.remap")}
        </button>

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
          {preview.reversalCount ? <> {t("finance.import.reversals", { count: preview.reversalCount })}</> : null}
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
                      <td>{issue.row ?? "—"}</td>
                      <td>{issue.column}</td>
                      <td>{messageText(t, issue.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}

        {needsConfirmation && preview.issueCount === 0 ? (
          <div className="alert alert-warning" data-testid="import-warnings">
            <p className="mb-1 fw-semibold">{t("finance.import.warnings")}</p>
            <ul className="mb-2">
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  {t(`finance.overrun.${w.overrun.check}`, { subject: w.overrun.subject, limit: formatEuro(w.overrun.limit, locale), after: formatEuro(w.overrun.after, locale), excess: formatEuro(w.overrun.after - w.overrun.limit, locale) })}{" "}
                  <span className="small">({t("finance.import.colLine")} {rowsText(t, w.rows, w.rowCount)})</span>
                </li>
              ))}
            </ul>
            <div className="form-check">
              <input type="checkbox" id="confirm-over" name="confirmOverCommitment" className="form-check-input" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <label htmlFor="confirm-over" className="form-check-label">
                {t("finance.overrun.confirm")}
              </label>
            </div>
            <label htmlFor="overrun-reason" className="small fw-semibold mt-2 d-block">
              {t("finance.field.overrunReason")}
            </label>
            <textarea id="overrun-reason" name="overrunReason" className="form-control form-control-sm" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
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
  const finished = job?.progress.phase === "done" || job?.progress.phase === "failed" || job?.progress.phase === "interrupted";
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
      {progress.phase === "interrupted" ? <InterruptedJob job={job} /> : null}
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
                  {issue.row !== null ? `${t("finance.import.colLine")} ${issue.row}, ${issue.column}: ` : ""}
                  {messageText(t, issue.message)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function InterruptedJob({ job }: { job: Pick<ImportJobView, "id" | "fileName"> }) {
  const t = useT();
  return (
    <Form method="post" className="alert alert-warning" data-testid="import-interrupted">
      <p>{t("finance.import.interrupted", { file: job.fileName })}</p>
      <input type="hidden" name="jobId" value={job.id} />
      <button type="submit" name="intent" value="restart" className="btn btn-sm btn-primary">
        {t("finance.import.restart")}
      </button>
    </Form>
  );
}

export default function ImportPage() {
  const { batches, jobs } = useLoaderData<typeof loader>();
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
          {!jobId && !actionData?.preview ? jobs.map((job) => <InterruptedJob key={job.id} job={job} />) : null}
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
