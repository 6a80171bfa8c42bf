import { isIsoDate, todayInRome } from "../../app/domain/core/dates";
import { schedulerActor, takeMonthEndSnapshot } from "../../app/models/snapshots/snapshot.server";

/**
 * npm run snapshot:month-end [-- --as-of YYYY-MM-DD]: the month-end snapshot that matches the
 * monthly PNRR validation. Meant for a scheduler on the last day of each month (see README);
 * running it again in the same month takes nothing. DATABASE_PATH selects the database.
 */
const flag = process.argv.indexOf("--as-of");
const asOf = flag >= 0 ? process.argv[flag + 1] : (process.env.TRAGUARDI_TODAY ?? todayInRome());
if (!asOf || !isIsoDate(asOf)) {
  console.error(`Invalid --as-of date: ${asOf ?? "(missing)"}; expected YYYY-MM-DD.`);
  process.exit(2);
}
const result = takeMonthEndSnapshot(schedulerActor, asOf);
const { snapshot } = result;
console.log(
  result.created
    ? `Month-end snapshot #${snapshot.id} "${snapshot.label}" taken as of ${snapshot.asOf}: sha256 ${snapshot.hash}, ${snapshot.sizeBytes} bytes.`
    : `Month-end snapshot for ${asOf.slice(0, 7)} already exists: #${snapshot.id} "${snapshot.label}" sha256 ${snapshot.hash}. Nothing taken.`,
);
