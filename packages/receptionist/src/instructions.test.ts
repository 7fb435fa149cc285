import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import {
  BusinessProfile,
  DEMO_BUSINESS_ID,
  DEMO_PROFILE,
  loadBusinessProfile,
  seedDemoBusiness,
} from '@receptionist/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAgentInstructions, toBusinessBrief } from './instructions.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

describe('the agent built from the demo profile', () => {
  it('feeds the agent instructions and the engine brief from the profile', async () => {
    await seedDemoBusiness(database.db);
    const profile = await loadBusinessProfile(database.db, DEMO_BUSINESS_ID);
    const mondayMorning = Date.parse('2030-01-07T14:30:00Z'); // 9:30 AM in New York
    const instructions = buildAgentInstructions(profile, { nowMs: mondayMorning });
    expect(instructions).toContain('Today is Monday, January 7, 2030 (2030-01-07) and it is 9:30 AM there.');
    expect(instructions).toContain('open right now');
    const sundayNight = buildAgentInstructions(profile, { nowMs: Date.parse('2030-01-07T03:00:00Z') });
    expect(sundayNight).toContain('closed right now');
    expect(sundayNight).toContain('offer to take a message');
    expect(instructions).toContain('Bright Smile Dental');
    expect(instructions).toContain('America/New_York');
    expect(instructions).toContain('Monday to Friday 9:00 AM to 5:00 PM, closed 12:00 PM to 1:00 PM');
    expect(instructions).toContain('Front desk');
    expect(instructions).not.toContain('+15005550100'); // the model never sees a number to dial
    expect(instructions).not.toContain('move or cancel a booking only up to');
    const withWindow = { ...profile, bookingRules: { ...profile.bookingRules, cancellationWindowHours: 24 } };
    expect(buildAgentInstructions(withWindow, { nowMs: mondayMorning })).toContain(
      'Callers may move or cancel a booking only up to 24 hours before it starts',
    );
    const brief = toBusinessBrief(profile);
    expect(brief.services.map((service) => service.id)).toEqual(['cleaning', 'checkup', 'whitening']);
    expect(brief.transferDestinations).toEqual([{ id: 'front-desk', name: 'Front desk' }]);
    expect(brief.vocabulary).toEqual(
      expect.arrayContaining(['Bright', 'Smile', 'Dental', 'Whitening', 'Delta']),
    );
    // The FAQ in the business's own words, for the recogniser's language model.
    expect(brief.phrases).toEqual(expect.arrayContaining(['Where can I park?', 'Do you take insurance?']));
  });
});

describe('instructions of an outbound call', () => {
  it('add what the call is about after the general rules', () => {
    const profile = BusinessProfile.parse(DEMO_PROFILE);
    const text = buildAgentInstructions(profile, {
      nowMs: Date.UTC(2026, 2, 2, 15),
      outbound: { context: ['This is an OUTBOUND call.', 'Purpose: remind them of their booking.'] },
    });
    expect(text).toMatch(
      /This call:\n- This is an OUTBOUND call\.\n- Purpose: remind them of their booking\.$/,
    );
    expect(buildAgentInstructions(profile, { nowMs: Date.UTC(2026, 2, 2, 15) })).not.toContain('This call:');
  });
});
