import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { safeRedirect } from "~/utils/auth.server";
import { localeCookie } from "~/utils/session.server";
import { answer } from "~/utils/responses.server";

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const formData = await request.formData();
    const locale = formData.get("locale");
    if (!isLocale(locale)) throw new Response("Bad locale", { status: 400 });
    return redirect(safeRedirect(formData.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
  });
}
