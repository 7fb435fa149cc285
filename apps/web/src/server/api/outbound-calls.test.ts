import { bookAppointment, createBusinessWithProfile, loadDomainContext } from '@receptionist/domain';
import { createTestProfile, tenantFixture } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundCallHandler } from './outbound-calls.ts';
import { type ApiTestBed, createApiTestBed } from './test-harness.ts';
import { addToWaitlistHandler } from './waitlist.ts';

let bed: ApiTestBed;

beforeAll(async () => {
  bed = await createApiTestBed({
    createBusiness: async (db, name) =>
      (await createBusinessWithProfile(db, createTestProfile({ name, timeZone: 'America/New_York' })))
        .business,
  });
  await tenantFixture(bed.db, bed.businessA).phoneNumbers.add('+12025550100');
  await tenantFixture(bed.db, bed.businessB).phoneNumbers.add('+12025550200');
});

afterAll(async () => {
  await bed.testDb.cleanup();
});

const post = (body: unknown, key?: string) =>
  bed.call(createOutboundCallHandler, {
    method: 'POST',
    path: '/api/v1/calls/outbound',
    body,
    ...(key ? { key } : {}),
  });

describe('POST /api/v1/calls/outbound', () => {
  it('answers 202 with the call id; the call is queued as an outbound call with the business as caller ID', async () => {
    // 10:00 in New York is 07:00 in California: the US number waits for everyone's 08:00.
    const response = await post({ to: '+12025550101', purpose: 'custom', note: 'Your glasses are ready.' });
    expect(response.status).toBe(202);
    const data = response.body.data as { callId: string; scheduledFor: string };
    expect(data.scheduledFor).toBe('2026-03-02T16:00:00.000Z');
    const call = await tenantFixture(bed.db, bed.businessA).calls.get(data.callId);
    expect(call).toMatchObject({
      direction: 'outbound',
      status: 'queued',
      fromNumber: '+12025550100',
      toNumber: '+12025550101',
    });
  });

  it('takes an appointment to remind of, and refuses one of another business', async () => {
    const ctx = await loadDomainContext(bed.db, bed.businessA, {
      actor: { kind: 'system' },
      nowMs: bed.now(),
    });
    const booked = await bookAppointment({
      ctx,
      input: {
        service: 'cleaning',
        date: '2026-03-03',
        time: '10:00',
        customerName: 'Dana Reed',
        phone: '+12025550101',
      },
    });
    const ok = await post({ to: '+12025550101', purpose: 'reminder', appointmentId: booked.appointment.id });
    expect(ok.status).toBe(202);
    const foreign = await post(
      { to: '+12025550101', purpose: 'reminder', appointmentId: booked.appointment.id },
      bed.keyB,
    );
    expect(foreign.status).toBe(404);
  });

  it('refuses bad input (400), an invalid number and a do-not-contact number (422), a missing key (401)', async () => {
    expect((await post({ to: '+12025550101', purpose: 'sales' })).status).toBe(400);
    const invalid = await post({ to: '555', purpose: 'custom' });
    expect(invalid).toMatchObject({ status: 422, body: { error: { details: { reason: 'invalid_phone' } } } });
    await tenantFixture(bed.db, bed.businessA).outbound.addDoNotContact('+12025550199');
    const blocked = await post({ to: '+12025550199', purpose: 'custom' });
    expect(blocked).toMatchObject({
      status: 422,
      body: { error: { details: { reason: 'do_not_contact' } } },
    });
    const unauthenticated = await bed.call(createOutboundCallHandler, {
      method: 'POST',
      path: '/api/v1/calls/outbound',
      key: null,
      body: { to: '+12025550101', purpose: 'custom' },
    });
    expect(unauthenticated.status).toBe(401);
  });
});

describe('POST /api/v1/waitlist', () => {
  it('puts a person on the waitlist of a service (201); an unknown service is 422', async () => {
    const added = await bed.call(addToWaitlistHandler, {
      method: 'POST',
      path: '/api/v1/waitlist',
      body: { phone: '(202) 555-0161', name: 'Ann Lee', service: 'Cleaning' },
    });
    expect(added).toMatchObject({
      status: 201,
      body: { data: { phone: '+12025550161', serviceId: 'cleaning', status: 'waiting' } },
    });
    const unknown = await bed.call(addToWaitlistHandler, {
      method: 'POST',
      path: '/api/v1/waitlist',
      body: { phone: '+12025550161', service: 'Haircut' },
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { error: { details: { reason: 'unknown_service' } } },
    });
  });
});
