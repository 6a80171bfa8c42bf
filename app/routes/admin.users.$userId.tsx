import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { UserForm } from "~/components/forms/user-form";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { editUserSchema } from "~/domain/users/schemas";
import { useT } from "~/i18n/use-t";
import { listUsers, updateUser } from "~/models/users/user.server";
import { requireViewerWith } from "~/utils/auth.server";
import { submitForm } from "~/utils/form-action.server";
import { toastHeaders } from "~/utils/toast.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Modifica utente · Traguardi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewerWith(request, "manage:users");
    const user = listUsers(actor).find((u) => u.id === Number(params.userId));
    if (!user) throw new Response("Not found", { status: 404 });
    return { user };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answer(async () => {
    return submitForm(request, { permission: "manage:users", schema: editUserSchema }, async (value, { viewer }) => {
      await updateUser(viewer.actor, Number(params.userId), value.version ?? 0, value);
      return redirect("/admin/users", { headers: await toastHeaders({ kind: "success", message: "toast.saved" }) });
    });
  });
}

export default function EditUserPage() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <Link to="/admin/users">← {t("users.title")}</Link>
      <h1 className="h2 my-3">
        {t("users.edit")}: {user.name}
      </h1>
      <div className="tg-card">
        <UserForm
          mode="edit"
          lastResult={actionData?.result}
          defaultValue={{ version: String(user.version), name: user.name, email: user.email, role: user.role, active: user.active ? "on" : "" }}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
