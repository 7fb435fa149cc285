import type { BusinessProfile } from '../profile/schema.ts';
import {
  addDays,
  dayOpening,
  earlierDate,
  laterDate,
  localDate,
  localTimeOf,
  localTimeToInstant,
} from './calendar.ts';

const MINUTE_MS = 60_000;

/** A bookable start time. */
export interface Slot {
  /** UTC epoch ms. */
  startAt: number;
  endAt: number;
  /** `endAt` plus the service buffer: what the booking will block. */
  blockedUntil: number;
  /** Local date `YYYY-MM-DD` and time `HH:mm` in the business's zone. */
  date: string;
  time: string;
}

/** A time the calendar is already busy: [startAt, blockedUntil). */
export interface BusyInterval {
  startAt: number;
  blockedUntil: number;
}

export interface ComputeSlotsInput {
  profile: Pick<BusinessProfile, 'timeZone' | 'weeklyHours' | 'closures' | 'bookingRules'>;
  service: { durationMinutes: number; bufferMinutes: number };
  busy: readonly BusyInterval[];
  /** Inclusive local dates `YYYY-MM-DD`. */
  fromDate: string;
  toDate: string;
  nowMs: number;
}

/**
 * Free start times for a service, in order. Slots start on multiples of the granularity past local
 * midnight, fit inside an opening window (breaks split windows), start no sooner than the lead time,
 * fall within the booking horizon, and their busy range [start, end + buffer) overlaps no existing
 * booking's busy range — the same rule the database trigger enforces.
 *
 * Works in local wall-clock minutes and converts each candidate to an instant, so DST changes in
 * either direction shift the UTC times, never the local ones; a local time that does not exist
 * (spring forward) is skipped.
 */
export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const { profile, service, busy, nowMs } = input;
  const { slotGranularityMinutes: step, leadTimeMinutes, horizonDays } = profile.bookingRules;
  const durationMs = service.durationMinutes * MINUTE_MS;
  const bufferMs = service.bufferMinutes * MINUTE_MS;
  const earliestStart = nowMs + leadTimeMinutes * MINUTE_MS;
  const today = localDate(profile, nowMs);
  const lastDate = addDays(today, horizonDays);
  const toDate = earlierDate(input.toDate, lastDate);
  const fromDate = laterDate(input.fromDate, today);
  const sortedBusy = [...busy].sort((a, b) => a.startAt - b.startAt);

  const slots: Slot[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const opening = dayOpening(profile, date);
    if (!opening.open) continue;
    for (const window of opening.windows) {
      const windowStart = localTimeToInstant(profile.timeZone, date, window.startMinute);
      const windowEnd = localTimeToInstant(profile.timeZone, date, window.endMinute);
      const firstMinute = Math.ceil(window.startMinute / step) * step;
      for (let minute = firstMinute; minute + service.durationMinutes <= window.endMinute; minute += step) {
        const startAt = localTimeToInstant(profile.timeZone, date, minute);
        if (startAt === undefined) continue;
        const endAt = startAt + durationMs;
        const blockedUntil = endAt + bufferMs;
        if (windowStart !== undefined && startAt < windowStart) continue;
        if (windowEnd !== undefined && endAt > windowEnd) continue;
        if (startAt < earliestStart) continue;
        if (overlapsBusy(sortedBusy, startAt, blockedUntil)) continue;
        slots.push({ startAt, endAt, blockedUntil, date, time: localTimeOf(profile, startAt) });
      }
    }
  }
  return slots;
}

function overlapsBusy(busy: readonly BusyInterval[], startAt: number, blockedUntil: number): boolean {
  return busy.some((interval) => interval.startAt < blockedUntil && interval.blockedUntil > startAt);
}
