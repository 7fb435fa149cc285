import {
  appendCallTurn,
  callContext,
  createWebhookEndpoint,
  type DomainContext,
  endCall,
  recordToolCall,
  saveNotificationSettings,
  startCall,
  takeMessage,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallAnalyzer } from './analysis/index.ts';
import { parseAnalysisSettings, parseNotificationSettings } from './env.ts';
import { createDefaultHandlers } from './handlers/index.ts';
import { createNotificationChannels } from './notifications/channels.ts';
import type { NotificationChannels } from './notifications/deliver.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from './testing/harness.ts';
import { SmtpSink } from './testing/smtp-sink.ts';
import { TestWebhookReceiver } from './testing/webhook-receiver.ts';
import { createWorker, type Worker } from './worker.ts';

// The whole cold path at once, the way a real call feeds it: the voice server's journal writes the call
// through the domain's call verbs, the take_message tool writes the message, the call ends. Then one
// worker with the production handlers must produce the summary, tell the owner by email and SMS, and
// deliver signed webhooks, each consumer on its own, with nothing dead-lettered.

const BUSINESS_NUMBER = '+12025550100';
const OWNER_MOBILE = '+12025550199';
const CALLER = '+12125550123';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let ctx: DomainContext;
let smtp: SmtpSink;
let twilio: FakeTwilioRestServer;
let hook: TestWebhookReceiver;
let channels: NotificationChannels;
let worker: Worker | undefined;

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db);
  await tenant.phoneNumbers.add(BUSINESS_NUMBER);
  ctx = { tenant, profile, nowMs: Date.now(), actor: { kind: 'staff', userId: 'usr_owner' } };
  smtp = await SmtpSink.start();
  twilio = await FakeTwilioRestServer.start();
  hook = await new TestWebhookReceiver().start();
  channels = createNotificationChannels(
    parseNotificationSettings({
      SMTP_URL: smtp.url,
      TWILIO_ACCOUNT_SID: `AC${'2'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_API_BASE_URL: twilio.url,
    }),
  );
});

afterEach(async () => {
  await worker?.stop({ timeoutMs: 0 });
  worker = undefined;
  channels.mailer?.close();
  await smtp.stop();
  await twilio.close();
  await hook.stop();
  database.cleanup();
});

/** A call in which the caller leaves a message, written as the voice server writes it. */
async function callThatLeavesAMessage(): Promise<string> {
  const calls = callContext(database.db, ctx.tenant.businessId);
  const call = await startCall({
    ctx: calls,
    input: { channel: 'phone', twilioCallSid: 'CA0002', fromNumber: CALLER, engine: 'local' },
  });
  const say = (role: 'caller' | 'agent', text: string) =>
    appendCallTurn({ ctx: calls, input: { callId: call.id, role, text } });
  await say('agent', 'Thank you for calling. How can I help you today?');
  await say('caller', 'This is Sam Taylor, please have someone call me back about my invoice.');
  const message = await takeMessage({
    ctx: { ...ctx, callId: call.id, callerNumber: CALLER, actor: undefined },
    input: { callerName: 'Sam Taylor', reason: 'Question about an invoice' },
  });
  await recordToolCall({
    ctx: calls,
    input: {
      callId: call.id,
      toolCallId: 'tc_message',
      name: 'take_message',
      arguments: { callerName: 'Sam Taylor', reason: 'Question about an invoice' },
      result: { ok: true, message: 'Message taken.', data: { messageId: message.id } },
      status: 'ok',
    },
  });
  await say('agent', "I've taken your message; someone will call you back.");
  await endCall({ ctx: calls, input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' } });
  return call.id;
}

describe('the cold path after a call', () => {
  it('summarises the call, emails and texts the owner, and delivers signed webhooks, within seconds', async () => {
    await saveNotificationSettings({
      ctx,
      input: {
        emails: ['front@example.test'],
        emailTopics: ['message'],
        smsNumber: OWNER_MOBILE,
        smsTopics: ['message'],
      },
    });
    const endpoint = await createWebhookEndpoint({
      ctx: { ...ctx, urlPolicy: { allowPrivate: true } },
      input: { url: hook.url, events: ['message.taken', 'call.ended', 'call.analyzed'] },
    });
    const { logger, records } = createCapturingLogger();
    worker = createWorker({
      db: database.db,
      handlers: createDefaultHandlers({
        analyzer: createCallAnalyzer(parseAnalysisSettings({}), logger),
        notifications: channels,
        webhooks: { allowPrivateUrls: true, timeoutMs: 2_000 },
      }),
      now: Date.now,
      random: () => 0.5,
      logger,
      concurrency: 4,
      pollIntervalMs: 10,
      leaseMs: 60_000,
      maxAttempts: 3,
    });
    worker.start();

    const endedAt = performance.now();
    const callId = await callThatLeavesAMessage();
    await waitFor(async () => {
      const jobs = await ctx.tenant.jobs.list();
      return hook.received.length === 3 && jobs.every((job) => job.status === 'done');
    }, 5_000);
    const elapsedMs = performance.now() - endedAt;
    expect(elapsedMs).toBeLessThan(5_000);

    const call = await ctx.tenant.calls.get(callId);
    expect(call?.summary).toMatch(/Sam Taylor/);
    expect(call?.analysis).toMatchObject({ outcome: 'message_taken', callerName: 'Sam Taylor' });

    expect(smtp.inbox.map((mail) => [mail.to, mail.parsed.subject])).toEqual([
      [['front@example.test'], `New message from Sam Taylor (${ctx.profile.name})`],
    ]);
    expect(twilio.messages.map((sms) => [sms.params.From, sms.params.To])).toEqual([
      [BUSINESS_NUMBER, OWNER_MOBILE],
    ]);

    const verifier = new Webhook(endpoint.secret);
    const types = hook.received.map((request) => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      return (verifier.verify(request.body, headers) as { type: string }).type;
    });
    expect(types.sort()).toEqual(['call.analyzed', 'call.ended', 'message.taken']);
    // No consumer needed a second try: nothing failed on the way.
    expect(records.filter((record) => String(record.msg).startsWith('job failed'))).toEqual([]);
  });
});
