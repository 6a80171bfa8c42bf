import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Euro } from "~/components/finance/money";
import { DocumentsPanel } from "~/components/procurement/documents-panel";
import { useHydrated } from "~/components/procurement/use-hydrated";
import { documentsPanel } from "~/models/documents/document.server";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useZodForm } from "~/components/forms/use-zod-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { TableScroll } from "~/components/ui/table-scroll";
import { partySchema } from "~/domain/procurement/schemas";
import { partyKinds, partyRoles } from "~/domain/procurement/values";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";
import { addProcedureParty, getProcedure, removeProcedureParty } from "~/models/procurement/procedure.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `CIG ${data?.procedure.cig ?? ""} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { ...getProcedure(actor, Number(params.procedureId)), documents: documentsPanel(actor, "procedure", Number(params.procedureId)) };
  });
}

const removeSchema = () => z.object({ intent: z.literal("removeParty"), partyId: z.coerce.number().int().positive() });

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const id = Number(params.procedureId);
    const formData = await request.formData();
    const done = async (message: "toast.saved" | "toast.created") => redirect(`/procurement/${id}`, { headers: await toastHeaders({ kind: "success", message }) });
    if (formData.get("intent") === "removeParty")
      return submitForm(request, { permission: "update:procurement", schema: removeSchema, formData }, async (value, { viewer }) => {
        removeProcedureParty(viewer.actor, value.partyId);
        return done("toast.saved");
      });
    return submitForm(request, { permission: "update:procurement", schema: partySchema, formData }, async (value, { viewer }) => {
      addProcedureParty(viewer.actor, id, value);
      return done("toast.created");
    });
  });
}

