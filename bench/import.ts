/**
 * npm run bench:import — a 100,000-row Italian-format CSV (BOM, ';', quoted descriptions holding
 * ';', amounts like 1.234,56, dates dd/mm/yyyy) imported into a fresh copy of the demo database
 * (bench/.tmp/) through the model the import page uses: parse, validate every row, fingerprint,
 * de-duplicate, then one all-or-nothing transaction with progress callbacks. The preview step is
 * timed too. Target (issue 4): under 10 s. The last line is fixed.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase, openDatabase } from "../db/client";
import { seedDemo } from "../db/seed/index";
import { budgetLineSeeds } from "../db/seed/finance-data";

const ROWS = 100_000;
const TODAY = "2026-06-30";

const dir = path.resolve("bench/.tmp");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "import-bench.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_PATH = file;
process.env.TRAGUARDI_IMPORT_DIR = path.join(dir, "import-staging");

const db = openDatabase(file);
migrateDatabase(db);
seedDemo(db, "not-a-real-hash");
db.$client.close();

// ---------------------------------------------------------------- the file
let seed = 7;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const italian = (cents: number) => {
  const euros = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${euros},${String(cents % 100).padStart(2, "0")}`;
};
const lines = budgetLineSeeds.map((line) => line.code);
const rows = ["Data;Tipo;Linea;Importo;Fornitore;CIG;Numero documento;Descrizione"];
for (let i = 0; i < ROWS; i++) {
  const commitment = i % 5 === 0;
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const year = 2024 + Math.floor(random() * 2);
  const cents = commitment ? 5_000_000 + Math.floor(random() * 100_000) : 10_000 + Math.floor(random() * 400_000);
  rows.push(
    [
      `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`,
      commitment ? "impegno" : "pagamento",
      lines[i % lines.length],
      italian(cents),
      `Fornitore ${i % 97} S.r.l.`,
      "A01D44C9B3", // a CIG the seed registers: unregistered CIGs are refused
      `${commitment ? "DET" : "FT"}-${year}-${i}`,
      `"Canone; lotto ${i % 13} ""servizi"""`,
    ].join(";"),
  );
}
const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join("\r\n") + "\r\n", "utf8")]);
console.log(`file: ${ROWS.toLocaleString("en")} rows, ${(content.length / 1_048_576).toFixed(1)} MB`);

// ---------------------------------------------------------------- measurements
const { previewImport, runImport } = await import("../app/models/import.server");
const actor = { id: 3, name: "Marco Bassi", role: "finance" as const };
const programmeId = 1;

let started = performance.now();
const preview = previewImport(actor, programmeId, { fileName: "bench.csv", content }, TODAY);
const previewS = (performance.now() - started) / 1000;
if (preview.issueCount || preview.newCount !== ROWS) throw new Error(`Preview found ${preview.issueCount} problems, ${preview.newCount} new rows`);
console.log(`preview (parse, validate, duplicate check): ${previewS.toFixed(2)} s`);

const phases: string[] = [];
started = performance.now();
const result = await runImport(actor, programmeId, { fileName: "bench.csv", content }, TODAY, (p) => {
  if (phases.at(-1) !== p.phase) phases.push(p.phase);
});
const importS = (performance.now() - started) / 1000;
if (result.importedCount !== ROWS) throw new Error(`Imported ${result.importedCount} of ${ROWS}`);
const check = openDatabase(file);
const counted = check.$client.prepare("select count(*) from ledger_entry where import_batch_id = ?").pluck().get(result.batchId);
check.$client.close();
if (counted !== ROWS) throw new Error(`The ledger holds ${counted} rows of the batch`);
console.log(`phases: ${phases.join(" → ")}; rss ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MB; target < 10 s`);
console.log(`ledger import ${ROWS} rows: ${importS.toFixed(2)} s`);
