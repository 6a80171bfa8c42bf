import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/utils/auth.server";
import { answering } from "~/utils/responses.server";

export const loader = answering(async function loader() {
  return redirect("/");
});

export const action = answering(async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await signOut(request) } });
});
