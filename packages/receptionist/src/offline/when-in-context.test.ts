import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hearWhen, type WhenContext } from './when-in-context.ts';

// Monday 2 March 2026, 10:00 in New York.
const now = DateTime.fromISO('2026-03-02T10:00', { zone: 'America/New_York' });
const weekdays = { open: '08:00', close: '18:00' };
// A salon: late opening on Saturday (12:00–20:00), closed Sunday.
const openingHours = {
  monday: weekdays,
  tuesday: weekdays,
  wednesday: weekdays,
  thursday: weekdays,
  friday: weekdays,
  saturday: { open: '12:00', close: '20:00' },
  sunday: null,
};
const context = (extra: Partial<WhenContext> = {}): WhenContext => ({ now, openingHours, ...extra });

describe('hearWhen', () => {
  it('hears a bare hour in context, reading a.m./p.m. from the opening hours of that day', () => {
    expect(hearWhen('eleven', context({ date: '2026-03-03' }))).toEqual({ time: '11:00' });
    expect(hearWhen('make it four', context({ date: '2026-03-03' }))).toEqual({ time: '16:00' });
    expect(hearWhen('at 4', context())).toEqual({ time: '16:00' });
    expect(hearWhen('how about eight', context({ date: '2026-03-03' }))).toEqual({ time: '08:00' });
    // Saturday opens at noon: "seven" is the evening.
    expect(hearWhen('seven please', context({ date: '2026-03-07' }))).toEqual({ time: '19:00' });
    expect(hearWhen('saturday at seven', context())).toEqual({ date: '2026-03-07', time: '19:00' });
  });

  it('does not take counts, dates or phone digits for an hour', () => {
    expect(hearWhen('in four days', context())).toEqual({ date: '2026-03-06' });
    expect(hearWhen('the fourth', context())).toEqual({ date: '2026-03-04' });
    expect(hearWhen('five five five one two three four five six seven', context())).toEqual({});
    expect(hearWhen('i would like to book one sports massage please', context())).toEqual({});
  });

  it('keeps "the same time", also "same time next week", relative to what is discussed', () => {
    expect(hearWhen('wednesday at the same time', context({ date: '2026-03-03', time: '14:30' }))).toEqual({
      date: '2026-03-04',
      time: '14:30',
    });
    expect(hearWhen('same time next week', context({ reference: '2026-03-05T09:00' }))).toEqual({
      date: '2026-03-12',
      time: '09:00',
    });
    expect(hearWhen('the day after', context({ date: '2026-03-03' }))).toEqual({ date: '2026-03-04' });
  });

  it('takes the day and time it moves TO in "from … to …"', () => {
    expect(hearWhen('move it from tuesday to wednesday', context())).toEqual({ date: '2026-03-04' });
    expect(hearWhen('from tuesday at two to wednesday at three', context())).toEqual({
      date: '2026-03-04',
      time: '15:00',
    });
    expect(hearWhen('can you change it from two to four on thursday', context())).toEqual({
      date: '2026-03-05',
      time: '16:00',
    });
  });
});
