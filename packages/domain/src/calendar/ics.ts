import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/** One appointment as a calendar entry. */
export interface IcsEntry {
  appointmentId: string;
  startAt: number;
  endAt: number;
  summary: string;
  description?: string | undefined;
  cancelled?: boolean | undefined;
  /** Bumped on every change so calendar apps replace their copy (RFC 5545 SEQUENCE). */
  sequence?: number | undefined;
}

/**
 * An RFC 5545 calendar of appointments in the business's time zone: DTSTART/DTEND carry TZID and the
 * VTIMEZONE block for that zone is included, so clients show the right local time across DST changes.
 * UIDs are stable per appointment (`<appointment id>@<domain>`), so a subscribed feed updates in place
 * and an emailed invitation for a move or cancellation replaces the earlier one.
 */
export function buildIcs(input: {
  name: string;
  timeZone: string;
  entries: readonly IcsEntry[];
  /** The instant written as DTSTAMP (the caller's clock: tests pin it). */
  nowMs: number;
  /** REQUEST/CANCEL for an emailed invitation; none for a subscribed feed. */
  method?: 'request' | 'cancel' | undefined;
  uidDomain?: string | undefined;
}): string {
  // A TZID needs its VTIMEZONE (RFC 5545 3.2.19); for a zone the table lacks, times are written in UTC.
  const vtimezone = getVtimezoneComponent(input.timeZone);
  const zone = vtimezone === null ? undefined : input.timeZone;
  const calendar = ical({
    name: input.name,
    prodId: { company: 'AI Receptionist', product: 'appointments', language: 'EN' },
    ...(zone === undefined ? {} : { timezone: { name: zone, generator: () => vtimezone } }),
    ...(input.method === undefined
      ? {}
      : { method: input.method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST }),
  });
  for (const entry of input.entries) {
    calendar.createEvent({
      id: `${entry.appointmentId}@${input.uidDomain ?? 'receptionist.local'}`,
      // luxon values, not Dates: ical-generator formats a native Date's UTC fields under the TZID.
      start: DateTime.fromMillis(entry.startAt, { zone: zone ?? 'utc' }),
      end: DateTime.fromMillis(entry.endAt, { zone: zone ?? 'utc' }),
      timezone: zone ?? null,
      stamp: DateTime.fromMillis(input.nowMs, { zone: 'utc' }),
      summary: entry.summary,
      description: entry.description ?? null,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: entry.sequence ?? 0,
    });
  }
  // RFC 5545 3.8.7.2: DTSTAMP must be UTC; with a calendar time zone ical-generator writes it floating.
  const stamp = DateTime.fromMillis(input.nowMs, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return calendar.toString().replace(/^DTSTAMP:[^\r\n]*/gm, `DTSTAMP:${stamp}`);
}
