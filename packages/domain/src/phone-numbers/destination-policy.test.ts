import { forBusiness } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterHoursRuleOf, humanLineOf } from '../calls/routing-rules.ts';
import { tenantContext } from '../context.ts';
import { saveNotificationSettings } from '../notifications/settings.ts';
import { BusinessProfile } from '../profile/schema.ts';
import { loadBusinessProfile } from '../profile/store.ts';
import { updateBusinessProfile } from '../profile/update.ts';
import { createTestProfile, createTestReceptionistBusiness } from '../testing/index.ts';
import { destinationCountries, destinationRefusal } from './destination-policy.ts';

const US_PREMIUM = '+19002001234';
const UK_SHARED_COST = '+448712345678';
const UK_LANDLINE = '+442079460000';
const US_LANDLINE = '+12125550100';

let database: TestDatabase;
let businessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createTestReceptionistBusiness(database.db, { transferDestinations: [] })).business.id;
});

afterEach(async () => {
  await database.cleanup();
});

const staff = () => tenantContext(database.db, businessId, { kind: 'staff', userId: 'u' });
const destination = (phoneNumber: string) => ({ id: 'desk', name: 'Desk', phoneNumber });

describe('destination numbers', () => {
  it('refuses premium-rate, shared-cost and unknown types, and countries not allowed', () => {
    expect(destinationRefusal(US_PREMIUM, ['US'])).toMatch(/premium-rate/);
    expect(destinationRefusal(UK_SHARED_COST, ['GB'])).toMatch(/premium-rate|shared-cost/);
    expect(destinationRefusal('+15551234567', ['US'])).toMatch(/not a valid/);
    expect(destinationRefusal(UK_LANDLINE, ['US'])).toMatch(/outside the allowed countries/);
    expect(destinationRefusal(UK_LANDLINE, ['US', 'GB'])).toBeUndefined();
    expect(destinationRefusal(US_LANDLINE, ['US'])).toBeUndefined();
  });

  it("defaults the allowed countries to the business's own", () => {
    const base = BusinessProfile.parse(createTestProfile());
    expect(destinationCountries({ ...base, address: undefined })).toEqual(['US']);
    expect(destinationCountries({ ...base, address: { line1: 'x', city: 'London', country: 'UK' } })).toEqual(
      ['GB'],
    );
    expect(destinationCountries({ ...base, destinationCountries: ['US', 'CA'] })).toEqual(['US', 'CA']);
  });

  it('refuses them when the transfer, fallback or staff SMS number is written', async () => {
    for (const patch of [
      { transferDestinations: [destination(US_PREMIUM)] },
      { fallbackNumber: US_PREMIUM },
      { transferDestinations: [destination(UK_LANDLINE)] },
    ]) {
      await expect(updateBusinessProfile({ ctx: staff(), input: patch })).rejects.toMatchObject({
        code: 'destination_refused',
      });
    }
    await expect(
      saveNotificationSettings({ ctx: { ...staff(), nowMs: 0 }, input: { smsNumber: US_PREMIUM } }),
    ).rejects.toMatchObject({ code: 'destination_refused' });
    const allowed = await updateBusinessProfile({
      ctx: staff(),
      input: { destinationCountries: ['US', 'GB'], transferDestinations: [destination(UK_LANDLINE)] },
    });
    expect(allowed.transferDestinations[0]?.phoneNumber).toBe(UK_LANDLINE);
  });

  it('still loads a profile stored before the policy, but never dials its refused numbers', async () => {
    const stored = BusinessProfile.parse(
      createTestProfile({
        transferDestinations: [destination(US_PREMIUM)],
        fallbackNumber: US_PREMIUM,
        afterHours: { behaviour: 'transfer', transferDestinationId: 'desk' },
      }),
    );
    await forBusiness(database.db, businessId).business.update({ profile: stored });
    const loaded = await loadBusinessProfile(database.db, businessId);
    expect(loaded.fallbackNumber).toBe(US_PREMIUM);
    expect(humanLineOf(loaded)).toBeUndefined();
    expect(afterHoursRuleOf(loaded).transferTo).toBeUndefined();
    // Editing something else keeps working: only new numbers are checked on write.
    const edited = await updateBusinessProfile({ ctx: staff(), input: { greeting: 'Hello again' } });
    expect(edited.greeting).toBe('Hello again');
  });
});
