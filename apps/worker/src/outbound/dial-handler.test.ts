import { forBusiness, type TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { type ClaimedJob, loadDomainContext, requestOutboundCall } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeTwilioRestServer, fakeSid } from '@receptionist/telephony/testing';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError } from '../errors.ts';
import { outboundDialHandler } from './dial-handler.ts';
import { createTwilioCallPlacer } from './twilio-calls.ts';

const ACCOUNT = fakeSid('AC');
const PUBLIC_URL = 'https://voice.example.test';
const BUSINESS_NUMBER = '+12025550100';
const NOW = DateTime.fromISO('2030-01-07T14:00', { zone: 'America/New_York' }).toMillis();

let database: TestDatabase;
let twilio: FakeTwilioRestServer;
let tenant: TenantDb;
let businessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createTestReceptionistBusiness(database.db)).business.id;
  tenant = forBusiness(database.db, businessId);
  await tenant.phoneNumbers.add(BUSINESS_NUMBER);
  twilio = await FakeTwilioRestServer.start();
});

afterEach(async () => {
  await twilio.close();
  await database.cleanup();
});

const handler = () =>
  outboundDialHandler(
    createTwilioCallPlacer({
      accountSid: ACCOUNT,
      authToken: 'token-0123',
      apiBaseUrl: twilio.url,
      publicUrl: PUBLIC_URL,
    }),
  );

async function request(to = '+12025550101') {
  const ctx = await loadDomainContext(database.db, businessId, { actor: { kind: 'system' }, nowMs: NOW });
  return requestOutboundCall({ ctx, input: { to, purpose: 'custom', note: 'Your glasses are ready.' } });
}

function run(dial: ReturnType<typeof outboundDialHandler>, outboundId: string, attempt = 0) {
  return dial({
    job: { id: 'job_1', businessId } as ClaimedJob,
    payload: { outboundId, attempt },
    db: database.db,
    now: () => NOW,
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  });
}

describe('outbound.dial against the fake Twilio REST API (the real twilio client)', () => {
  it('creates the call with our TwiML URL, status callbacks and async AMD, once per attempt', async () => {
    const { outboundId, callId } = await request();
    const dial = handler();
    await run(dial, outboundId);
    // The same job again (a worker restart after Twilio answered): no second call.
    await run(dial, outboundId);
    expect(twilio.createdCalls).toHaveLength(1);
    const [created] = twilio.createdCalls;
    expect(created?.username).toBe(ACCOUNT);
    expect(created?.params).toMatchObject({
      To: '+12025550101',
      From: BUSINESS_NUMBER,
      Url: `${PUBLIC_URL}/twilio/outbound/answer?callId=${callId}`,
      StatusCallback: `${PUBLIC_URL}/twilio/outbound/status?callId=${callId}`,
      AsyncAmdStatusCallback: `${PUBLIC_URL}/twilio/outbound/amd?callId=${callId}`,
      MachineDetection: 'DetectMessageEnd',
      AsyncAmd: 'true',
      Timeout: '25',
    });
    expect(await tenant.calls.get(callId)).toMatchObject({ status: 'ringing', twilioCallSid: created?.sid });
  });

  it('a number outside the geographic permissions (21215) fails the call without retrying', async () => {
    twilio.callsBehaviour.blockedPrefixes.push('+44');
    const { outboundId, callId } = await request('+442071838750');
    await run(handler(), outboundId);
    expect(await tenant.calls.get(callId)).toMatchObject({
      status: 'failed',
      endReason: 'outbound_twilio_21215',
    });
    // No retry: the only dial job is the first one (run by hand here).
    const dials = (await tenant.jobs.list()).filter((job) => job.kind === 'outbound.dial');
    expect(dials.map((job) => job.payload)).toEqual([{ outboundId, attempt: 0 }]);
    expect((await tenant.outbound.get(outboundId))?.status).toBe('failed');
  });

  it('a caller ID Twilio does not know (21210) fails the call', async () => {
    twilio.callsBehaviour.ownedNumbers.add('+12025550199');
    const { outboundId, callId } = await request();
    await run(handler(), outboundId);
    expect(await tenant.calls.get(callId)).toMatchObject({
      status: 'failed',
      endReason: 'outbound_twilio_21210',
    });
  });

  it("Twilio's rate limit (429, 20429) and its errors queue the next attempt after the policy's delay", async () => {
    twilio.callsBehaviour.rateLimitNext = 1;
    const { outboundId, callId } = await request();
    await run(handler(), outboundId);
    expect(await tenant.outbound.get(outboundId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await tenant.calls.get(callId))?.endedAt).toBeNull();
    const [next] = (await tenant.jobs.list({ status: 'queued' })).filter(
      (job) => job.kind === 'outbound.dial' && (job.payload as { attempt: number }).attempt === 1,
    );
    expect(next?.runAt).toBe(NOW + 30 * 60_000);
    await run(handler(), outboundId, 1);
    expect(twilio.createdCalls).toHaveLength(1);
  });

  it('without Twilio configured the job is dead-lettered with the reason', async () => {
    const { outboundId } = await request();
    await expect(run(outboundDialHandler(undefined), outboundId)).rejects.toBeInstanceOf(PermanentJobError);
    expect((await tenant.outbound.get(outboundId))?.status).toBe('failed');
  });
});
