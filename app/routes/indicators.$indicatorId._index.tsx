import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { IndicatorChart, useIndicatorFormat } from "~/components/charts/indicator-chart";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { IndicatorStatusBadge } from "~/components/ui/indicator-status";
import { catalogueQuarter } from "~/domain/training/training-values";
import { measurementSchema } from "~/domain/training/schemas";
import { useLocale, useT } from "~/i18n/use-t";
import { getIndicatorDetail, recordMeasurement } from "~/models/indicators/indicator.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { TableScroll } from "~/components/ui/table-scroll";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.indicator.code ?? "Indicatore"} · Traguardi` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { ...getIndicatorDetail(actor, Number(params.indicatorId), today()), asOf: today() };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "update:training", schema: measurementSchema }, async (value, { viewer }) => {
      recordMeasurement(viewer.actor, Number(params.indicatorId), value, today());
      return redirect(`/indicators/${params.indicatorId}`, { headers: await toastHeaders({ kind: "success", message: "training.toast.measurementSaved" }) });
    });
  });
}

function MeasurementForm() {
  const actionData = useActionData<typeof action>();
  const { asOf } = useLoaderData<typeof loader>();
  const t = useT();
  const schema = measurementSchema(t);
  const [form, fields] = useForm({
    id: "measurement-form",
    lastResult: actionData?.result,
    defaultValue: { date: asOf },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3" aria-labelledby="measurement-form-title">
      <h3 className="h6" id="measurement-form-title">{t("training.indicator.measurements.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="tg-form-grid">
        <Field label={t("training.indicator.field.date")} meta={fields.date}>
          <input {...getInputProps(fields.date, { type: "date" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.value")} meta={fields.value}>
          <input {...getInputProps(fields.value, { type: "text" })} inputMode="decimal" className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.source")} meta={fields.source} className="tg-span-2">
          <input {...getInputProps(fields.source, { type: "text" })} className="form-control" />
        </Field>
        <Field label={t("training.indicator.field.evidence")} meta={fields.evidenceNote} className="tg-span-2">
          <input {...getInputProps(fields.evidenceNote, { type: "text" })} className="form-control" />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary">{t("action.add")}</button>
      <p className="small text-muted mt-2 mb-0">{t("training.indicator.measurements.hint")}</p>
    </Form>
  );
}

export default function IndicatorPage() {
  const detail = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  const { indicator, assessment, catalogueItem } = detail;
  const format = useIndicatorFormat(indicator.unit);
  return (
    <>
      <Link to="/indicators">← {t("training.indicator.back")}</Link>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 my-3">
        <div>
          <p className="text-uppercase small fw-semibold text-secondary mb-1">{indicator.code}</p>
          <h1 className="h2 mb-0">{indicator.name}</h1>
        </div>
        {canEdit ? (
          <Link to="edit" className="btn btn-outline-primary">
            {t("training.indicator.edit")}
          </Link>
        ) : null}
      </div>
      <section className="tg-card mb-4">
        <dl className="row tg-kv">
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.status")}</dt>
            <dd data-testid="indicator-status"><IndicatorStatusBadge status={assessment.status} achieved={assessment.achieved} /></dd>
          </div>
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.baseline")}</dt>
            <dd>{format(indicator.baseline)} (<DateText value={indicator.baselineDate} />)</dd>
          </div>
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.target")}</dt>
            <dd>{format(indicator.targetValue)} (<DateText value={indicator.dueDate} />)</dd>
          </div>
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.latest")}</dt>
            <dd data-testid="indicator-latest">{format(assessment.latest?.value)}</dd>
          </div>
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.expected")}</dt>
            <dd>{format(assessment.expected)}</dd>
          </div>
          <div className="col-6 col-md-2">
            <dt>{t("training.indicator.field.euCode")}</dt>
            <dd className="font-monospace">{indicator.euCode ?? "—"}</dd>
          </div>
        </dl>
        <IndicatorChart series={detail.series} unit={indicator.unit} dueDate={indicator.dueDate} asOf={detail.asOf} label={t("training.indicator.chart.title", { code: indicator.code })} />
      </section>

      {catalogueItem ? (
        <section className="tg-card mb-4" aria-labelledby="verification-title" data-testid="indicator-verification">
          <h2 className="h4" id="verification-title">{t("training.indicator.verification")}</h2>
          <p className="mb-2">
            <strong className="font-monospace">{catalogueItem.code}</strong> · {t(`training.catalogue.kind.${catalogueItem.kind}`)} {t(`training.catalogue.scope.${catalogueItem.scope}`)} ·{" "}
            {catalogueQuarter(catalogueItem, locale)}
            {catalogueItem.targetValue ? ` · ${t("training.catalogue.field.target")}: ${catalogueItem.targetValue}${catalogueItem.unit === "Percentuale" ? "%" : ""}` : ""}
          </p>
          <p className="mb-2">{catalogueItem.name}</p>
          <h3 className="h6">{t("training.catalogue.field.verification")}</h3>
          <p className="tg-verification" lang="en">{catalogueItem.verificationMechanism ?? t("training.catalogue.noVerification")}</p>
        </section>
      ) : null}

      <section className="tg-card mb-4" aria-labelledby="measurements-title">
        <h2 className="h4" id="measurements-title">{t("training.indicator.measurements")}</h2>
        {detail.measurements.length === 0 ? (
          <p>{t("training.indicator.measurements.none")}</p>
        ) : (
          <TableScroll labelledBy="measurements-title">
            <table className="table tg-table mb-0" data-testid="measurements-table">
              <thead>
                <tr>
                  <th scope="col">{t("training.indicator.field.date")}</th>
                  <th scope="col" className="tg-num">{t("training.indicator.field.value")}</th>
                  <th scope="col">{t("training.indicator.field.source")}</th>
                  <th scope="col">{t("training.indicator.field.evidence")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.measurements.map((m) => (
                  <tr key={m.id}>
                    <td><DateText value={m.date} /></td>
                    <td className="tg-num">{format(m.value)}</td>
                    <td>{m.source}</td>
                    <td>{m.evidenceNote}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canEdit ? <MeasurementForm /> : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
