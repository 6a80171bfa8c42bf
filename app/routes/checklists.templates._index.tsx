import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { useLocale, useT } from "~/i18n/use-t";
import { listTemplates } from "~/models/checklists/template.server";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Modelli di checklist · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    return { templates: listTemplates(actor) };
  });
}

export default function ChecklistTemplatesPage() {
  const { templates } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <Link to="/checklists">← {t("checklist.title")}</Link>
      <h1 className="h2 mt-2">{t("checklist.templatesTitle")}</h1>
      <p className="text-secondary">{t("checklist.templatesIntro")}</p>
      <section className="tg-card" aria-labelledby="templates-table">
        <h2 className="visually-hidden" id="templates-table">
          {t("checklist.templatesTitle")}
        </h2>
        <div className="table-responsive">
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("checklist.field.template")}</th>
                <th scope="col">{t("checklist.field.subject")}</th>
                <th scope="col">{t("checklist.field.version")}</th>
                <th scope="col" className="tg-num">{t("checklist.field.items")}</th>
                <th scope="col" className="tg-num">{t("checklist.field.inUse")}</th>
                <th scope="col">{t("checklist.field.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.code} data-testid={`template-${template.code}`}>
                  <td>
                    <Link to={`/checklists/templates/${template.code}`}>{locale === "en" ? template.titleEn : template.title}</Link>
                  </td>
                  <td>{t(`checklist.subjectType.${template.subjectType}`)}</td>
                  <td>
                    v{template.version} · <DateText value={template.createdAt.slice(0, 10)} />
                  </td>
                  <td className="tg-num">{template.itemCount}</td>
                  <td className="tg-num">{template.checklistCount}</td>
                  <td className="small">{template.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
