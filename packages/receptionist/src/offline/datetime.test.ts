import { numberToWords, ordinalToWords, spokenCalendarDates, WEEKDAYS } from '@receptionist/engine/language';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeWhen, digitizeSpokenTime, parseWhen } from './datetime.ts';

// Monday 2 March 2026, 10:00 in New York.
const now = DateTime.fromISO('2026-03-02T10:00', { zone: 'America/New_York' });

describe('digitizeSpokenTime', () => {
  it('turns recognizer words into digits chrono reads', () => {
    expect(digitizeSpokenTime('tuesday at two p m')).toBe('tuesday at 2 pm');
    expect(digitizeSpokenTime('two thirty p m')).toBe('2:30 pm');
    expect(digitizeSpokenTime('march third at ten a m')).toBe('march 3rd at 10 am');
    expect(digitizeSpokenTime('half past four')).toBe('4:30');
    expect(digitizeSpokenTime('the twenty first of april')).toBe('april 21st');
  });
});

describe('parseWhen', () => {
  it('reads a weekday and a time in the business zone', () => {
    expect(parseWhen('i would like to come in on tuesday at two p m', now)).toEqual({
      date: '2026-03-03',
      time: '14:00',
    });
  });

  it('reads an hour without am/pm as business hours', () => {
    expect(parseWhen('at three', now)).toEqual({ time: '15:00' });
    expect(parseWhen('at nine', now)).toEqual({ time: '09:00' });
  });

  it('reads dates alone and ordinals', () => {
    expect(parseWhen('tomorrow', now)).toEqual({ date: '2026-03-03' });
    expect(parseWhen('march fifth', now)).toEqual({ date: '2026-03-05' });
    expect(parseWhen('the tenth', now).date).toBe('2026-03-10');
  });

  it('reads a day said as a plain number after the month', () => {
    expect(parseWhen('june twenty six', now)).toEqual({ date: '2026-06-26' });
    expect(parseWhen('september the twenty four at ten a m', now)).toEqual({
      date: '2026-09-24',
      time: '10:00',
    });
    expect(parseWhen('on march nine', now)).toEqual({ date: '2026-03-09' });
    // One to twelve followed by minutes or a.m./p.m. stays a clock time.
    expect(parseWhen('may ten thirty', now)).toEqual({ time: '10:30' });
    expect(parseWhen('june thirty one', now)).toEqual({});
  });

  it('returns nothing for words without a time', () => {
    expect(parseWhen('i would like a cleaning', now)).toEqual({});
  });

  it('describes a slot for the read-back', () => {
    expect(describeWhen('2026-03-03', '14:00', 'America/New_York')).toBe('Tuesday, March 3 at 2 PM');
    expect(describeWhen('2026-03-03', '14:30', 'America/New_York')).toBe('Tuesday, March 3 at 2:30 PM');
  });
});

/**
 * "Today" at the instants where date arithmetic breaks: month ends, a leap day, the New York DST Sundays
 * (01:30, inside the hour that repeats or is skipped), and the year's turn with the holidays around it.
 */
const ZONE = 'America/New_York';
const HARD_TODAYS = [
  '2026-01-31T23:30',
  '2026-02-28T10:00',
  '2026-04-30T17:00',
  '2028-02-28T09:00',
  '2028-02-29T12:00',
  '2026-03-08T01:30',
  '2026-11-01T01:30',
  '2026-12-24T16:00',
  '2026-12-31T22:00',
  '2027-01-01T00:15',
].map((iso) => DateTime.fromISO(iso, { zone: ZONE }));

/** The first month/day on or after `today`, found by walking forward one day at a time. */
function nextOccurrence(today: DateTime, month: number, day: number): string {
  let date = today.startOf('day');
  while (date.month !== month || date.day !== day) date = date.plus({ days: 1 });
  return date.toISODate() ?? '';
}

