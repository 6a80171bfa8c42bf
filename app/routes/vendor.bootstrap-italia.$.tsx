import type { LoaderFunctionArgs } from "@remix-run/node";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { answer } from "~/utils/responses.server";

/**
 * Serves bootstrap-italia's built assets (CSS, fonts, SVG sprites) from node_modules, so its CSS
 * finds its fonts by their relative URLs without a copy step.
 */
const require = createRequire(import.meta.url);
const root = path.join(path.dirname(require.resolve("bootstrap-italia/package.json")), "dist");

const types: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".map": "application/json",
  ".png": "image/png",
};

export async function loader({ params }: LoaderFunctionArgs) {
  return answer(async () => {
    const file = path.resolve(root, params["*"] ?? "");
    const type = types[path.extname(file)];
    if (!file.startsWith(root + path.sep) || !type) throw new Response("Not found", { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=86400" } });
    } catch {
      throw new Response("Not found", { status: 404 });
    }
  });
}
