import { checkDatabase } from "~/models/core/health.server";
import { answer } from "~/utils/responses.server";

/** 200 when the database answers a query, 503 otherwise. No session needed. */
export async function loader() {
  return answer(async () => {
    try {
      checkDatabase();
      return new Response("OK", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
    } catch (error) {
      console.error("healthcheck failed", error);
      return new Response("DATABASE UNAVAILABLE", { status: 503, headers: { "Content-Type": "text/plain" } });
    }
  });
}
