/**
 * The time the business runs on. Everything that stamps or compares a date (records, history,
 * review schedules, "not in the future", "days in review") reads it from an injected clock, so a
 * test states the day it lives on and no result depends on the machine's date or time zone.
 */
export type Clock = () => Date;

/** The machine's clock: the default outside tests. */
export const systemClock: Clock = () => new Date();

/** The furthest time zone ahead of UTC (Line Islands, UTC+14). */
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * The calendar date (YYYY-MM-DD) that has begun somewhere on Earth at `now`. A date typed by
 * a person anywhere is "not in the future" when it is on or before it: the service does not know
 * where the signer was, and must not refuse "today" to a partner east of UTC.
 */
export function latestCalendarDate(now: Date): string {
  return new Date(now.getTime() + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}
