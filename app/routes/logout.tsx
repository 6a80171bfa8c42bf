import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

export async function loader() {
  return answer(async () => {
    return redirect("/");
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    return redirect("/login", { headers: { "Set-Cookie": await signOut(request) } });
  });
}
