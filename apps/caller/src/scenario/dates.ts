/**
 * Resolves the relative date phrases scenario files use ("next tuesday", "tomorrow") at run time, in the
 * business's time zone, so scenarios never go stale. Spoken weekday phrases are ambiguous ("next tuesday"
 * said on a Monday is tomorrow to some people and a week later to others), so a phrase resolves to every
 * date a reasonable listener could mean: setup books all of them and expectations accept any of them.
 */
import { DateTime } from 'luxon';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** ISO dates (YYYY-MM-DD) the phrase may mean, earliest first, relative to `now` in `timeZone`. */
export function resolveDateCandidates(phrase: string, timeZone: string, now: DateTime): string[] {
  const today = now.setZone(timeZone).startOf('day');
  const text = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  const iso = (date: DateTime): string => date.toISODate() ?? '';
  if (text === 'today') return [iso(today)];
  if (text === 'tomorrow') return [iso(today.plus({ days: 1 }))];
  const inDays = /^in (\d+) days?$/.exec(text);
  if (inDays) return [iso(today.plus({ days: Number(inDays[1]) }))];
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return [text];
  const weekday = /^(next )?(\w+)$/.exec(text);
  const index = WEEKDAYS.indexOf((weekday?.[2] ?? '') as (typeof WEEKDAYS)[number]);
  if (!weekday || index < 0) throw new Error(`unknown date phrase: ${phrase}`);
  const daysAhead = (index + 1 - today.weekday + 7) % 7; // 0 when today is that weekday
  const thisOne = today.plus({ days: daysAhead });
  if (weekday[1]) {
    // "next tuesday": the coming one (never today), or the one after it.
    const coming = daysAhead === 0 ? today.plus({ days: 7 }) : thisOne;
    return [iso(coming), iso(coming.plus({ days: 7 }))];
  }
  // "tuesday": today if it is Tuesday, else the coming one.
  return daysAhead === 0 ? [iso(today), iso(today.plus({ days: 7 }))] : [iso(thisOne)];
}

/** The local date and 24-hour time of an instant in the business's time zone. */
export function localSlot(epochMs: number, timeZone: string): { date: string; time: string } {
  const local = DateTime.fromMillis(epochMs, { zone: timeZone });
  return { date: local.toISODate() ?? '', time: local.toFormat('HH:mm') };
}

/** Epoch ms of a local date + "HH:mm" in the business's time zone. */
export function slotToEpochMs(date: string, time: string, timeZone: string): number {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!local.isValid) throw new Error(`invalid slot ${date} ${time} in ${timeZone}`);
  return local.toMillis();
}
