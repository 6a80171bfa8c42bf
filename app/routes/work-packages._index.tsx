import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { DateText } from "~/components/ui/format";
import { Progress } from "~/components/ui/progress";
import { StateBadge } from "~/components/ui/state-badge";
import { useT } from "~/i18n/use-t";
import { getWorkPackageSummaries } from "~/models/plan/plan.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Work package · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    return getWorkPackageSummaries(actor, programme.id, today());
  });
}

export default function WorkPackagesPage() {
  const { workPackages } = useLoaderData<typeof loader>();
  const t = useT();
  const canEdit = useCan("update:plan");
  return (
    <>
      <div className="d-flex justify-content-between align-items-center mb-3 flex-wrap gap-2">
        <h1 className="h2 mb-0">{t("wp.listTitle")}</h1>
        {canEdit ? (
          <Link to="/work-packages/new" className="btn btn-primary">
            {t("wp.new")}
          </Link>
        ) : null}
      </div>
      <div className="tg-card">
        <div className="table-responsive">
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("field.code")}</th>
                <th scope="col">{t("field.title")}</th>
                <th scope="col">{t("field.owner")}</th>
                <th scope="col">{t("field.startDate")}</th>
                <th scope="col">{t("field.endDate")}</th>
                <th scope="col">{t("field.gate")}</th>
                <th scope="col" style={{ width: "9rem" }}>
                  {t("field.progress")}
                </th>
                <th scope="col">{t("field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {workPackages.map((wp) => (
                <tr key={wp.id} data-testid={`wp-row-${wp.code}`}>
                  <td className="fw-semibold">
                    <Link to={`/work-packages/${wp.id}`}>{wp.code}</Link>
                  </td>
                  <td>
                    {wp.title}
                    <div className="small text-secondary">{t("wp.items", { tasks: wp.taskCount, milestones: wp.milestoneCount })}</div>
                  </td>
                  <td>{wp.owner}</td>
                  <td>
                    <DateText value={wp.startDate} />
                  </td>
                  <td>
                    <DateText value={wp.endDate} />
                  </td>
                  <td className="tg-nowrap">
                    {wp.gate.code} · <DateText value={wp.gate.dueDate} />
                  </td>
                  <td>
                    <Progress value={wp.progress} label={`${wp.code} ${t("field.progress")}`} />
                  </td>
                  <td>
                    <StateBadge state={wp.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
