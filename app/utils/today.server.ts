import { isIsoDate, todayInRome } from "~/domain/core/dates";

/**
 * Today's date in Rome. TRAGUARDI_TODAY pins it (tests, demos, rehearsals of a reporting date);
 * every status computation takes this value rather than reading the clock itself.
 */
export function today(): string {
  const pinned = process.env.TRAGUARDI_TODAY;
  if (pinned && isIsoDate(pinned)) return pinned;
  return todayInRome();
}
