import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { minutesOfDay, WEEKDAYS } from '../profile/schema.ts';

/** A stretch of one local day in minutes since local midnight, [start, end). */
export interface DayWindow {
  startMinute: number;
  endMinute: number;
}

export type DayOpening =
  | { open: true; windows: DayWindow[] }
  | { open: false; reason: 'closure' | 'weekly_closed'; note?: string | undefined };

type CalendarProfile = Pick<BusinessProfile, 'timeZone' | 'weeklyHours' | 'closures' | 'bookingRules'>;

/** The local date `YYYY-MM-DD` at an instant. */
export function localDate(profile: Pick<BusinessProfile, 'timeZone'>, atMs: number): string {
  return DateTime.fromMillis(atMs, { zone: profile.timeZone }).toISODate()!;
}

/** The earlier of two `YYYY-MM-DD` dates (they sort as strings). */
export function earlierDate(a: string, b: string): string {
  if (a <= b) return a;
  return b;
}

export function laterDate(a: string, b: string): string {
  if (a >= b) return a;
  return b;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/**
 * The instant of a local wall-clock time, or undefined when that time does not exist that day (the hour
 * skipped when clocks spring forward). In the repeated hour when clocks fall back, luxon picks one
 * occurrence; slots use whichever it picks, so a local time is never offered twice.
 */
export function localTimeToInstant(timeZone: string, date: string, minute: number): number | undefined {
  const [year, month, day] = date.split('-').map(Number);
  const hour = Math.floor(minute / 60);
  const minuteOfHour = minute % 60;
  const dateTime = DateTime.fromObject({ year, month, day, hour, minute: minuteOfHour }, { zone: timeZone });
  if (!dateTime.isValid || dateTime.hour !== hour || dateTime.minute !== minuteOfHour) return undefined;
  return dateTime.toMillis();
}

/** The opening windows of one local date: weekly hours minus breaks, or why it is closed. */
export function dayOpening(profile: CalendarProfile, date: string): DayOpening {
  const closure = profile.closures.find((entry) => entry.from <= date && date <= (entry.to ?? entry.from));
  if (closure !== undefined) return { open: false, reason: 'closure', note: closure.reason };
  const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]!;
  const hours = profile.weeklyHours[weekday];
  if (hours === null) return { open: false, reason: 'weekly_closed' };
  const breaks = [...hours.breaks]
    .map((range) => ({ startMinute: minutesOfDay(range.start), endMinute: minutesOfDay(range.end) }))
    .sort((a, b) => a.startMinute - b.startMinute);
  const windows: DayWindow[] = [];
  let cursor = minutesOfDay(hours.open);
  const close = minutesOfDay(hours.close);
  for (const range of breaks) {
    if (range.startMinute > cursor)
      windows.push({ startMinute: cursor, endMinute: Math.min(range.startMinute, close) });
    cursor = Math.max(cursor, range.endMinute);
  }
  if (cursor < close) windows.push({ startMinute: cursor, endMinute: close });
  return { open: true, windows };
}

/** Whether the business is open at an instant (weekly hours, breaks and closures). */
export function isOpenAt(profile: CalendarProfile, atMs: number): boolean {
  const local = DateTime.fromMillis(atMs, { zone: profile.timeZone });
  const opening = dayOpening(profile, local.toISODate()!);
  if (!opening.open) return false;
  const minute = local.hour * 60 + local.minute;
  return opening.windows.some((window) => minute >= window.startMinute && minute < window.endMinute);
}

/** Rejects dates a caller cannot book: unreal, past, or beyond the booking horizon. */
export function assertBookableDate(profile: CalendarProfile, date: string, nowMs: number): void {
  const parsed = DateTime.fromISO(date, { zone: profile.timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsed.isValid) {
    throw new DomainError('invalid_date', `I couldn't understand the date ${date}.`);
  }
  const today = localDate(profile, nowMs);
  if (date < today) {
    throw new DomainError('in_past', `${formatDate(profile, date)} has already passed.`, {
      details: { today },
    });
  }
  const lastDate = addDays(today, profile.bookingRules.horizonDays);
  if (date > lastDate) {
    throw new DomainError(
      'too_far_ahead',
      `We only book up to ${profile.bookingRules.horizonDays} days ahead, so the latest date I can offer is ${formatDate(profile, lastDate)}.`,
      { details: { lastDate } },
    );
  }
}

/** "Tuesday, March 10". */
export function formatDate(profile: Pick<BusinessProfile, 'timeZone'>, date: string): string {
  return DateTime.fromISO(date, { zone: profile.timeZone }).toFormat('cccc, LLLL d');
}

/** "9:30 AM" in the business's time zone. */
export function formatTime(profile: Pick<BusinessProfile, 'timeZone'>, atMs: number): string {
  return DateTime.fromMillis(atMs, { zone: profile.timeZone }).toFormat('h:mm a');
}

/** `HH:mm` local time of an instant. */
export function localTimeOf(profile: Pick<BusinessProfile, 'timeZone'>, atMs: number): string {
  return DateTime.fromMillis(atMs, { zone: profile.timeZone }).toFormat('HH:mm');
}
