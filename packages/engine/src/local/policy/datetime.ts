import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { MONTHS, numberToWords, ONES, ordinalToWords, TENS } from './words.ts';

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
  result = result
    .replace(/\b(in the morning)\b/g, 'am')
    .replace(/\b(in the afternoon|in the evening)\b/g, 'pm');
  result = result.replace(/\bmidday\b/g, 'noon');
  for (const month of MONTHS)
    result = result.replace(new RegExp(`\\bthe (\\d+\\w*) of ${month}\\b`, 'g'), `${month} $1`);
  return result.replace(/\s+/g, ' ').trim();
}

/**
 * Parses date and time from an utterance in the business's zone. An hour said without a.m./p.m. is read
 * as business hours (1–6 → afternoon). Returns only what the caller actually said.
 */
export function parseWhen(text: string, now: DateTime): WhenSlots {
  const local = now;
  // chrono works in the host's zone: give it a reference whose wall clock is the business's wall clock.
  const reference = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  const results = chrono.parse(digitizeSpokenTime(text), reference, { forwardDate: true });
  const slots: WhenSlots = {};
  for (const result of results) {
    const start = result.start;
    const dateSaid =
      start.isCertain('day') ||
      start.isCertain('weekday') ||
      /\b(today|tomorrow|tonight)\b/.test(result.text);
    if (dateSaid && slots.date === undefined) {
      const date = DateTime.fromObject(
        { year: start.get('year') ?? local.year, month: start.get('month') ?? 1, day: start.get('day') ?? 1 },
        { zone: local.zone },
      );
      slots.date = date.toISODate() ?? undefined;
    }
    if (start.isCertain('hour') && slots.time === undefined) {
      let hour = start.get('hour') ?? 0;
      const minute = start.get('minute') ?? 0;
      if (!start.isCertain('meridiem') && hour >= 1 && hour <= 6) hour += 12;
      slots.time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    }
  }
  if (slots.date === undefined) {
    // "the tenth": chrono needs a month; take the next such day from today on.
    const dayOfMonth = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/.exec(digitizeSpokenTime(text))?.[1];
    if (dayOfMonth !== undefined) {
      let date = local.startOf('day').set({ day: Number(dayOfMonth) });
      if (date < local.startOf('day')) date = date.plus({ months: 1 }).set({ day: Number(dayOfMonth) });
      if (date.isValid && date.day === Number(dayOfMonth)) slots.date = date.toISODate() ?? undefined;
    }
  }
  return slots;
}

/** "Tuesday, March 3 at 2:30 PM" — how the agent reads a time back. */
export function describeWhen(date: string, time: string, zone: string): string {
  const when = DateTime.fromISO(`${date}T${time}`, { zone });
  return when.toFormat(when.minute === 0 ? "cccc, LLLL d 'at' h a" : "cccc, LLLL d 'at' h:mm a");
}

export function describeDate(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).toFormat('cccc, LLLL d');
}
