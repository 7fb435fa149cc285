import { MONTHS, numberToWords, ONES, ordinalToWords, TENS } from '@receptionist/engine/language';
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** What a caller said about when: a calendar date, a clock time, or both. */
export interface WhenSlots {
  /** `YYYY-MM-DD` in the business's time zone. */
  date?: string | undefined;
  /** `HH:mm` (24 h) in the business's time zone. */
  time?: string | undefined;
}

const SMALL_NUMBERS = new Map<string, number>();
for (let value = 0; value < 60; value++) SMALL_NUMBERS.set(numberToWords(value), value);
const ORDINALS = new Map<string, number>();
for (let value = 1; value <= 31; value++) ORDINALS.set(ordinalToWords(value), value);

function ordinalSuffix(value: number): string {
  if (value % 100 >= 11 && value % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
}

/**
 * Rewrites recogniser output ("two thirty p m", "march third", "half past two") into the digit forms
 * chrono understands ("2:30 pm", "march 3rd", "2:30").
 */
export function digitizeSpokenTime(text: string): string {
  let result = ` ${text.toLowerCase()} `;
  result = result.replace(/\b([ap])\s*\.?\s*m\b\.?/g, '$1m');
  // Ordinals, longest first so "twenty first" wins over "first".
  const ordinalWords = [...ORDINALS.keys()].sort((a, b) => b.length - a.length);
  for (const word of ordinalWords) {
    const value = ORDINALS.get(word)!;
    result = result.replace(new RegExp(`\\b${word}\\b`, 'g'), `${value}${ordinalSuffix(value)}`);
  }
  // "june twenty six": a day said as a plain number after a month (after the ordinals, so "june twenty
  // first" is already "june 21st"). Thirteen to thirty one cannot be a clock time, so they always count;
  // one to twelve only when nothing follows that would make them a time ("may ten thirty" stays a time).
  const cardinalDay = new RegExp(
    `\\b(${MONTHS.join('|')}) (the )?((?:twenty|thirty)(?: (?:${ONES.slice(1, 10).join('|')}))?|${ONES.slice(1, 20).join('|')})\\b(?! (?:oh|o'?clock|[ap] ?m|${TENS.slice(2, 6).join('|')}|${ONES.slice(1, 20).join('|')})\\b)`,
    'g',
  );
  result = result.replace(cardinalDay, (whole, month: string, _the, number: string) => {
    const day = SMALL_NUMBERS.get(number) ?? 0;
    return day >= 1 && day <= 31 ? `${month} ${day}${ordinalSuffix(day)}` : whole;
  });
  result = result
    .replace(/\b(in the morning)\b/g, 'am')
    .replace(/\b(in the afternoon|in the evening)\b/g, 'pm');
  const hourWord = `(${ONES.slice(1, 13).join('|')})`;
  const minuteWord = `((?:${TENS.slice(2, 6).join('|')})(?: (?:${ONES.slice(1, 10).join('|')}))?|${ONES.slice(10, 20).join('|')}|oh (?:${ONES.slice(1, 10).join('|')}))`;
  const toNumber = (words: string): number => SMALL_NUMBERS.get(words.replace(/^oh /, '')) ?? 0;
  result = result.replace(
    new RegExp(`\\bhalf past ${hourWord}\\b`, 'g'),
    (_, hour: string) => `${toNumber(hour)}:30`,
  );
  result = result.replace(
    new RegExp(`\\bquarter past ${hourWord}\\b`, 'g'),
    (_, hour: string) => `${toNumber(hour)}:15`,
  );
  result = result.replace(
    new RegExp(`\\bquarter to ${hourWord}\\b`, 'g'),
    (_, hour: string) => `${((toNumber(hour) + 10) % 12) + 1}:45`,
  );
  // "in fourteen days": chrono reads number words only up to twelve.
  result = result.replace(
    new RegExp(`\\bin ((?:${TENS.slice(2, 4).join('|')}) )?(${ONES.slice(1).join('|')}) days\\b`, 'g'),
    (_, tens: string | undefined, ones: string) => `in ${toNumber(`${tens ?? ''}${ones}`)} days`,
  );
  result = result.replace(
    new RegExp(`\\b${hourWord} ${minuteWord}\\b`, 'g'),
    (_, hour: string, minute: string) => `${toNumber(hour)}:${String(toNumber(minute)).padStart(2, '0')}`,
  );
  result = result.replace(
    new RegExp(`\\b${hourWord} o'?clock\\b`, 'g'),
    (_, hour: string) => `${toNumber(hour)}:00`,
  );
  result = result.replace(new RegExp(`\\b${hourWord}(?= ?[ap]m\\b)`, 'g'), (hour: string) =>
    String(toNumber(hour)),
  );
  result = result.replace(
    new RegExp(`\\bat ${hourWord}\\b`, 'g'),
    (_, hour: string) => `at ${toNumber(hour)}`,
  );
  result = result.replace(/\bmidday\b/g, 'noon');
  for (const month of MONTHS) {
    result = result
      .replace(new RegExp(`\\bthe (\\d+\\w*) of ${month}\\b`, 'g'), `${month} $1`)
      .replace(new RegExp(`\\b${month} the (\\d+(?:st|nd|rd|th))\\b`, 'g'), `${month} $1`);
  }
  return result.replace(/\s+/g, ' ').trim();
}

/**
 * Reads an hour said without a.m./p.m. (1–12) as a 24 h hour, knowing the date when one was said. The
 * default reads it as usual business hours: 1–6 in the afternoon, 7–12 as said.
 */
export type HourReader = (hour: number, date: string | undefined) => number;

export const businessHourGuess: HourReader = (hour) => (hour >= 1 && hour <= 6 ? hour + 12 : hour);

/**
 * Parses date and time from an utterance in the business's zone. An hour said without a.m./p.m. is read
 * by `readHour` (default: 1–6 → afternoon). Returns only what the caller actually said.
 */
export function parseWhen(text: string, now: DateTime, readHour: HourReader = businessHourGuess): WhenSlots {
  const today = now.startOf('day');
  const spoken = digitizeSpokenTime(text);
  // "a week from friday": chrono reads the weekday (or today/tomorrow); the week is added afterwards.
  const weekFrom = /\ba week from (?=\w)/.exec(spoken);
  // "this coming friday" is the next Friday, never today; chrono reads "coming" as a week later.
  const coming = /\bthis coming (?=\w)/.exec(spoken);
  const toParse = spoken.replace(/\ba week from (?=\w)/, '').replace(/\bthis coming (?=\w)/, '');
  // chrono works in the host's zone: give it a reference on the business's calendar day. Noon, because
  // chrono moves a bare weekday by the reference's time of day (a Friday said at 00:15 on a Friday was read
  // as last week's), and noon exists on every DST Sunday; only the day matters here.
  const reference = new Date(now.year, now.month - 1, now.day, 12, 0);
  const results = chrono.parse(toParse, reference, { forwardDate: true });
  const slots: WhenSlots = {};
  const uncertainHours: Array<{ hour: number; minute: number }> = [];
  for (const result of results) {
    const start = result.start;
    const dateSaid =
      start.isCertain('day') ||
      start.isCertain('weekday') ||
      /\b(today|tomorrow|tonight)\b/.test(result.text);
    if (dateSaid && slots.date === undefined) {
      const month = start.get('month') ?? 1;
      const day = start.get('day') ?? 1;
      const date =
        start.isCertain('month') && !start.isCertain('year')
          ? nextCalendarDate(today, month, day)
          : DateTime.fromObject({ year: start.get('year') ?? now.year, month, day }, { zone: now.zone });
      slots.date = date?.isValid ? (date.toISODate() ?? undefined) : undefined;
    }
    if (start.isCertain('hour') && slots.time === undefined) {
      const hour = start.get('hour') ?? 0;
      const minute = start.get('minute') ?? 0;
      if (!start.isCertain('meridiem') && hour >= 1 && hour <= 12) {
        // Read once the date is known (it may come later in the sentence): "at 7 on Saturday".
        uncertainHours.push({ hour, minute });
        slots.time = '';
        continue;
      }
      slots.time = clock(hour, minute);
    }
  }
  if (slots.date === undefined) {
    // "february 29th" in a year without one: chrono gives up on the date; the next leap year has it.
    const monthDay = new RegExp(`\\b(${MONTHS.join('|')}) (\\d{1,2})(?:st|nd|rd|th)\\b`).exec(toParse);
    if (monthDay) {
      const month = MONTHS.indexOf(monthDay[1] as (typeof MONTHS)[number]) + 1;
      slots.date = nextCalendarDate(today, month, Number(monthDay[2]))?.toISODate() ?? undefined;
    }
  }
  if (slots.date === undefined) {
    // "the tenth": chrono needs a month; take the next such day from today on.
    const dayOfMonth = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/.exec(toParse)?.[1];
    if (dayOfMonth !== undefined)
      slots.date = nextDayOfMonth(today, Number(dayOfMonth))?.toISODate() ?? undefined;
  }
  const uncertain = uncertainHours[0];
  if (uncertain !== undefined) slots.time = clock(readHour(uncertain.hour, slots.date), uncertain.minute);
  if (coming && slots.date === today.toISODate()) {
    slots.date = today.plus({ weeks: 1 }).toISODate() ?? undefined;
  }
  if (weekFrom && slots.date !== undefined) {
    slots.date = DateTime.fromISO(slots.date, { zone: now.zone }).plus({ weeks: 1 }).toISODate() ?? undefined;
  } else if (weekFrom && /\ba week from\b/.test(spoken)) {
    slots.date = today.plus({ weeks: 1 }).toISODate() ?? undefined;
  }
  return slots;
}

/** `HH:mm` from an hour and a minute. */
export function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The first `month`/`day` from today on: next year's when this year's has passed, 2028-02-29 for Feb 29. */
function nextCalendarDate(today: DateTime, month: number, day: number): DateTime | undefined {
  for (let year = today.year; year <= today.year + 4; year++) {
    const date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date;
  }
  return undefined;
}

/** The first date from today on whose day of the month is `day` ("the thirty first" skips short months). */
function nextDayOfMonth(today: DateTime, day: number): DateTime | undefined {
  for (let months = 0; months <= 12; months++) {
    const month = today.plus({ months });
    const date = DateTime.fromObject({ year: month.year, month: month.month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date;
  }
  return undefined;
}

/** "Tuesday, March 3 at 2:30 PM" — how the agent reads a time back. */
export function describeWhen(date: string, time: string, zone: string): string {
  const when = DateTime.fromISO(`${date}T${time}`, { zone });
  return when.toFormat(when.minute === 0 ? "cccc, LLLL d 'at' h a" : "cccc, LLLL d 'at' h:mm a");
}

export function describeDate(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).toFormat('cccc, LLLL d');
}
