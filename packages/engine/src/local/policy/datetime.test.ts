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

  it('returns nothing for words without a time', () => {
    expect(parseWhen('i would like a cleaning', now)).toEqual({});
  });

  it('describes a slot for the read-back', () => {
    expect(describeWhen('2026-03-03', '14:00', 'America/New_York')).toBe('Tuesday, March 3 at 2 PM');
    expect(describeWhen('2026-03-03', '14:30', 'America/New_York')).toBe('Tuesday, March 3 at 2:30 PM');
  });
});
