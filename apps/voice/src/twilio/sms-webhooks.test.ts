import { forBusiness } from '@receptionist/db';
import {
  bookAppointment,
  type ClaimedJob,
  isSmsOptedOut,
  loadProfileFor,
  recordNotificationSend,
  saveNotificationSettings,
} from '@receptionist/domain';
import { createScriptedEngine } from '@receptionist/engine/testing';
import {
  createDefaultHandlers,
  createNotificationChannels,
  parseNotificationSettings,
} from '@receptionist/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVoiceHarness, type VoiceHarness } from '../testing/voice-harness.ts';

const CALLER = '+12025550101';
const OWNER_MOBILE = '+12025550199';
const SID = `SM${'a'.repeat(32)}`;

let h: VoiceHarness;

beforeAll(async () => {
  h = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hi', audioMs: 100 }, turns: [] }),
  });
});
afterAll(async () => {
  await h.cleanup();
});

const optedOut = (phoneNumber: string) =>
  isSmsOptedOut({ ctx: { db: h.database.db }, input: { businessId: h.businessId, phoneNumber } });

function inboundSms(body: string, options: { signature?: string | null } = {}) {
  return h.twilio.post(
    '/twilio/sms',
    { MessageSid: SID, AccountSid: h.twilio.accountSid, From: CALLER, To: h.businessNumber, Body: body },
    options,
  );
}

/** Runs every queued business.event job once through the production handlers, SMS aimed at the fake. */
async function deliverQueuedEvents(): Promise<void> {
  const channels = createNotificationChannels(
    parseNotificationSettings({
      TWILIO_ACCOUNT_SID: h.twilio.accountSid,
      TWILIO_AUTH_TOKEN: h.env.twilio.authToken,
      TWILIO_API_BASE_URL: h.twilioRest.url,
    }),
  );
  const handler = createDefaultHandlers({ notifications: channels })['business.event']!;
  const tenant = forBusiness(h.database.db, h.businessId);
  for (const job of await tenant.jobs.list({ status: 'queued' })) {
    if (job.kind !== 'business.event') continue;
    await handler({
      job: { id: job.id, businessId: job.businessId } as ClaimedJob,
      payload: job.payload as never,
      db: h.database.db,
      now: h.now,
      logger: pino({ level: 'silent' }),
      signal: new AbortController().signal,
    });
  }
}

describe('Twilio SMS webhooks', () => {
  it('refuses an unsigned or forged STOP and stores nothing', async () => {
    expect((await inboundSms('STOP', { signature: null })).status).toBe(403);
    expect((await inboundSms('STOP', { signature: 'Zm9yZ2Vk' })).status).toBe(403);
    expect(await optedOut(CALLER)).toBe(false);
  });

  it('honours STOP (no confirmation SMS to that caller) and START', async () => {
    const tenant = forBusiness(h.database.db, h.businessId);
    const ctx = { tenant, profile: await loadProfileFor(tenant), nowMs: h.now() };
    await saveNotificationSettings({
      ctx,
      input: { smsNumber: OWNER_MOBILE, smsTopics: ['booking'], callerConfirmationSms: true },
    });

    const stop = await inboundSms('Stop');
    expect(stop.status).toBe(200);
    expect(await stop.text()).toContain('<Response></Response>');
    expect(await optedOut(CALLER)).toBe(true);

    await bookAppointment({
      ctx: { ...ctx, actor: { kind: 'staff', userId: 'usr_x' } },
      input: { service: 'Cleaning', date: '2026-03-04', time: '10:00', customerName: 'Dana', phone: CALLER },
    });
    await deliverQueuedEvents();
    expect(h.twilioRest.messages.map((message) => message.params.To)).toEqual([OWNER_MOBILE]);

    expect((await inboundSms('start')).status).toBe(200);
    expect(await optedOut(CALLER)).toBe(false);
    expect((await inboundSms('hello there')).status).toBe(200); // not a keyword: changes nothing
    expect(await optedOut(CALLER)).toBe(false);
  });

  it('records delivery status callbacks for our SMS, signed only', async () => {
    const tenant = forBusiness(h.database.db, h.businessId);
    const messageSid = `SM${'b'.repeat(32)}`;
    await recordNotificationSend({
      ctx: { db: h.database.db },
      input: {
        businessId: h.businessId,
        eventKey: 'evt_status',
        channel: 'sms',
        recipient: CALLER,
        status: 'queued',
        providerId: messageSid,
      },
    });
    const status = (MessageStatus: string, extra: Record<string, string> = {}, signature?: string | null) =>
      h.twilio.post(
        '/twilio/sms-status',
        { MessageSid: messageSid, MessageStatus, AccountSid: h.twilio.accountSid, ...extra },
        { signature },
      );
    const stored = async () =>
      (await tenant.notifications.listSends()).find((send) => send.providerId === messageSid);

    expect((await status('delivered', {}, null)).status).toBe(403);
    expect((await stored())?.status).toBe('queued');
    expect((await status('sent')).status).toBe(204);
    expect((await stored())?.status).toBe('sent');
    expect((await status('undelivered', { ErrorCode: '30003' })).status).toBe(204);
    expect(await stored()).toMatchObject({ status: 'undelivered', errorCode: '30003' });
    // An SMS that is not ours is acknowledged (Twilio would retry otherwise) and changes nothing.
    expect(
      (
        await h.twilio.post('/twilio/sms-status', {
          MessageSid: `SM${'c'.repeat(32)}`,
          MessageStatus: 'sent',
        })
      ).status,
    ).toBe(204);
    expect((await h.twilio.post('/twilio/sms-status', { MessageStatus: 'sent' })).status).toBe(400);
  });
});
