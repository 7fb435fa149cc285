import { DateTime } from 'luxon';

/**
 * A window of time cut where the zone's UTC offset changes (DST), so SQL can turn an epoch ms into a
 * local day or hour with integer arithmetic: local = utc + offset holds inside each segment. SQLite knows
 * no time zones; this lets `GROUP BY` bucket by the business's own days and hours in the database.
 */
export interface OffsetSegment {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  offsetMs: number;
}

const DAY_MS = 86_400_000;

function offsetAt(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).offset * 60_000;
}

/** The first ms in (low, high] whose offset differs from low's (one exists: the caller checked). */
function transitionIn(low: number, high: number, timeZone: string): number {
  const before = offsetAt(low, timeZone);
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function offsetSegments(timeZone: string, fromMs: number, toMs: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = fromMs;
  let offset = offsetAt(fromMs, timeZone);
  // Offsets change at most a few times a year: probe once a day, bisect where they differ.
  for (let probe = fromMs; probe < toMs; probe += DAY_MS) {
    const next = Math.min(probe + DAY_MS, toMs);
    if (offsetAt(next - 1, timeZone) === offset) continue;
    const change = transitionIn(probe, next - 1, timeZone);
    segments.push({ from: start, to: change, offsetMs: offset });
    start = change;
    offset = offsetAt(change, timeZone);
  }
  if (start < toMs) segments.push({ from: start, to: toMs, offsetMs: offset });
  return segments;
}

/** The ISO date of a local day number (days since 1970-01-01 in local time) computed in SQL. */
export function isoDateOfLocalDay(localDay: number): string {
  return DateTime.fromMillis(localDay * DAY_MS, { zone: 'utc' }).toISODate() ?? '';
}
