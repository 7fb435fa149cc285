import { type BusinessProfile, dayOpening, formatDate } from '@receptionist/domain';
import { DateTime } from 'luxon';

/**
 * Why nobody can come on a date the business is closed: "We're closed on Sundays." for a weekly closed
 * day, "We're closed on Thursday, December 24 for Christmas Eve." for a closure. Undefined when open.
 */
export function closedNotice(profile: BusinessProfile, date: string): string | undefined {
  const opening = dayOpening(profile, date);
  if (opening.open) return undefined;
  if (opening.reason === 'weekly_closed') {
    const weekday = DateTime.fromISO(date, { zone: profile.timeZone }).toFormat('cccc');
    return `We're closed on ${weekday}s.`;
  }
  const note = opening.note?.trim();
  return `We're closed on ${formatDate(profile, date)}${note ? ` for ${note}` : ''}.`;
}