function PartyForm() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const hydrated = useHydrated();
  const [form, fields] = useZodForm({ id: "party-form", schema: partySchema(t), lastResult: actionData?.result, defaultValue: { kind: "winner", role: "sole", intent: "addParty" } });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="add-party-title" className="mt-3" data-hydrated={hydrated}>
      <h3 className="h6" id="add-party-title">
        {t("procurement.detail.addParty")}
      </h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="addParty" />
      <div className="tg-form-grid">
        <Field label={t("procurement.field.taxCode")} meta={fields.taxCode} hint={t("procurement.hint.taxCode")}>
          <input {...getInputProps(fields.taxCode, { type: "text" })} maxLength={18} className="form-control font-monospace" />
        </Field>
        <Field label={t("procurement.field.name")} meta={fields.name}>
          <input {...getInputProps(fields.name, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("procurement.field.legalForm")} meta={fields.legalForm}>
          <input {...getInputProps(fields.legalForm, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("procurement.field.atecoCode")} meta={fields.atecoCode}>
          <input {...getInputProps(fields.atecoCode, { type: "text" })} className="form-control font-monospace" />
        </Field>
        <Field label={t("procurement.field.kind")} meta={fields.kind}>
          <select {...getSelectProps(fields.kind)} className="form-select">
            {partyKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`procurement.kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("procurement.field.role")} meta={fields.role}>
          <select {...getSelectProps(fields.role)} className="form-select">
            {partyRoles.map((role) => (
              <option key={role} value={role}>
                {t(`procurement.role.${role}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="btn btn-primary btn-sm">
        {t("procurement.detail.addParty")}
      </button>
    </Form>
  );
}

export default function ProcedureDetail() {
  const { procedure, lines, parties, entries, totals, headroom, documents } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:procurement");
  return (
    <>
      <section className="tg-card mb-4" aria-labelledby="procedure-title">
        <Link to="/procurement">← {t("procurement.title")}</Link>
        <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mt-2">
          <h2 className="h4" id="procedure-title">
            CIG <span className="font-monospace">{procedure.cig}</span> — {procedure.subject}
          </h2>
          {canEdit ? (
            <Link to={`/procurement/${procedure.id}/edit`} className="btn btn-outline-primary btn-sm">
              {t("procurement.edit")}
            </Link>
          ) : null}
        </div>
        <dl className="row mb-0" data-testid="procedure-facts">
          <dt className="col-sm-4">{t("procurement.field.cup")}</dt>
          <dd className="col-sm-8 font-monospace">{procedure.cup}</dd>
          <dt className="col-sm-4">{t("procurement.field.procedureType")}</dt>
          <dd className="col-sm-8">{t(`procurement.type.${procedure.procedureType}`)}</dd>
          <dt className="col-sm-4">{t("procurement.field.tendered")}</dt>
          <dd className="col-sm-8">
            <Euro cents={procedure.tenderedCents} />
          </dd>
          <dt className="col-sm-4">{t("procurement.field.awarded")}</dt>
          <dd className="col-sm-8">{procedure.awardedCents == null ? t("procurement.detail.notAwarded") : <Euro cents={procedure.awardedCents} />}</dd>
          <dt className="col-sm-4">{t("procurement.field.awardDate")}</dt>
          <dd className="col-sm-8">
            <DateText value={procedure.awardDate} />
          </dd>
          <dt className="col-sm-4">{t("procurement.field.contractDate")}</dt>
          <dd className="col-sm-8">
            <DateText value={procedure.contractDate} />
          </dd>
          <dt className="col-sm-4">{t("procurement.col.committed")}</dt>
          <dd className="col-sm-8">
            <Euro cents={totals.committed} />
          </dd>
          <dt className="col-sm-4">{t("procurement.col.paid")}</dt>
          <dd className="col-sm-8">
            <Euro cents={totals.paid} />
          </dd>
          <dt className="col-sm-4">{t("procurement.col.headroom")}</dt>
          <dd className="col-sm-8" data-testid="headroom">
            <Euro cents={headroom} />
          </dd>
        </dl>
        {headroom < 0 ? (
          <div className="alert alert-warning py-2 mt-2" role="status">
            {t("procurement.detail.beyondAward", { excess: formatEuro(-headroom, locale) })}
          </div>
        ) : null}
        <h3 className="h6 mt-3">{t("procurement.detail.lines")}</h3>
        {lines.length === 0 ? (
          <p className="small">{t("procurement.detail.noLines")}</p>
        ) : (
          <ul>
            {lines.map((line) => (
              <li key={line.id}>
                <Link to={`/finance/budget-lines/${line.id}`}>{line.code}</Link> — {line.title}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="tg-card mb-4" aria-labelledby="parties-title">
        <h2 className="h5" id="parties-title">
          {t("procurement.detail.parties")}
        </h2>
        {parties.length === 0 ? (
          <p>{t("procurement.detail.noParties")}</p>
        ) : (
          <TableScroll labelledBy="parties-title">
            <table className="table table-sm align-middle" data-testid="party-table">
              <thead>
                <tr>
                  <th scope="col">{t("procurement.field.name")}</th>
                  <th scope="col">{t("procurement.field.taxCode")}</th>
                  <th scope="col">{t("procurement.field.kind")}</th>
                  <th scope="col">{t("procurement.field.role")}</th>
                  <th scope="col">{t("procurement.field.legalForm")}</th>
                  <th scope="col">{t("procurement.field.atecoCode")}</th>
                  {canEdit ? <th scope="col"><span className="visually-hidden">{t("procurement.detail.removeParty")}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {parties.map((party) => (
                  <tr key={party.id}>
                    <td>{party.name}</td>
                    <td className="font-monospace">{party.taxCode}</td>
                    <td>{t(`procurement.kind.${party.kind}`)}</td>
                    <td>{t(`procurement.role.${party.role}`)}</td>
                    <td className="small">{party.legalForm || "—"}</td>
                    <td className="font-monospace small">{party.atecoCode || "—"}</td>
                    {canEdit ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="removeParty" />
                          <input type="hidden" name="partyId" value={party.id} />
                          <button type="submit" className="btn btn-link btn-sm p-0" aria-label={t("procurement.detail.removePartyOf", { name: party.name })}>
                            {t("procurement.detail.removeParty")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canEdit ? <PartyForm /> : null}
      </section>

      <section className="tg-card mb-4" aria-labelledby="procedure-ledger-title">
        <h2 className="h5" id="procedure-ledger-title">
          {t("procurement.detail.ledger")}
        </h2>
        {entries.length === 0 ? (
          <p>{t("procurement.detail.noLedger")}</p>
        ) : (
          <TableScroll labelledBy="procedure-ledger-title" style={{ maxHeight: "24rem" }}>
            <table className="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">{t("finance.field.entryDate")}</th>
                  <th scope="col">{t("finance.field.kind")}</th>
                  <th scope="col">{t("finance.field.documentNumber")}</th>
                  <th scope="col">{t("finance.field.budgetLine")}</th>
                  <th scope="col" className="text-end">
                    {t("finance.field.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <DateText value={entry.entryDate} />
                    </td>
                    <td>{t(`finance.kind.${entry.kind}`)}</td>
                    <td>
                      <Link to={`/finance/ledger/${entry.id}`}>{entry.documentNumber}</Link>
                    </td>
                    <td>{entry.lineCode}</td>
                    <td className="text-end">
                      <Euro cents={entry.amountCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <DocumentsPanel {...documents} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
