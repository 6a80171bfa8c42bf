import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { Progress } from "~/components/ui/progress";
import { isProfessionalGroup, professionalGroups } from "~/domain/training/training-values";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { listHealthAuthorities, listWaves } from "~/models/training/waves.server";
import trainingCss from "~/styles/training.css";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { countFormatter } from "~/domain/core/count-format";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trainingCss }];
export const meta: MetaFunction = () => [{ title: "Edizioni formative · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const url = new URL(request.url);
    const group = url.searchParams.get("group") ?? "";
    const authorityId = Number(url.searchParams.get("authority")) || undefined;
    const filters = { group: isProfessionalGroup(group) ? group : undefined, authorityId };
    return {
      filters: { group: filters.group ?? "", authorityId: authorityId ?? "" },
      authorities: listHealthAuthorities(actor).map((a) => ({ id: a.id, name: a.name })),
      waves: listWaves(actor, programme.id, today(), filters),
    };
  });
}

export default function WavesPage() {
  const { waves, authorities, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:training");
  const number = countFormatter(locale);
  return (
    <>
      <Link to="/training">← {t("training.title")}</Link>
      <div className="d-flex justify-content-between align-items-center my-3 flex-wrap gap-2">
        <h1 className="h2 mb-0">{t("training.waves.title")}</h1>
        {canEdit ? (
          <Link to="/training/waves/new" className="btn btn-primary">
            {t("training.waves.new")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="tg-card mb-3 d-flex flex-wrap gap-3 align-items-end">
        <div className="tg-field mb-0">
          <label htmlFor="filter-group">{t("training.field.group")}</label>
          <select id="filter-group" name="group" defaultValue={filters.group} className="form-select">
            <option value="">{t("training.waves.all")}</option>
            {professionalGroups.map((group) => (
              <option key={group} value={group}>
                {t(`training.group.${group}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="tg-field mb-0">
          <label htmlFor="filter-authority">{t("training.field.authority")}</label>
          <select id="filter-authority" name="authority" defaultValue={String(filters.authorityId)} className="form-select">
            <option value="">{t("training.waves.all")}</option>
            {authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-outline-primary">
          {t("training.waves.filter")}
        </button>
      </Form>
      <div className="tg-card">
        {waves.length === 0 ? (
          <p className="mb-0">{t("training.waves.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table tg-table mb-0">
              <thead>
                <tr>
                  <th scope="col">{t("training.field.code")}</th>
                  <th scope="col">{t("training.field.group")}</th>
                  <th scope="col">{t("training.field.authority")}</th>
                  <th scope="col">{t("training.field.mode")}</th>
                  <th scope="col">{t("training.field.start")}</th>
                  <th scope="col">{t("training.field.end")}</th>
                  <th scope="col" className="tg-num">{t("training.field.target")}</th>
                  <th scope="col" className="tg-num">{t("training.field.trained")}</th>
                  <th scope="col" style={{ width: "9rem" }}>{t("training.field.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {waves.map((wave) => (
                  <tr key={wave.id} data-testid={`wave-row-${wave.code}`}>
                    <td className="fw-semibold tg-nowrap">
                      <Link to={`/training/waves/${wave.id}`}>{wave.code}</Link>
                    </td>
                    <td>{t(`training.groupShort.${wave.professionalGroup}` as MessageKey)}</td>
                    <td>{wave.authorityName}</td>
                    <td>{t(`training.mode.${wave.deliveryMode}` as MessageKey)}</td>
                    <td><DateText value={wave.startDate} /></td>
                    <td><DateText value={wave.endDate} /></td>
                    <td className="tg-num">{number.format(wave.targetHeadcount)}</td>
                    <td className="tg-num">{number.format(wave.trained)}</td>
                    <td><Progress value={wave.progress} label={`${wave.code} ${t("training.field.progress")}`} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
