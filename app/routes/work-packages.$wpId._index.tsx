import { DocumentsPanel } from "~/components/procurement/documents-panel";
import { documentsPanel } from "~/models/documents/document.server";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { Progress } from "~/components/ui/progress";
import { InconsistencyFlag, StateBadge } from "~/components/ui/state-badge";
import { dependencySchema } from "~/domain/plan/schemas";
import { useLocale, useT } from "~/i18n/use-t";
import { createDependency, deleteDependency, getWorkPackageDetail } from "~/models/plan/plan.server";
import { requireViewer } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { today } from "~/utils/today.server";
import { toastHeaders } from "~/utils/toast.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.workPackage.code ?? "Work package"} · Traguardi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { ...getWorkPackageDetail(actor, Number(params.wpId), today()), documents: documentsPanel(actor, "workPackage", Number(params.wpId)) };
  });
}

const deleteDependencySchema = () => z.object({ intent: z.literal("delete-dependency"), dependencyId: z.coerce.number().int() });

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    const here = `/work-packages/${params.wpId}`;
    const formData = await request.formData();
    if (formData.get("intent") === "delete-dependency") {
      return submitForm(request, { permission: "update:plan", schema: deleteDependencySchema, formData }, async (value, { viewer }) => {
        deleteDependency(viewer.actor, value.dependencyId);
        return redirect(here, { headers: await toastHeaders({ kind: "success", message: "toast.deleted" }) });
      });
    }
    return submitForm(request, { permission: "update:plan", schema: dependencySchema, formData }, async (value, { viewer }) => {
      createDependency(viewer.actor, value);
      return redirect(here, { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

function DependencyForm({ ownKeys }: { ownKeys: string[] }) {
  const { itemOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const schema = dependencySchema(t);
  const [form, fields] = useForm({
    id: "dependency-form",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const options = (keys?: Set<string>) =>
    itemOptions
      .filter((item) => !keys || keys.has(item.key))
      .map((item) => (
        <option key={item.key} value={item.key}>
          {item.code} — {item.title}
        </option>
      ));
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3">
      <h3 className="h6">{t("wp.newDependency")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="row g-3 align-items-start">
        <div className="col-12 col-md-5">
          <Field label={t("field.predecessor")} meta={fields.predecessor}>
            <select {...getSelectProps(fields.predecessor)} className="form-select">
              <option value="">—</option>
              {options()}
            </select>
          </Field>
        </div>
        <div className="col-12 col-md-5">
          <Field label={t("field.successor")} meta={fields.successor}>
            <select {...getSelectProps(fields.successor)} className="form-select">
              <option value="">—</option>
              {options(new Set(ownKeys))}
            </select>
          </Field>
        </div>
        <div className="col-12 col-md-2 pt-md-4">
          <button type="submit" className="btn btn-outline-primary w-100 mt-md-1">
            {t("action.add")}
          </button>
        </div>
      </div>
    </Form>
  );
}

export default function WorkPackagePage() {
  const detail = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:plan");
  const { workPackage: wp, gate } = detail;
  const ownKeys = [...detail.tasks.map((task) => `t${task.id}`), ...detail.milestones.map((m) => `m${m.id}`)];
  return (
    <>
      <Link to="/work-packages">← {t("wp.listTitle")}</Link>
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 my-3">
        <div>
          <p className="text-uppercase small fw-semibold text-secondary mb-1">{t("kind.workPackage")}</p>
          <h1 className="h2 mb-0">
            {wp.code} · {wp.title}
          </h1>
        </div>
        {canEdit ? (
          <Link to="edit" className="btn btn-outline-primary">
            {t("wp.edit")}
          </Link>
        ) : null}
      </div>

      <section className="tg-card mb-4">
        <div className="row g-3">
          <div className="col-12 col-lg-7">
            <p>{wp.description}</p>
            <dl className="row tg-kv mb-0">
              <div className="col-6 col-md-4">
                <dt>{t("field.owner")}</dt>
                <dd>{wp.owner}</dd>
              </div>
              <div className="col-6 col-md-4">
                <dt>{t("field.startDate")}</dt>
                <dd>
                  <DateText value={wp.startDate} />
                </dd>
              </div>
              <div className="col-6 col-md-4">
                <dt>{t("field.endDate")}</dt>
                <dd>
                  <DateText value={wp.endDate} />
                </dd>
              </div>
            </dl>
          </div>
          <div className="col-12 col-lg-5">
            <dl className="tg-kv mb-0">
              <dt>{t("field.gate")}</dt>
              <dd>
                {gate.code} · {locale === "it" ? gate.name : gate.nameEn} · <DateText value={gate.dueDate} />
              </dd>
              <dt>{t("field.progress")}</dt>
              <dd data-testid="wp-progress">
                <Progress value={detail.state.progress} large label={t("field.progress")} />
              </dd>
              <dt>{t("field.state")}</dt>
              <dd>
                <StateBadge state={detail.state.state} />
              </dd>
            </dl>
          </div>
        </div>
      </section>

      <section className="tg-card mb-4" aria-labelledby="tasks-title">
        <div className="d-flex justify-content-between align-items-center mb-2">
          <h2 className="h4 mb-0" id="tasks-title">
            {t("wp.tasks")}
          </h2>
          {canEdit ? (
            <Link to="tasks/new" className="btn btn-sm btn-outline-primary">
              {t("wp.newTask")}
            </Link>
          ) : null}
        </div>
        {detail.tasks.length === 0 ? (
          <p>{t("wp.noTasks")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0">
              <thead>
                <tr>
                  <th scope="col">{t("field.code")}</th>
                  <th scope="col">{t("field.title")}</th>
                  <th scope="col">{t("field.owner")}</th>
                  <th scope="col">{t("field.startDate")}</th>
                  <th scope="col">{t("field.endDate")}</th>
                  <th scope="col" style={{ width: "9rem" }}>
                    {t("field.progress")}
                  </th>
                  <th scope="col">{t("field.status")}</th>
                  <th scope="col">{t("field.state")}</th>
                  {canEdit ? <th scope="col"><span className="visually-hidden">{t("action.edit")}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {detail.tasks.map((task) => (
                  <tr key={task.id} data-testid={`task-row-${task.code}`}>
                    <td className="fw-semibold tg-nowrap">{task.code}</td>
                    <td>{task.title}</td>
                    <td>{task.owner}</td>
                    <td>
                      <DateText value={task.startDate} />
                    </td>
                    <td>
                      <DateText value={task.endDate} />
                    </td>
                    <td>
                      <Progress value={task.progress} label={`${task.code} ${t("field.progress")}`} />
                    </td>
                    <td>{t(`status.${task.status}`)}</td>
                    <td>
                      <StateBadge state={task.state} />
                      <InconsistencyFlag detailed predecessors={task.inconsistentWith.map((p) => `${p.code} ${p.title}`)} />
                    </td>
                    {canEdit ? (
                      <td>
                        <Link to={`/tasks/${task.id}`} aria-label={`${t("task.edit")} ${task.code}`}>
                          {t("action.edit")}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="tg-card mb-4" aria-labelledby="milestones-title">
        <div className="d-flex justify-content-between align-items-center mb-2">
          <h2 className="h4 mb-0" id="milestones-title">
            {t("wp.milestones")}
          </h2>
          {canEdit ? (
            <Link to="milestones/new" className="btn btn-sm btn-outline-primary">
              {t("wp.newMilestone")}
            </Link>
          ) : null}
        </div>
        {detail.milestones.length === 0 ? (
          <p>{t("wp.noMilestones")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0">
              <thead>
                <tr>
                  <th scope="col">{t("field.code")}</th>
                  <th scope="col">{t("field.title")}</th>
                  <th scope="col">{t("field.euCode")}</th>
                  <th scope="col">{t("field.dueDate")}</th>
                  <th scope="col">{t("field.achievedDate")}</th>
                  <th scope="col">{t("field.gate")}</th>
                  <th scope="col">{t("field.state")}</th>
                  {canEdit ? <th scope="col"><span className="visually-hidden">{t("action.edit")}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {detail.milestones.map((m) => (
                  <tr key={m.id} data-testid={`milestone-row-${m.code}`}>
                    <td className="fw-semibold tg-nowrap">{m.code}</td>
                    <td>{m.title}</td>
                    <td className="font-monospace">{m.euCode ?? "—"}</td>
                    <td>
                      <DateText value={m.dueDate} />
                    </td>
                    <td>
                      <DateText value={m.achievedDate} />
                    </td>
                    <td>{detail.gates.find((g) => g.id === m.gateId)?.code}</td>
                    <td>
                      <StateBadge state={m.state} />
                      <InconsistencyFlag detailed predecessors={m.inconsistentWith.map((p) => `${p.code} ${p.title}`)} />
                    </td>
                    {canEdit ? (
                      <td>
                        <Link to={`/milestones/${m.id}`} aria-label={`${t("milestone.edit")} ${m.code}`}>
                          {t("action.edit")}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="tg-card mb-4" aria-labelledby="dependencies-title">
        <h2 className="h4" id="dependencies-title">
          {t("wp.dependencies")}
        </h2>
        {detail.dependencies.length === 0 ? (
          <p>{t("wp.noDependencies")}</p>
        ) : (
          <ul className="list-unstyled mb-0" data-testid="dependency-list">
            {detail.dependencies.map((dep) => (
              <li key={dep.id} className="d-flex align-items-center gap-2 py-1 border-bottom">
                <span>
                  <strong>{dep.predecessor.code}</strong> {dep.predecessor.title} → <strong>{dep.successor.code}</strong> {dep.successor.title}
                </span>
                {canEdit ? (
                  <Form method="post" className="ms-auto">
                    <input type="hidden" name="intent" value="delete-dependency" />
                    <input type="hidden" name="dependencyId" value={dep.id} />
                    <button type="submit" className="btn btn-sm btn-link text-danger" aria-label={`${t("dependency.delete")} ${dep.predecessor.code} → ${dep.successor.code}`}>
                      {t("action.delete")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? <DependencyForm ownKeys={ownKeys} /> : null}
      </section>
      <DocumentsPanel {...detail.documents} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
