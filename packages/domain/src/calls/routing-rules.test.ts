import { describe, expect, it } from 'vitest';
import { BusinessProfile } from '../profile/schema.ts';
import { DEMO_PROFILE } from '../seed.ts';
import { afterHoursHandling, afterHoursRuleOf, humanLineOf } from './routing-rules.ts';

const profile = (overrides: Record<string, unknown> = {}) =>
  BusinessProfile.parse({ ...DEMO_PROFILE, ...overrides });
const frontDesk = { id: 'front', name: 'Front desk', phoneNumber: '+12125550100' };
const manager = { id: 'manager', name: 'Manager', phoneNumber: '+12125550101' };

describe('humanLineOf', () => {
  it('prefers the fallback number, named after the destination that has it', () => {
    const line = humanLineOf(
      profile({ transferDestinations: [frontDesk, manager], fallbackNumber: manager.phoneNumber }),
    );
    expect(line).toEqual({ name: 'Manager', phoneNumber: manager.phoneNumber });
    expect(humanLineOf(profile({ transferDestinations: [], fallbackNumber: '+12125550199' }))?.name).toBe(
      'our team',
    );
  });

  it('falls back to the first transfer destination, or nobody', () => {
    expect(
      humanLineOf(profile({ transferDestinations: [frontDesk, manager], fallbackNumber: undefined })),
    ).toEqual({ name: 'Front desk', phoneNumber: frontDesk.phoneNumber });
    expect(humanLineOf(profile({ transferDestinations: [], fallbackNumber: undefined }))).toBeUndefined();
  });
});

describe('afterHoursHandling', () => {
  const humanLine = { name: 'Front desk', phoneNumber: frontDesk.phoneNumber };

  it('answers while open, and when closed calls are for taking messages', () => {
    const transfer = { behaviour: 'transfer' as const };
    expect(afterHoursHandling({ openNow: true, afterHours: transfer, humanLine })).toEqual({
      kind: 'answer',
    });
    expect(
      afterHoursHandling({ openNow: false, afterHours: { behaviour: 'take_message' }, humanLine }),
    ).toEqual({ kind: 'answer' });
  });

  it('dials the after-hours destination, else the human line, else takes a voicemail', () => {
    const rule = afterHoursRuleOf(
      profile({
        transferDestinations: [frontDesk, manager],
        afterHours: { behaviour: 'transfer', transferDestinationId: 'manager' },
      }),
    );
    expect(afterHoursHandling({ openNow: false, afterHours: rule, humanLine })).toEqual({
      kind: 'dial',
      phoneNumber: manager.phoneNumber,
    });
    expect(afterHoursHandling({ openNow: false, afterHours: { behaviour: 'transfer' }, humanLine })).toEqual({
      kind: 'dial',
      phoneNumber: humanLine.phoneNumber,
    });
    expect(
      afterHoursHandling({ openNow: false, afterHours: { behaviour: 'transfer' }, humanLine: undefined }),
    ).toEqual({ kind: 'voicemail' });
    expect(afterHoursHandling({ openNow: false, afterHours: { behaviour: 'voicemail' }, humanLine })).toEqual(
      {
        kind: 'voicemail',
      },
    );
  });
});
