import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localSlot, resolveDateCandidates, slotToEpochMs } from './dates.ts';

const zone = 'America/New_York';
// Tuesday 24 November 2026, 10:00 in New York.
const tuesday = DateTime.fromISO('2026-11-24T10:00', { zone });

describe('resolveDateCandidates', () => {
  it('resolves fixed phrases', () => {
    expect(resolveDateCandidates('today', zone, tuesday)).toEqual(['2026-11-24']);
    expect(resolveDateCandidates('Tomorrow', zone, tuesday)).toEqual(['2026-11-25']);
    expect(resolveDateCandidates('in 3 days', zone, tuesday)).toEqual(['2026-11-27']);
    expect(resolveDateCandidates('2027-01-05', zone, tuesday)).toEqual(['2027-01-05']);
  });

  it('gives both readings of a weekday phrase', () => {
    expect(resolveDateCandidates('thursday', zone, tuesday)).toEqual(['2026-11-26']);
    expect(resolveDateCandidates('next thursday', zone, tuesday)).toEqual(['2026-11-26', '2026-12-03']);
    expect(resolveDateCandidates('tuesday', zone, tuesday)).toEqual(['2026-11-24', '2026-12-01']);
    expect(resolveDateCandidates('next tuesday', zone, tuesday)).toEqual(['2026-12-01', '2026-12-08']);
    expect(resolveDateCandidates('monday', zone, tuesday)).toEqual(['2026-11-30']);
  });

  it('uses the business time zone, not the machine one', () => {
    const lateInUtc = DateTime.fromISO('2026-11-25T02:00', { zone: 'UTC' }); // still the 24th in New York
    expect(resolveDateCandidates('tomorrow', zone, lateInUtc)).toEqual(['2026-11-25']);
  });

  it('rejects unknown phrases', () => {
    expect(() => resolveDateCandidates('someday', zone, tuesday)).toThrow(/unknown date phrase/);
  });
});

describe('slots', () => {
  it('round-trips a local slot through epoch ms', () => {
    const epochMs = slotToEpochMs('2026-12-01', '14:00', zone);
    expect(localSlot(epochMs, zone)).toEqual({ date: '2026-12-01', time: '14:00' });
  });
});
