import { MONTHS, numberToWords, ONES, ordinalToWords, WEEKDAYS } from '../language/words.ts';

/**
 * Every way the language model lets a caller say a date or a time. A word sequence that never appears in
 * the corpus is barely recognisable (the LM backs off to unigrams), so these lists are complete rather than
 * sampled: every month × day, every hour × minute the policy (the receptionist's `offline/datetime.ts`) understands. The
 * benchmark and the tests read the same lists, so what is generated is what is measured.
 */

/** Days in each month of a leap year: February 29 is a date a caller can ask for. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export interface SpokenCalendarDate {
  month: number;
  day: number;
  /** The three ways a caller names it: "december fourth", "the fourth of december", "december the fourth". */
  forms: [string, string, string];
}

/** All 366 dates of a (leap) year with their spoken forms. */
export function spokenCalendarDates(): SpokenCalendarDate[] {
  const dates: SpokenCalendarDate[] = [];
  MONTHS.forEach((month, index) => {
    for (let day = 1; day <= (DAYS_IN_MONTH[index] ?? 31); day++) {
      const ordinal = ordinalToWords(day);
      dates.push({
        month: index + 1,
        day,
        forms: [`${month} ${ordinal}`, `the ${ordinal} of ${month}`, `${month} the ${ordinal}`],
      });
    }
  });
  return dates;
}

/** Dates named relative to today or by weekday ("next friday", "in three days", "a week from monday"). */
export function spokenRelativeDays(): string[] {
  const days = [
    'today',
    'tomorrow',
    'the day after tomorrow',
    'next week',
    'this week',
    'in a week',
    'in two weeks',
    'a week from today',
    'a week from tomorrow',
  ];
  for (let count = 2; count <= 14; count++) days.push(`in ${numberToWords(count)} days`);
  for (const weekday of WEEKDAYS) {
    days.push(
      weekday,
      `next ${weekday}`,
      `this ${weekday}`,
      `on ${weekday}`,
      `this coming ${weekday}`,
      `a week from ${weekday}`,
    );
  }
  for (let day = 1; day <= 31; day++) days.push(`the ${ordinalToWords(day)}`);
  return days;
}

/** A minute as the policy reads it after an hour: "oh five", "fifteen", "forty two". */
function spokenMinute(minute: number): string {
  return minute < 10 ? `oh ${ONES[minute]}` : numberToWords(minute);
}

/** The times callers say most: on the hour, quarters and halves, in every form. */
export function spokenRoundTimes(): string[] {
  const times: string[] = ['noon', 'midday', 'the morning', 'the afternoon', 'the evening'];
  for (let hour = 1; hour <= 12; hour++) {
    const word = numberToWords(hour);
    times.push(
      word,
      `${word} o'clock`,
      `half past ${word}`,
      `quarter past ${word}`,
      `quarter to ${word}`,
      `${word} in the morning`,
      `${word} in the afternoon`,
      `${word} in the evening`,
    );
    for (const spoken of [word, `${word} fifteen`, `${word} thirty`, `${word} forty five`]) {
      times.push(`${spoken} a m`, `${spoken} p m`);
      if (spoken !== word) times.push(spoken);
    }
  }
  return times;
}

/** Every hour and minute a caller can say (the round forms first), with and without a.m./p.m. */
export function spokenClockTimes(): string[] {
  const times = new Set(spokenRoundTimes());
  for (let hour = 1; hour <= 12; hour++) {
    for (let minute = 1; minute < 60; minute++) {
      const spoken = `${numberToWords(hour)} ${spokenMinute(minute)}`;
      times.add(spoken).add(`${spoken} a m`).add(`${spoken} p m`);
    }
  }
  return [...times];
}
