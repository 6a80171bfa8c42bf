import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { UserForm } from "~/components/forms/user-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { newUserSchema } from "~/domain/users/schemas";
import { useT } from "~/i18n/use-t";
import { createUser, listUsers } from "~/models/users/user.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Utenti · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "manage:users");
    return { users: listUsers(actor) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "manage:users", schema: newUserSchema }, async (value, { viewer }) => {
      await createUser(viewer.actor, value);
      return redirect("/admin/users", { headers: await toastHeaders({ kind: "success", message: "toast.created" }) });
    });
  });
}

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1 className="h2">{t("users.title")}</h1>
      <div className="tg-card mb-4">
        <div className="table-responsive">
          <table className="table tg-table mb-0">
            <thead>
              <tr>
                <th scope="col">{t("field.name")}</th>
                <th scope="col">{t("field.email")}</th>
                <th scope="col">{t("field.role")}</th>
                <th scope="col">{t("field.active")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("action.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{t(`role.${user.role}`)}</td>
                  <td>{user.active ? t("common.yes") : t("common.no")}</td>
                  <td>
                    <Link to={`/admin/users/${user.id}`} aria-label={`${t("users.edit")} ${user.email}`}>
                      {t("action.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <section className="tg-card" aria-labelledby="new-user">
        <h2 className="h4" id="new-user">
          {t("users.new")}
        </h2>
        <UserForm mode="create" lastResult={actionData?.result} defaultValue={{ role: "auditor", active: "on" }} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
