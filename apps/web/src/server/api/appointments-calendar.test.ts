import { randomBytes } from 'node:crypto';
import { createBusinessWithProfile, saveCalendarConnection, tenantContext } from '@receptionist/domain';
import { createTestProfile } from '@receptionist/domain/testing';
import { authorizationUrl, createPkcePair, exchangeCode } from '@receptionist/google-calendar';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '@receptionist/google-calendar/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppointmentHandler } from './appointments.ts';
import { API_TEST_NOW, type ApiTestBed, createApiTestBed } from './test-harness.ts';

/** The REST API's bookings re-check the connected Google calendar before they commit, as calls do. */
const zone = 'America/New_York';
const OWNER = 'owner@example.com';
const day = DateTime.fromISO(API_TEST_NOW, { zone }).plus({ weeks: 1 }).set({ weekday: 2 });
let bed: ApiTestBed;
let google: FakeGoogleCalendar;

beforeAll(async () => {
  google = await startFakeGoogleCalendar({ accountEmail: OWNER });
  const key = randomBytes(32);
  // The dashboard reads its configuration on first use (getEnv); nothing here has used it yet.
  vi.stubEnv('GOOGLE_CALENDAR_CLIENT_ID', google.clientId);
  vi.stubEnv('GOOGLE_CALENDAR_CLIENT_SECRET', google.clientSecret);
  vi.stubEnv('CALENDAR_TOKEN_KEY', key.toString('hex'));
  vi.stubEnv('GOOGLE_API_ROOT_URL', google.endpoints.apiRootUrl);
  vi.stubEnv('GOOGLE_OAUTH_AUTH_URL', google.endpoints.authUrl);
  vi.stubEnv('GOOGLE_OAUTH_TOKEN_URL', google.endpoints.tokenUrl);
  vi.stubEnv('GOOGLE_OAUTH_REVOKE_URL', google.endpoints.revokeUrl);
  bed = await createApiTestBed({
    createBusiness: async (db, name) =>
      (await createBusinessWithProfile(db, createTestProfile({ name, timeZone: zone }))).business,
  });
  const app = {
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    redirectUri: 'http://127.0.0.1/api/calendar/google/callback',
    endpoints: google.endpoints,
  };
  const pkce = createPkcePair();
  const consent = await fetch(authorizationUrl(app, { state: 's', codeChallenge: pkce.codeChallenge }), {
    redirect: 'manual',
  });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await exchangeCode(app, { code, codeVerifier: pkce.codeVerifier, nowMs: bed.now() });
  await saveCalendarConnection({
    ctx: { ...tenantContext(bed.db, bed.businessA, { kind: 'system' }), nowMs: bed.now() },
    input: {
      memberUserId: null,
      accountEmail: OWNER,
      calendars: [{ id: OWNER, summary: OWNER, primary: true }],
      tokens,
    },
    key,
  });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await google.close();
  await bed.testDb.cleanup();
});

describe('POST /api/v1/appointments with a connected Google calendar', () => {
  it('refuses a slot taken in Google since the last sync (409) and names free times', async () => {
    google.store.putEvent(OWNER, {
      id: 'dentist',
      start: { dateTime: day.set({ hour: 10 }).toUTC().toISO() ?? '' },
      end: { dateTime: day.set({ hour: 11 }).toUTC().toISO() ?? '' },
    });
    const booking = {
      service: 'checkup',
      date: day.toISODate(),
      time: '10:00',
      customerName: 'Dana Smith',
      phone: '+12025550143',
    };
    const refused = await bed.call(createAppointmentHandler, { method: 'POST', path: '/x', body: booking });
    expect(refused.status).toBe(409);
    const offered = JSON.stringify(refused.body);
    expect(offered).toMatch(/are free/);
    expect(offered).not.toMatch(/10:30/); // the same event blocks it: never offered
    expect(google.requests).toContain('POST /calendar/v3/freeBusy');
    const free = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, time: '11:00' },
    });
    expect(free.status).toBe(201);
  });
});