describe('parseWhen on every date of the year', () => {
  const dates = spokenCalendarDates();

  it('covers all 366 dates of a leap year in three spoken forms', () => {
    expect(dates).toHaveLength(366);
    expect(new Set(dates.flatMap((date) => date.forms)).size).toBe(366 * 3);
  });

  it.each(HARD_TODAYS.map((today) => [today.toISO(), today] as const))(
    'reads each month and day as its next occurrence (today %s)',
    (_label, today) => {
      const wrong: string[] = [];
      for (const date of dates) {
        const expected = nextOccurrence(today, date.month, date.day);
        for (const form of date.forms) {
          const heard = parseWhen(`i would like to come in on ${form}`, today).date;
          if (heard !== expected) wrong.push(`${form} → ${heard} (expected ${expected})`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(HARD_TODAYS.map((today) => [today.toISO(), today] as const))(
    'reads "the Nth" alone as the next date with that day (today %s)',
    (_label, today) => {
      for (let day = 1; day <= 31; day++) {
        let expected = today.startOf('day');
        while (expected.day !== day) expected = expected.plus({ days: 1 });
        expect(parseWhen(`the ${ordinalToWords(day)}`, today).date).toBe(expected.toISODate());
      }
    },
  );

  it.each(HARD_TODAYS.map((today) => [today.toISO(), today] as const))(
    'reads relative days across month ends and DST changes (today %s)',
    (_label, today) => {
      const day = (offset: number): string => today.startOf('day').plus({ days: offset }).toISODate() ?? '';
      expect(parseWhen('today', today).date).toBe(day(0));
      expect(parseWhen('tomorrow', today).date).toBe(day(1));
      expect(parseWhen('the day after tomorrow', today).date).toBe(day(2));
      expect(parseWhen('in three days', today).date).toBe(day(3));
      expect(parseWhen('in fourteen days', today).date).toBe(day(14));
      expect(parseWhen('a week from today', today).date).toBe(day(7));
      expect(parseWhen('a week from tomorrow', today).date).toBe(day(8));
      for (const [index, weekday] of WEEKDAYS.entries()) {
        const ahead = (index + 1 - today.weekday + 7) % 7;
        const coming = ahead === 0 ? 7 : ahead;
        expect(parseWhen(`this coming ${weekday}`, today).date, weekday).toBe(day(coming));
        expect(parseWhen(`a week from ${weekday}`, today).date, weekday).toBe(
          day((ahead === 0 ? 0 : ahead) + 7),
        );
      }
    },
  );
});

describe('parseWhen on every clock time', () => {
  const hhmm = (hour: number, minute: number): string =>
    `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

  it('reads every hour and minute, with a.m., p.m. and without', () => {
    const wrong: string[] = [];
    for (let hour = 1; hour <= 12; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        const words =
          minute === 0
            ? numberToWords(hour)
            : `${numberToWords(hour)} ${minute < 10 ? `oh ${numberToWords(minute)}` : numberToWords(minute)}`;
        const cases: Array<[string, string]> = [
          [`at ${words} a m`, hhmm(hour % 12, minute)],
          [`at ${words} p m`, hhmm((hour % 12) + 12, minute)],
          // Without a.m./p.m. an hour is read as business hours: one to six is the afternoon.
          [`at ${words}`, hhmm(hour <= 6 ? hour + 12 : hour, minute)],
        ];
        for (const [said, expected] of cases) {
          const heard = parseWhen(said, now).time;
          if (heard !== expected) wrong.push(`${said} → ${heard} (expected ${expected})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads quarters, halves and o’clock', () => {
    expect(parseWhen('quarter to three', now).time).toBe('14:45');
    expect(parseWhen('quarter to nine', now).time).toBe('08:45');
    expect(parseWhen('quarter past ten', now).time).toBe('10:15');
    expect(parseWhen('half past eleven', now).time).toBe('11:30');
    expect(parseWhen("four o'clock", now).time).toBe('16:00');
    expect(parseWhen('nine in the morning', now).time).toBe('09:00');
    expect(parseWhen('noon', now).time).toBe('12:00');
  });
});
