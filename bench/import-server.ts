/**
 * The "server" of npm run bench:import, in a process of its own so that its RSS is the server's
 * and not the benchmark's (the generator's 100,000 strings, the writer, the seed). It loads the
 * import models as a worker has them loaded, then does what the import page does:
 *  1. the upload: the file arrives as one Buffer (Remix's multipart parser hands the route a File),
 *     previewImport stages it on disk and scans it; the Buffer is dropped with the request;
 *  2. "Importa": startImport(token) runs the job from the staged file; the page polls its state.
 * Its RSS is sampled from outside by the parent (/proc/<pid>/status), so a long synchronous step
 * (the publish) cannot hide a peak from the sampler.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";

const { previewImport, startImport, getImportJob } = await import("../app/models/finance/ledger-import.server");
const { getDb } = await import("../app/models/core/db.server");
getDb();

const actor = { id: 3, name: "Marco Bassi", role: "finance" as const };
const programmeId = 1;
const today = process.env.BENCH_TODAY!;
const send = (message: object) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const next = () => new Promise<string>((resolve) => process.once("message", (message) => resolve(String(message))));

await send({ step: "loaded" });
await next(); // "upload"
let started = performance.now();
let content: Buffer | null = fs.readFileSync(process.env.BENCH_FILE!);
const preview = await previewImport(actor, programmeId, { fileName: "bench.csv", content }, today);
content = null;
const previewS = (performance.now() - started) / 1000;
const { token, issueCount, newCount, reversalCount, issues } = preview;
await send({ step: "previewed", previewS, issueCount, newCount, reversalCount, issues: issues.slice(0, 3) });

await next(); // "import"
started = performance.now();
const jobId = startImport(actor, programmeId, { token, fileName: "bench.csv", confirmation: { confirmed: true, reason: "Benchmark" } }, today);
let job = getImportJob(actor, jobId);
while (job.progress.phase !== "done" && job.progress.phase !== "failed") {
  await new Promise((resolve) => setTimeout(resolve, 50));
  job = getImportJob(actor, jobId);
}
const importS = (performance.now() - started) / 1000;
await send({ step: "imported", importS, phase: job.progress.phase, result: job.result, error: job.error });
await next(); // "exit"
process.exit(0);
