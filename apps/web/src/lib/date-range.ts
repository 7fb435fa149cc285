import { DateTime } from 'luxon';

/** `yyyy-mm-dd` in the business's zone → epoch ms of that local midnight; bad input → undefined. */
export function localDayStartMs(isoDate: string | undefined, timeZone: string): number | undefined {
  if (isoDate === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return undefined;
  const day = DateTime.fromISO(isoDate, { zone: timeZone });
  return day.isValid ? day.startOf('day').toMillis() : undefined;
}

/** The end of the given local day, exclusive (next local midnight, correct across DST changes). */
export function localDayEndMs(isoDate: string | undefined, timeZone: string): number | undefined {
  const start = localDayStartMs(isoDate, timeZone);
  if (start === undefined) return undefined;
  return DateTime.fromMillis(start, { zone: timeZone }).plus({ days: 1 }).toMillis();
}
