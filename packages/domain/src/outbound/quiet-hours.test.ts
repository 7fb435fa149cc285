import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calleeZones } from './callee-zone.ts';
import { isAllowedAt, nextAllowedAt } from './quiet-hours.ts';

const HOURS = { allowedFrom: '08:00', allowedUntil: '21:00' };
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('callee zones', () => {
  it("uses the customer's stored zone first", () => {
    expect(
      calleeZones({ phone: '+12125550123', customerZone: 'Europe/Paris', businessZone: 'America/New_York' }),
    ).toEqual(['Europe/Paris']);
  });

  it('reads the country and, in North America, the special area codes from the number', () => {
    expect(calleeZones({ phone: '+442071838750', businessZone: 'America/New_York' })).toEqual([
      'Europe/London',
    ]);
    expect(calleeZones({ phone: '+18085550123', businessZone: 'America/New_York' })).toEqual([
      'Pacific/Honolulu',
    ]);
    expect(calleeZones({ phone: '+12125550123', businessZone: 'Europe/London' })).toContain(
      'America/Los_Angeles',
    );
  });

  it("falls back to the business's zone for an unknown country or an unparsable number", () => {
    expect(calleeZones({ phone: '+97142000000', businessZone: 'Asia/Dubai' })).toEqual(['Asia/Dubai']);
    expect(calleeZones({ phone: 'nonsense', customerZone: 'Not/AZone', businessZone: 'Asia/Dubai' })).toEqual(
      ['Asia/Dubai'],
    );
  });
});

describe('quiet hours', () => {
  it('allows 08:00 up to but not including 21:00 local', () => {
    const zone = ['Europe/London'];
    expect(isAllowedAt(at('2030-01-07T07:59', 'Europe/London'), zone, HOURS)).toBe(false);
    expect(isAllowedAt(at('2030-01-07T08:00', 'Europe/London'), zone, HOURS)).toBe(true);
    expect(isAllowedAt(at('2030-01-07T20:59', 'Europe/London'), zone, HOURS)).toBe(true);
    expect(isAllowedAt(at('2030-01-07T21:00', 'Europe/London'), zone, HOURS)).toBe(false);
  });

  it('needs every possible zone of a callee to be inside the window (the strictest wins)', () => {
    const us = calleeZones({ phone: '+12125550123', businessZone: 'America/New_York' });
    // 10:00 in New York is 07:00 in Los Angeles: too early there.
    const tenInNewYork = at('2030-01-07T10:00', 'America/New_York');
    expect(isAllowedAt(tenInNewYork, us, HOURS)).toBe(false);
    expect(nextAllowedAt(tenInNewYork, us, HOURS)).toBe(at('2030-01-07T11:00', 'America/New_York'));
  });

  it('waits for the next morning after the window closed, across a DST change', () => {
    const zone = ['America/New_York'];
    const late = at('2030-03-09T22:30', 'America/New_York');
    expect(nextAllowedAt(late, zone, HOURS)).toBe(at('2030-03-10T08:00', 'America/New_York'));
    expect(nextAllowedAt(at('2030-03-10T09:00', 'America/New_York'), zone, HOURS)).toBe(
      at('2030-03-10T09:00', 'America/New_York'),
    );
  });

  it('says when windows never overlap', () => {
    // Three zones eight hours apart: three 13-hour windows that never all overlap.
    expect(nextAllowedAt(0, ['Etc/GMT', 'Etc/GMT-8', 'Etc/GMT+8'], HOURS)).toBeUndefined();
  });
});
