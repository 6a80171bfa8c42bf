import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { ProcurementNav } from "~/components/procurement/procurement-nav";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { requireViewer } from "~/utils/auth.server";
import { answer } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    await requireViewer(request);
    return null;
  });
}

export default function ProcurementLayout() {
  return (
    <>
      <ProcurementNav />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
