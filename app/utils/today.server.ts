import { isIsoDate, todayInRome } from "~/domain/core/dates";

/** Cookie a test sets to run one page at another "today" (see `today`). */
export const TEST_TODAY_COOKIE = "tg_test_today";

/**
 * Today's date in Rome. TRAGUARDI_TODAY pins it (tests, demos, rehearsals of a reporting date);
 * every status computation takes this value rather than reading the clock itself.
 *
 * Only while TRAGUARDI_TODAY pins the date (never in a normal deployment, which reads the clock),
 * a page that passes its request may be run at another date by a `tg_test_today=YYYY-MM-DD`
 * cookie: the Gantt's axis spec uses it to try a today before, during and after the programme.
 */
export function today(request?: Request): string {
  const pinned = process.env.TRAGUARDI_TODAY;
  if (pinned && isIsoDate(pinned)) {
    const cookie = request?.headers.get("Cookie") ?? "";
    const override = new RegExp(`(?:^|;\\s*)${TEST_TODAY_COOKIE}=(\\d{4}-\\d{2}-\\d{2})`).exec(cookie)?.[1];
    return override && isIsoDate(override) ? override : pinned;
  }
  return todayInRome();
}
