import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../errors.ts';
import { createTestProfile } from '../testing/index.ts';
import { aiDisclosure } from './describe.ts';
import { BusinessProfile } from './schema.ts';
import { parseBusinessProfile } from './store.ts';

const nine = { open: '09:00', close: '17:00', breaks: [] };

describe('BusinessProfile', () => {
  it('fills defaults: call limits, booking rules, languages, after-hours behaviour', () => {
    const profile = BusinessProfile.parse({
      name: 'Corner Salon',
      timeZone: 'America/Chicago',
      weeklyHours: { tuesday: nine },
      greeting: 'Corner Salon, how can I help?',
    });
    expect(profile.callLimits).toEqual({
      maxCallMs: 900_000,
      silenceTimeoutMs: 10_000,
      silenceHangupMs: 15_000,
    });
    expect(profile.bookingRules).toEqual({
      leadTimeMinutes: 60,
      horizonDays: 60,
      slotGranularityMinutes: 15,
      cancellationWindowHours: 0,
    });
    expect(profile.weeklyHours.monday).toBeNull();
    expect(profile.afterHours.behaviour).toBe('take_message');
    expect(profile.languages).toEqual(['en-US']);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /IANA/],
    [
      'a non-E.164 transfer number',
      { transferDestinations: [{ id: 'desk', name: 'Desk', phoneNumber: '555-0100' }] },
      /E\.164/,
    ],
    [
      'a break outside hours',
      {
        weeklyHours: {
          monday: { open: '09:00', close: '17:00', breaks: [{ start: '08:00', end: '10:00' }] },
        },
      },
      /breaks/,
    ],
    [
      'closing before opening',
      { weeklyHours: { monday: { open: '17:00', close: '09:00', breaks: [] } } },
      /closing/,
    ],
    ['a bad local time', { weeklyHours: { monday: { open: '9am', close: '17:00', breaks: [] } } }, /HH:mm/],
    ['an unreal closure date', { closures: [{ from: '2030-02-30' }] }, /calendar date/],
    [
      'duplicate service ids',
      {
        services: [
          { id: 'a', name: 'A', durationMinutes: 30 },
          { id: 'a', name: 'B', durationMinutes: 30 },
        ],
      },
      /duplicate service/,
    ],
    [
      'an after-hours transfer to nowhere',
      { afterHours: { behaviour: 'transfer', transferDestinationId: 'ghost' } },
      /after-hours/,
    ],
  ])('rejects %s, naming the problem', (_label, override, pattern) => {
    expect(() => parseBusinessProfile({ ...createTestProfile(), ...override })).toThrow(InvalidProfileError);
    expect(() => parseBusinessProfile({ ...createTestProfile(), ...override })).toThrow(pattern);
  });

  it('normalises E.164 numbers', () => {
    const profile = parseBusinessProfile({ ...createTestProfile(), fallbackNumber: '+15005550100' });
    expect(profile.fallbackNumber).toBe('+15005550100');
  });
});

describe('the AI disclosure', () => {
  it('is always spoken: a blank one is replaced by the plain default, an own one is kept', () => {
    const profile = (aiDisclosure?: string) =>
      parseBusinessProfile({ ...createTestProfile(), name: 'Bright Smile Dental', aiDisclosure });
    const plain = "I'm an AI assistant for Bright Smile Dental.";
    expect(aiDisclosure(profile(undefined))).toBe(plain);
    expect(aiDisclosure(profile(''))).toBe(plain);
    expect(aiDisclosure(profile('   '))).toBe(plain);
    expect(aiDisclosure(profile(' You are speaking with an automated assistant. '))).toBe(
      'You are speaking with an automated assistant.',
    );
  });
});
