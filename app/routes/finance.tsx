import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { FinanceNav } from "~/components/finance/finance-nav";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { requireViewer } from "~/utils/auth.server";
import { today } from "~/utils/today.server";
import financeCss from "~/styles/finance.css";
import { answer } from "~/utils/responses.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    await requireViewer(request);
    return { today: today() };
  });
}

export default function FinanceLayout() {
  const { today } = useLoaderData<typeof loader>();
  return (
    <>
      <FinanceNav today={today} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
