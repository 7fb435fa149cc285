import { DateTime } from 'luxon';

export interface QuietHours {
  /** Local "HH:mm": the first minute a call or text may go out. */
  allowedFrom: string;
  /** Local "HH:mm": nothing goes out from this minute on. */
  allowedUntil: string;
}

const STEP_MS = 5 * 60_000;
/** Two days: any window of at least five minutes in every zone is found within it. */
const SEARCH_MS = 48 * 3_600_000;

function minutes(clock: string): number {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return hours * 60 + mins;
}

/** Whether `atMs` is inside the allowed window in every one of `zones`. */
export function isAllowedAt(atMs: number, zones: readonly string[], hours: QuietHours): boolean {
  const from = minutes(hours.allowedFrom);
  const until = minutes(hours.allowedUntil);
  return zones.every((zone) => {
    const local = DateTime.fromMillis(atMs, { zone });
    const minute = local.hour * 60 + local.minute;
    return from <= until ? minute >= from && minute < until : minute >= from || minute < until;
  });
}

/**
 * The first instant at or after `nowMs` when a call or text may go out to a callee in `zones`, or
 * undefined when the zones' windows never overlap (a country spanning too many hours for the window).
 */
export function nextAllowedAt(
  nowMs: number,
  zones: readonly string[],
  hours: QuietHours,
): number | undefined {
  if (isAllowedAt(nowMs, zones, hours)) return nowMs;
  const first = Math.ceil(nowMs / STEP_MS) * STEP_MS;
  for (let at = first; at <= nowMs + SEARCH_MS; at += STEP_MS) {
    if (isAllowedAt(at, zones, hours)) return at;
  }
  return undefined;
}
