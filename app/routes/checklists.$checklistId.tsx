import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChecklistStateBadge } from "~/components/checklists/checklist-state-badge";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { answersEditable, answeredCount } from "~/domain/checklists/rules";
import { checklistAnswers, type ChecklistAnswer } from "~/domain/checklists/values";
import { formatTimestamp } from "~/domain/core/dates";
import { useLocale, useT } from "~/i18n/use-t";
import { completeChecklist, getChecklist, reviewChecklist, saveAnswers, type AnswerInput } from "~/models/checklists/checklist.server";
import { requireViewer } from "~/utils/auth.server";
import { answer, idParam } from "~/utils/responses.server";
import { formString, plainWrite } from "~/utils/plain-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan, useViewer } from "~/utils/viewer";

export const meta: MetaFunction = () => [{ title: "Checklist · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return getChecklist(actor, idParam(params.checklistId));
  });
}

function answersFrom(formData: FormData, itemIds: number[]): AnswerInput[] {
  return itemIds.map((itemId) => {
    const raw = formString(formData, `answer-${itemId}`);
    const docs = formString(formData, `documents-${itemId}`).trim();
    return {
      itemId,
      answer: (checklistAnswers as readonly string[]).includes(raw) ? (raw as ChecklistAnswer) : null,
      note: formString(formData, `note-${itemId}`),
      documentIds: docs ? docs.split(/[,;\s]+/).filter(Boolean).map((d) => (/^\d+$/.test(d) ? Number(d) : -1)) : [],
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const intent = new URL(request.url).searchParams.get("intent") ?? "";
    const permission = intent === "review" ? "verify:checklist" : "update:checklist";
    return plainWrite(request, permission, async ({ viewer, formData }) => {
      const id = idParam(params.checklistId);
      const version = Number(formString(formData, "version"));
      const detail = getChecklist(viewer.actor, id);
      const itemIds = detail.items.map((item) => item.id);
      const back = (message: "checklist.saved" | "checklist.completed" | "checklist.reviewed") =>
        toastHeaders({ kind: "success", message }).then((headers) => redirect(`/checklists/${id}`, { headers }));
      if (intent === "review") {
        const outcome = formString(formData, "outcome");
        reviewChecklist(viewer.actor, {
          id,
          version,
          outcome: outcome === "rejected" ? "rejected" : "verified",
          note: formString(formData, "note"),
          flaggedItemIds: itemIds.filter((itemId) => formData.get(`flag-${itemId}`) === "on"),
        });
        return back("checklist.reviewed");
      }
      const answers = answersFrom(formData, itemIds);
      if (formString(formData, "submit") === "complete") {
        completeChecklist(viewer.actor, { id, version, answers });
        return back("checklist.completed");
      }
      saveAnswers(viewer.actor, { id, version, answers });
      return back("checklist.saved");
    });
  });
}

export default function ChecklistPage() {
  const { checklist, template, items, events, newerTemplateVersion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "failure" in actionData ? actionData.failure : null;
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const canFill = useCan("update:checklist");
  const canVerify = useCan("verify:checklist");
  const editable = canFill && answersEditable(checklist.state);
  const isCompleter = viewer !== null && checklist.completedById === viewer.id;
  const flagged = items.filter((item) => item.needsFix);
  const when = (value: string | null) => (value ? formatTimestamp(value, locale) : "—");
  const errorsOf = (name: string) => failure?.fieldErrors[name];
  const title = locale === "en" ? template.titleEn : template.title;
  return (
    <>
      <Link to="/checklists">← {t("checklist.title")}</Link>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3 mt-2 mb-3">
        <div>
          <h1 className="h2 mb-1">{title}</h1>
          <p className="mb-1">
            <span className="font-monospace fw-semibold" data-testid="checklist-subject">
              {checklist.subjectKey}
            </span>{" "}
            · {t(`checklist.subjectType.${checklist.subjectType}`)}
            {checklist.subjectLabel ? ` · ${checklist.subjectLabel}` : ""}
          </p>
          <p className="small text-secondary mb-0">
            {t("checklist.field.reference")}: {template.reference} · {t("checklist.field.version")} {template.version}
          </p>
        </div>
        <div className="text-end" data-testid="checklist-state">
          <ChecklistStateBadge state={checklist.state} />
          <div className="small mt-1">{t("checklist.answered", { answered: answeredCount(items), total: items.length })}</div>
        </div>
      </div>

      <FormErrors id="checklist-errors" errors={failure?.formErrors} />

      {newerTemplateVersion ? <div className="alert alert-info">{t("checklist.olderVersion", { version: template.version, latest: newerTemplateVersion })}</div> : null}

      {checklist.state === "rejected" ? (
        <div className="alert alert-danger" data-testid="checklist-rejected">
          <h2 className="h5">{t("checklist.rejectedTitle", { name: checklist.reviewedByName ?? "—", when: when(checklist.reviewedAt) })}</h2>
          <p className="mb-1" style={{ whiteSpace: "pre-wrap" }}>
            {checklist.reviewNote}
          </p>
          {flagged.length ? <p className="mb-0 fw-semibold">{t("checklist.toFix", { items: flagged.map((item) => item.position).join(", ") })}</p> : null}
        </div>
      ) : null}
      {checklist.state === "verified" ? (
        <div className="alert alert-success" data-testid="checklist-verified">
          {t("checklist.verifiedBy", { name: checklist.reviewedByName ?? "—", when: when(checklist.reviewedAt) })}
          {checklist.reviewNote ? ` — ${checklist.reviewNote}` : ""}
        </div>
      ) : null}
      {checklist.completedAt && checklist.state !== "draft" ? (
        <p className="small" data-testid="checklist-completed-by">
          {t("checklist.completedBy", { name: checklist.completedByName ?? "—", when: when(checklist.completedAt) })} · {t("checklist.field.round")} {checklist.round}
        </p>
      ) : null}

      <Form method="post" action="?intent=answers" noValidate>
        <input type="hidden" name="version" value={checklist.version} />
        {!editable ? <p className="small text-secondary">{t("checklist.readOnly")}</p> : null}
        <ol className="list-unstyled">
          {items.map((item, index) => {
            const section = index === 0 || items[index - 1].section !== item.section ? item.section : null;
            const answerErrors = errorsOf(`answer-${item.id}`);
            const noteErrors = errorsOf(`note-${item.id}`);
            const docErrors = errorsOf(`documents-${item.id}`);
            return (
              <li key={item.id} data-testid={`item-${item.position}`} data-answer={item.answer ?? ""}>
                {section ? <h2 className="h5 mt-3">{section}</h2> : null}
                <fieldset className={`tg-card mb-3 ${item.needsFix ? "border border-danger" : ""}`} aria-describedby={answerErrors ? `answer-${item.id}-error` : undefined}>
                  <legend className="h6 fw-semibold mb-1">
                    {item.position}. {item.question}
                    {item.needsFix ? <span className="badge bg-danger ms-2">{t("checklist.needsFix")}</span> : null}
                  </legend>
                  {item.guidance ? (
                    <p className="small text-secondary mb-2">
                      {t("checklist.guidance")}: {item.guidance}
                    </p>
                  ) : null}
                  {editable ? (
                    <>
                      <div className="d-flex flex-wrap gap-3 mb-2">
                        {checklistAnswers.map((answer) => (
                          <div className="form-check" key={answer}>
                            <input
                              className="form-check-input"
                              type="radio"
                              name={`answer-${item.id}`}
                              id={`answer-${item.id}-${answer}`}
                              value={answer}
                              defaultChecked={item.answer === answer}
                              aria-invalid={answerErrors ? true : undefined}
                            />
                            <label className="form-check-label" htmlFor={`answer-${item.id}-${answer}`}>
                              {t(`checklist.answer.${answer}`)}
                            </label>
                          </div>
                        ))}
                      </div>
                      {answerErrors ? (
                        <div className="text-danger small mb-2" id={`answer-${item.id}-error`} role="alert">
                          {answerErrors.join(" ")}
                        </div>
                      ) : null}
                      <div className="row g-2">
                        <div className="col-12 col-lg-8">
                          <label className="small fw-semibold" htmlFor={`note-${item.id}`}>
                            {t("checklist.field.note")} ({item.position})
                          </label>
                          <textarea
                            className="form-control"
                            id={`note-${item.id}`}
                            name={`note-${item.id}`}
                            rows={1}
                            defaultValue={item.note}
                            aria-invalid={noteErrors ? true : undefined}
                            aria-describedby={noteErrors ? `note-${item.id}-error` : undefined}
                          />
                          {noteErrors ? (
                            <div className="text-danger small" id={`note-${item.id}-error`}>
                              {noteErrors.join(" ")}
                            </div>
                          ) : null}
                        </div>
                        <div className="col-12 col-lg-4">
                          <label className="small fw-semibold" htmlFor={`documents-${item.id}`}>
                            {t("checklist.field.documents")} ({item.position})
                          </label>
                          <input
                            className="form-control font-monospace"
                            id={`documents-${item.id}`}
                            name={`documents-${item.id}`}
                            defaultValue={item.documentIds.join(", ")}
                            aria-invalid={docErrors ? true : undefined}
                            aria-describedby={docErrors ? `documents-${item.id}-error` : undefined}
                          />
                          {docErrors ? (
                            <div className="text-danger small" id={`documents-${item.id}-error`}>
                              {docErrors.join(" ")}
                            </div>
                          ) : null}
                        </div>
                      </div>
                    </>
                  ) : (
                    <p className="mb-0">
                      <strong data-testid={`answer-${item.position}`}>{item.answer ? t(`checklist.answer.${item.answer}`) : t("checklist.answer.none")}</strong>
                      {item.note ? <span style={{ whiteSpace: "pre-wrap" }}> — {item.note}</span> : null}
                      {item.documentIds.length ? <span className="small text-secondary"> · {t("checklist.field.documents")}: {item.documentIds.join(", ")}</span> : null}
                    </p>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {editable ? (
          <div className="d-flex flex-wrap gap-3 mb-4">
            <button type="submit" name="submit" value="save" className="btn btn-outline-primary">
              {t("checklist.save")}
            </button>
            <button type="submit" name="submit" value="complete" className="btn btn-primary">
              {t("checklist.complete")}
            </button>
          </div>
        ) : null}
      </Form>

      {checklist.state === "completed" && canVerify ? (
        isCompleter ? (
          <div className="alert alert-warning" data-testid="four-eyes-notice">
            {t("checklist.fourEyesNotice")}
          </div>
        ) : (
          <section className="tg-card mb-4" aria-labelledby="review-title" data-testid="review-form">
            <h2 className="h4" id="review-title">
              {t("checklist.review")}
            </h2>
            <p>{t("checklist.reviewIntro")}</p>
            <Form method="post" action="?intent=review" noValidate>
              <input type="hidden" name="version" value={checklist.version} />
              <fieldset className="mb-3">
                <legend className="h6">{t("checklist.outcome")}</legend>
                {(["verified", "rejected"] as const).map((outcome) => (
                  <div className="form-check" key={outcome}>
                    <input className="form-check-input" type="radio" name="outcome" id={`outcome-${outcome}`} value={outcome} defaultChecked={outcome === "verified"} />
                    <label className="form-check-label" htmlFor={`outcome-${outcome}`}>
                      {t(`checklist.outcome.${outcome}`)}
                    </label>
                  </div>
                ))}
              </fieldset>
              <fieldset className="mb-3">
                <legend className="h6">{t("checklist.flag")}</legend>
                <div className="d-flex flex-wrap gap-3">
                  {items.map((item) => (
                    <div className="form-check" key={item.id}>
                      <input className="form-check-input" type="checkbox" name={`flag-${item.id}`} id={`flag-${item.id}`} />
                      <label className="form-check-label" htmlFor={`flag-${item.id}`}>
                        {item.position}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <div className="tg-field mb-3">
                <label htmlFor="review-note">{t("checklist.field.reviewNote")}</label>
                <textarea
                  id="review-note"
                  name="note"
                  className="form-control"
                  rows={3}
                  aria-invalid={errorsOf("note") ? true : undefined}
                  aria-describedby={errorsOf("note") ? "review-note-error" : undefined}
                />
                {errorsOf("note") ? (
                  <div className="text-danger small" id="review-note-error">
                    {errorsOf("note")!.join(" ")}
                  </div>
                ) : null}
              </div>
              <button type="submit" className="btn btn-primary">
                {t("checklist.submitReview")}
              </button>
            </Form>
          </section>
        )
      ) : null}

      <section className="tg-card mb-4" aria-labelledby="history-title">
        <h2 className="h4" id="history-title">
          {t("checklist.history")}
        </h2>
        <ol className="list-unstyled mb-0" data-testid="checklist-history">
          {events.map((event) => (
            <li key={event.id} className="mb-2" data-event={event.kind}>
              <strong>{event.kind === "completed" ? t("checklist.event.completed", { round: event.round }) : t(`checklist.event.${event.kind}`)}</strong> · {event.byName} ·{" "}
              {when(event.at)}
              {event.note ? <div style={{ whiteSpace: "pre-wrap" }}>{event.note}</div> : null}
              {event.detail.flaggedPositions?.length ? <div className="small">{t("checklist.event.flagged", { items: event.detail.flaggedPositions.join(", ") })}</div> : null}
              {event.detail.answers ? (
                <details className="small">
                  <summary>{t("checklist.event.answers")}</summary>
                  <ol>
                    {event.detail.answers.map((answer) => (
                      <li key={answer.position} value={answer.position}>
                        {answer.answer ? t(`checklist.answer.${answer.answer}`) : t("checklist.answer.none")}
                        {answer.note ? ` — ${answer.note}` : ""}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
