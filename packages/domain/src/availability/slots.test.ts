import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BusinessProfile } from '../profile/schema.ts';
import { createTestProfile } from '../testing/index.ts';
import { isOpenAt } from './calendar.ts';
import { computeSlots } from './slots.ts';

const NY = 'America/New_York';
const everyDay = { open: '09:00', close: '17:00', breaks: [{ start: '12:00', end: '13:00' }] };
const sevenDays = {
  monday: everyDay,
  tuesday: everyDay,
  wednesday: everyDay,
  thursday: everyDay,
  friday: everyDay,
  saturday: everyDay,
  sunday: everyDay,
};

function profile(overrides: Parameters<typeof createTestProfile>[0] = {}) {
  return BusinessProfile.parse(createTestProfile({ weeklyHours: sevenDays, ...overrides }));
}

function at(date: string, time: string, zone = NY): number {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
}

const hour = { durationMinutes: 60, bufferMinutes: 0 };
/** The clock for multi-day cases: well before their dates, within the horizon. */
const early = at('2026-01-01', '00:00');

function slotsFor(
  p: BusinessProfile,
  date: string,
  service = hour,
  busy: Array<{ startAt: number; blockedUntil: number }> = [],
  nowMs = at(date, '00:00') - 86_400_000,
) {
  return computeSlots({ profile: p, service, busy, fromDate: date, toDate: date, nowMs });
}

describe('computeSlots', () => {
  it('offers grid-aligned starts inside opening hours and skips the lunch break', () => {
    const times = slotsFor(profile(), '2026-01-05').map((slot) => slot.time);
    expect(times).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
      '13:00',
      '13:15',
      '13:30',
      '13:45',
      '14:00',
      '14:15',
      '14:30',
      '14:45',
      '15:00',
      '15:15',
      '15:30',
      '15:45',
      '16:00',
    ]);
  });

  it('converts local times to UTC with the offset of that very day, on both DST changes', () => {
    const p = profile();
    // 2026-03-08: clocks spring forward at 02:00 (EST -5 → EDT -4).
    const before = slotsFor(p, '2026-03-07');
    const springDay = slotsFor(p, '2026-03-08');
    expect(new Date(before[0]!.startAt).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(new Date(springDay[0]!.startAt).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(springDay.map((slot) => slot.time)).toEqual(before.map((slot) => slot.time));
    // 2026-11-01: clocks fall back at 02:00 (EDT -4 → EST -5).
    const fallDay = slotsFor(p, '2026-11-01');
    const fallBefore = slotsFor(p, '2026-10-31');
    expect(new Date(fallBefore[0]!.startAt).toISOString()).toBe('2026-10-31T13:00:00.000Z');
    expect(new Date(fallDay[0]!.startAt).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(fallDay.map((slot) => slot.time)).toEqual(fallBefore.map((slot) => slot.time));
    for (const slot of [...springDay, ...fallDay]) expect(slot.endAt - slot.startAt).toBe(3_600_000);
  });

  it('never offers a local time that does not exist, nor one twice, around the DST hour itself', () => {
    const night = { open: '00:00', close: '05:00', breaks: [] };
    const p = profile({ weeklyHours: { ...sevenDays, sunday: night } });
    const spring = slotsFor(p, '2026-03-08', { durationMinutes: 30, bufferMinutes: 0 });
    expect(spring.some((slot) => slot.time.startsWith('02:'))).toBe(false);
    expect(spring.some((slot) => slot.time === '03:00')).toBe(true);
    const fall = slotsFor(p, '2026-11-01', { durationMinutes: 30, bufferMinutes: 0 });
    const starts = fall.map((slot) => slot.startAt);
    expect(new Set(starts).size).toBe(starts.length);
    expect(new Set(fall.map((slot) => slot.time)).size).toBe(fall.length);
    for (let index = 1; index < starts.length; index += 1)
      expect(starts[index]!).toBeGreaterThan(starts[index - 1]!);
    for (const slot of fall) {
      expect(DateTime.fromMillis(slot.startAt, { zone: NY }).toFormat('HH:mm')).toBe(slot.time);
      expect(slot.endAt).toBeLessThanOrEqual(at('2026-11-01', '05:00'));
    }
  });

  it('keeps the buffer after existing bookings and after the new one free', () => {
    const p = profile();
    const existing = { startAt: at('2026-01-05', '10:00'), blockedUntil: at('2026-01-05', '11:15') };
    const buffered = { durationMinutes: 30, bufferMinutes: 15 };
    const times = slotsFor(p, '2026-01-05', buffered, [existing]).map((slot) => slot.time);
    // 09:15 + 30 min + 15 min buffer = 10:00: touches, allowed. 09:30 would block until 10:15: refused.
    expect(times).toContain('09:15');
    expect(times).not.toContain('09:30');
    expect(times).not.toContain('11:00');
    expect(times).toContain('11:15');
  });

  it('skips closures, closed weekdays and days beyond the horizon', () => {
    const p = profile({
      weeklyHours: { ...sevenDays, saturday: null },
      closures: [{ from: '2026-01-06', to: '2026-01-07', reason: 'Staff training' }],
      bookingRules: { leadTimeMinutes: 0, horizonDays: 10, slotGranularityMinutes: 60 },
    });
    const slots = computeSlots({
      profile: p,
      service: hour,
      busy: [],
      fromDate: '2026-01-05',
      toDate: '2026-01-20',
      nowMs: early,
    });
    const dates = new Set(slots.map((slot) => slot.date));
    expect(dates.has('2026-01-05')).toBe(true);
    expect(dates.has('2026-01-06')).toBe(false);
    expect(dates.has('2026-01-07')).toBe(false);
    expect(dates.has('2026-01-10')).toBe(false); // Saturday
    expect(dates.has('2026-01-11')).toBe(true); // today + 10 days is the last bookable date
    expect(dates.has('2026-01-12')).toBe(false);
  });

  it('respects the lead time and never offers the past', () => {
    const p = profile({
      bookingRules: { leadTimeMinutes: 120, horizonDays: 60, slotGranularityMinutes: 30 },
    });
    const now = at('2026-01-05', '09:40');
    const times = slotsFor(p, '2026-01-05', hour, [], now).map((slot) => slot.time);
    expect(times[0]).toBe('13:00'); // 11:40 earliest, 11:30 would run into lunch
    expect(slotsFor(p, '2026-01-04', hour, [], now)).toEqual([]);
  });

  it('uses the business time zone, not the server one', () => {
    const tokyo = profile({ timeZone: 'Asia/Tokyo' });
    const [first] = slotsFor(tokyo, '2026-01-05');
    expect(new Date(first!.startAt).toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('knows when the business is open: hours, lunch break and closures', () => {
    const p = profile({ closures: [{ from: '2026-01-06', reason: 'Inventory' }] });
    expect(isOpenAt(p, at('2026-01-05', '09:00'))).toBe(true);
    expect(isOpenAt(p, at('2026-01-05', '12:30'))).toBe(false);
    expect(isOpenAt(p, at('2026-01-05', '17:00'))).toBe(false);
    expect(isOpenAt(p, at('2026-01-06', '10:00'))).toBe(false);
  });
});
