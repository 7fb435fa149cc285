import type { BusinessBrief } from '@receptionist/engine';
import { ONES, tokenize } from '@receptionist/engine/language';
import { DateTime } from 'luxon';
import { businessHourGuess, clock, type HourReader, parseWhen, type WhenSlots } from './datetime.ts';

/** What the conversation is already about when the caller names a time. */
export interface WhenContext {
  now: DateTime;
  /** The day and time asked for so far on this call. */
  date?: string | undefined;
  time?: string | undefined;
  /** The booking being moved (`YYYY-MM-DDTHH:mm`): "same time" and "next week" are relative to it. */
  reference?: string | undefined;
  openingHours?: BusinessBrief['openingHours'];
}

const HOUR_WORDS = new Map<string, number>(ONES.slice(1, 13).map((word, index) => [word, index + 1]));
/** Words after a number that make it something other than a clock hour ("four days", "two people"). */
const NOT_AN_HOUR_AFTER =
  /^(days?|weeks?|months?|years?|minutes?|hours?|people|persons?|of|th|st|nd|rd|pm|am|p|a|o'?clock)$/;
/** Lead-ins after which a lone number is a time: "make it four", "how about eleven", "at 4". */
const TIME_LEADS = new Set(['at', 'it', 'about', 'around', 'say', 'maybe', 'or', 'by', 'instead', 'then']);

/**
 * Date and time in the context of the call: what `parseWhen` reads, plus a bare hour ("eleven", "make it
 * four"), "the same time", "same time next week", "the day after", and "from Tuesday to Wednesday" (the
 * day it moves TO). An hour without a.m./p.m. is the one the business is open at on that day.
 */
export function hearWhen(text: string, context: WhenContext): WhenSlots {
  const readHour = hourReader(context);
  const normalized = tokenize(text).join(' ');
  const fromTo = /\bfrom (.+?) (?:to|till|until) (.+)$/.exec(normalized);
  let slots: WhenSlots;
  if (fromTo?.[1] !== undefined && fromTo[2] !== undefined && said(parsePart(fromTo[1], context, readHour))) {
    const target = parsePart(fromTo[2], context, readHour);
    const rest = parsePart(normalized.replace(fromTo[0], ''), context, readHour);
    slots = { date: target.date ?? rest.date, time: target.time ?? rest.time };
  } else {
    slots = parsePart(normalized, context, readHour);
  }
  const base = context.reference?.slice(0, 10) ?? context.date;
  const baseTime = context.reference?.slice(11, 16) ?? context.time;
  if (/\bsame time\b/.test(normalized) && slots.time === undefined && baseTime) slots.time = baseTime;
  if (/\bsame day\b/.test(normalized) && slots.date === undefined && base) slots.date = base;
  const day = (from: string | undefined, days: number) =>
    DateTime.fromISO(from ?? context.now.toISODate() ?? '', { zone: context.now.zone })
      .plus({ days })
      .toISODate() ?? undefined;
  const weekday = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/.test(normalized);
  if (/\bnext week\b/.test(normalized) && !weekday && (base !== undefined || /\bsame\b/.test(normalized)))
    slots.date = day(base, 7);
  if (/\b(the )?(day after|following day|next day)\b(?! tomorrow)/.test(normalized) && base !== undefined)
    slots.date = day(base, 1);
  return prune(slots);
}

function said(slots: WhenSlots): boolean {
  return slots.date !== undefined || slots.time !== undefined;
}

function prune(slots: WhenSlots): WhenSlots {
  return {
    ...(slots.date !== undefined ? { date: slots.date } : {}),
    ...(slots.time !== undefined ? { time: slots.time } : {}),
  };
}

function parsePart(text: string, context: WhenContext, readHour: HourReader): WhenSlots {
  const slots = parseWhen(text, context.now, readHour);
  if (slots.time === undefined) {
    const hour = bareHour(text);
    if (hour !== undefined) slots.time = clock(readHour(hour, slots.date ?? context.date), 0);
  }
  return prune(slots);
}

/** A lone hour: the whole reply is about it ("eleven", "four please") or it follows "make it", "at"… */
function bareHour(text: string): number | undefined {
  const tokens = tokenize(text);
  for (const [index, token] of tokens.entries()) {
    const hour = HOUR_WORDS.get(token) ?? (/^\d{1,2}$/.test(token) ? Number(token) : undefined);
    if (hour === undefined || hour < 1 || hour > 12) continue;
    const next = tokens[index + 1];
    const previous = tokens[index - 1];
    if (next !== undefined && (NOT_AN_HOUR_AFTER.test(next) || HOUR_WORDS.has(next))) continue;
    if (previous === 'the' || previous === 'in' || previous === 'for') continue;
    if (tokens.length <= 3 || (previous !== undefined && TIME_LEADS.has(previous))) return hour;
  }
  return undefined;
}

/**
 * Reads a 1–12 hour as morning or afternoon by the opening hours of the day (of any day when no date is
 * known): the one reading inside them wins; when both or neither are, the usual business-hours guess.
 */
function hourReader(context: WhenContext): HourReader {
  const hours = context.openingHours;
  if (hours === undefined) return businessHourGuess;
  return (hour, date) => {
    const day = date ?? context.date;
    const weekdays =
      day === undefined
        ? Object.keys(hours)
        : [DateTime.fromISO(day, { zone: context.now.zone }).toFormat('cccc').toLowerCase()];
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    const openAt = (hour24: number) =>
      weekdays.some((weekday) => {
        const opening = hours[weekday];
        return (
          opening != null && minutes(opening.open) <= hour24 * 60 && hour24 * 60 < minutes(opening.close)
        );
      });
    const morning = hour === 12 ? 12 : hour;
    const afternoon = hour === 12 ? 12 : hour + 12;
    if (openAt(morning) !== openAt(afternoon)) return openAt(morning) ? morning : afternoon;
    return businessHourGuess(hour, date);
  };
}
