import { createUser } from '@receptionist/db';
import { createTestCall } from '@receptionist/db/testing';
import {
  answerKnowledgeGap,
  bookAppointment,
  cancelAppointment,
  type DomainContext,
  handleInboundSms,
  recordBusinessEvent,
  saveNotificationSettings,
  takeMessage,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { DateTime } from 'luxon';
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNotificationSettings } from '../env.ts';
import { createDefaultHandlers } from '../handlers/index.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from '../testing/harness.ts';
import { SmtpSink } from '../testing/smtp-sink.ts';
import { createWorker, type Worker } from '../worker.ts';
import { createNotificationChannels } from './channels.ts';
import type { NotificationChannels } from './deliver.ts';

const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const BUSINESS_NUMBER = '+12025550100';
const OWNER_MOBILE = '+12025550199';
const CALLER = '+12025550101';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let ctx: DomainContext;
let smtp: SmtpSink;
let twilio: FakeTwilioRestServer;
let channels: NotificationChannels;
const workers: Worker[] = [];

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db);
  await tenant.phoneNumbers.add(BUSINESS_NUMBER);
  ctx = { tenant, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
  smtp = await SmtpSink.start();
  twilio = await FakeTwilioRestServer.start();
  channels = createNotificationChannels(
    parseNotificationSettings({
      SMTP_URL: smtp.url,
      NOTIFY_EMAIL_FROM: 'Receptionist <receptionist@example.test>',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_URL: 'https://voice.example.test',
    }),
  );
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 0 })));
  channels.mailer?.close();
  await smtp.stop();
  await twilio.close();
  database.cleanup();
});

/** A worker on a clock that starts at NOW and runs in real time, retrying after 20-40 ms. */
function startWorker(): Worker {
  const startedAt = performance.now();
  const worker = createWorker({
    db: database.db,
    handlers: createDefaultHandlers({ notifications: channels }),
    now: () => NOW + Math.round(performance.now() - startedAt),
    random: () => 0.5,
    logger: createCapturingLogger().logger,
    concurrency: 2,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 10,
    backoff: { baseMs: 40, maxMs: 40 },
  });
  workers.push(worker);
  worker.start();
  return worker;
}

/** This consumer's business.event jobs (other consumers, e.g. webhooks, get their own). */
async function eventJobs() {
  return (await ctx.tenant.jobs.list()).filter(
    (job) =>
      job.kind === 'business.event' && (job.payload as { consumer?: string }).consumer === 'notifications',
  );
}

async function allDone(): Promise<boolean> {
  const jobs = await ctx.tenant.jobs.list();
  return jobs.length > 0 && jobs.every((job) => job.status === 'done' || job.kind === 'notification.digest');
}

function book(time: string, phone = CALLER) {
  return bookAppointment({
    ctx,
    input: { service: 'Cleaning', date: '2030-01-08', time, customerName: 'Dana', phone },
  });
}

describe('notifications', () => {
  it('emails a taken message to the business addresses and to a member who asked, once each', async () => {
    const user = await createUser(database.db, { email: 'Sam@Example.test', name: 'Sam' });
    await ctx.tenant.members.set(user.id, 'staff');
    await saveNotificationSettings({
      ctx,
      input: { emails: ['front@example.test'], emailTopics: ['message', 'booking'] },
    });
    await saveNotificationSettings({ ctx, input: { userId: user.id, emailTopics: ['urgent_message'] } });
    await takeMessage({
      ctx,
      input: { callerName: 'Lee', callbackNumber: CALLER, reason: 'Invoice question' },
    });
    await takeMessage({
      ctx,
      input: { callerName: 'Kim', callbackNumber: '+12025550102', reason: 'Tooth pain', urgency: 'high' },
    });
    startWorker();
    await waitFor(allDone);

    const byRecipient = smtp.inbox.map((mail) => [mail.to[0], mail.parsed.subject]);
    expect(byRecipient).toHaveLength(3);
    expect(byRecipient).toEqual(
      expect.arrayContaining([
        ['front@example.test', 'New message from Lee (Bright Smile Dental)'],
        ['front@example.test', 'URGENT message from Kim (Bright Smile Dental)'],
        ['sam@example.test', 'URGENT message from Kim (Bright Smile Dental)'],
      ]),
    );
    const lee = smtp.inbox.find((mail) => mail.parsed.subject?.includes('Lee'));
    expect(lee?.parsed.text).toContain('Callback number: +12025550101');
    expect(lee?.parsed.text).toContain('Invoice question');
    expect(lee?.parsed.from?.text).toContain('receptionist@example.test');
    expect(await ctx.tenant.notifications.listSends()).toHaveLength(3);
    expect(twilio.messages).toEqual([]); // nobody asked for SMS
  });

  it('attaches the booking as an .ics (RFC 5545, with its time zone) to booking emails', async () => {
    await saveNotificationSettings({
      ctx,
      input: { emails: ['front@example.test'], emailTopics: ['booking'] },
    });
    const booked = await book('10:00');
    await cancelAppointment({ ctx, input: { appointmentId: booked.appointment.id } });
    startWorker();
    await waitFor(allDone);
    const ics = (subject: string) => {
      const mail = smtp.inbox.find((entry) => entry.parsed.subject?.startsWith(subject));
      const attachment = mail?.parsed.attachments.find((file) => file.filename === 'appointment.ics');
      return attachment?.content.toString('utf8') ?? '';
    };
    const bookedIcs = ics('Appointment booked');
    expect(bookedIcs).toContain('METHOD:REQUEST');
    expect(bookedIcs).toContain('BEGIN:VTIMEZONE');
    const event = Object.values(ical.sync.parseICS(bookedIcs)).find(
      (entry) => entry?.type === 'VEVENT',
    ) as ical.VEvent;
    expect(event.start.getTime()).toBe(booked.appointment.startAt);
    expect(event.uid).toContain(booked.appointment.id);
    expect(ics('Appointment cancelled')).toContain('METHOD:CANCEL');
  });

  it('texts the owner and the booked caller through Twilio, with a delivery status callback', async () => {
    await saveNotificationSettings({
      ctx,
      input: { smsNumber: OWNER_MOBILE, smsTopics: ['booking'], callerConfirmationSms: true },
    });
    await book('10:00');
    startWorker();
    await waitFor(allDone);

    expect(twilio.messages).toHaveLength(2);
    const owner = twilio.messages.find((message) => message.params.To === OWNER_MOBILE);
    const caller = twilio.messages.find((message) => message.params.To === CALLER);
    expect(owner?.params).toMatchObject({ From: BUSINESS_NUMBER, Body: expect.stringContaining('booked') });
    expect(caller?.params.Body).toBe(
      "Bright Smile Dental: you're booked for Cleaning on 2030-01-08 at 10:00. Reply STOP to opt out.",
    );
    expect(caller?.params.StatusCallback).toBe('https://voice.example.test/twilio/sms-status');
    expect(caller?.accountSid).toBe(ACCOUNT_SID);
    const sends = await ctx.tenant.notifications.listSends();
    expect(sends.map((send) => [send.channel, send.recipient, send.status, send.providerId]).sort()).toEqual(
      [
        ['sms', CALLER, 'queued', caller?.sid],
        ['sms', OWNER_MOBILE, 'queued', owner?.sid],
      ].sort(),
    );
  });

  it('retries while the SMTP server refuses or is down, and delivers exactly once when it is back', async () => {
    await saveNotificationSettings({
      ctx,
      input: { emails: ['front@example.test'], emailTopics: ['message'] },
    });
    smtp.refuse = true;
    await takeMessage({ ctx, input: { callerName: 'Lee', callbackNumber: CALLER, reason: 'Call me' } });
    startWorker();
    await waitFor(() => smtp.refusals >= 2);
    expect((await eventJobs())[0]?.attempts).toBeGreaterThanOrEqual(2);
    expect(smtp.inbox).toEqual([]);

    // Now down altogether: connections refused.
    await smtp.stop();
    smtp.refuse = false;
    const attemptsWhileUp = (await eventJobs())[0]!.attempts;
    await waitFor(async () => (await eventJobs())[0]!.attempts >= attemptsWhileUp + 2);
    expect((await eventJobs())[0]?.status).not.toBe('done');

    await smtp.start();
    await waitFor(allDone);
    await new Promise((resolve) => setTimeout(resolve, 150)); // time for any wrongful second send
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]?.parsed.subject).toBe('New message from Lee (Bright Smile Dental)');
  });

  it('sends nothing a retry already sent: a Twilio outage retries only the missing SMS', async () => {
    await saveNotificationSettings({
      ctx,
      input: { smsNumber: OWNER_MOBILE, smsTopics: ['booking'], callerConfirmationSms: true },
    });
    twilio.failNextMessages = 1; // the owner's text fails once; the caller's goes through
    await book('10:00');
    startWorker();
    await waitFor(allDone);
    expect((await eventJobs())[0]?.attempts).toBe(2);
    expect(twilio.messages.map((message) => message.params.To).sort()).toEqual([CALLER, OWNER_MOBILE].sort());
  });

  it('texts no number that replied STOP, and texts it again after START', async () => {
    await saveNotificationSettings({
      ctx,
      input: { smsNumber: OWNER_MOBILE, smsTopics: ['booking'], callerConfirmationSms: true },
    });
    const businessId = ctx.tenant.businessId;
    expect(
      await handleInboundSms({
        ctx: { db: database.db },
        input: { businessId, from: CALLER, body: ' stop ' },
      }),
    ).toBe('opted_out');
    await book('10:00');
    startWorker();
    await waitFor(allDone);
    expect(twilio.messages.map((message) => message.params.To)).toEqual([OWNER_MOBILE]);

    expect(
      await handleInboundSms({
        ctx: { db: database.db },
        input: { businessId, from: CALLER, body: 'START' },
      }),
    ).toBe('opted_in');
    await book('11:00');
    await waitFor(async () => twilio.messages.length === 3);
    expect(
      twilio.messages
        .slice(1)
        .map((message) => message.params.To)
        .sort(),
    ).toEqual([CALLER, OWNER_MOBILE].sort());
  });

  it('texts the owner’s answer to each caller who asked, once per number, skipping STOP', async () => {
    const businessId = ctx.tenant.businessId;
    const STOPPED = '+12025550177';
    const asked = [CALLER, CALLER, STOPPED];
    for (const [index, fromNumber] of asked.entries()) {
      const call = await createTestCall(database.db, businessId, { fromNumber, channel: 'phone' });
      await ctx.tenant.knowledgeGaps.addForCall(call.id, [
        { question: `Do you take Delta insurance? (${index})`, normalized: 'delta insurance take' },
      ]);
    }
    await handleInboundSms({ ctx: { db: database.db }, input: { businessId, from: STOPPED, body: 'STOP' } });
    const answered = await answerKnowledgeGap({
      ctx,
      input: {
        normalized: 'delta insurance take',
        question: 'Do you take Delta insurance?',
        answer: 'Yes, we accept Delta Dental PPO.',
        textCallers: true,
      },
    });
    expect(answered).toEqual({ closed: 3, callers: 3 });
    startWorker();
    await waitFor(allDone);
    expect(
      twilio.messages.map((message) => [message.params.From, message.params.To, message.params.Body]),
    ).toEqual([
      [
        BUSINESS_NUMBER,
        CALLER,
        `${ctx.profile.name}: you asked "Do you take Delta insurance?" Yes, we accept Delta Dental PPO.`,
      ],
    ]);
  });

  it('tells the owner by email when a webhook endpoint was switched off', async () => {
    await saveNotificationSettings({
      ctx,
      input: { emails: ['front@example.test'], emailTopics: ['booking'] },
    });
    await ctx.tenant.transaction((tenant) =>
      recordBusinessEvent({
        ctx: { tenant, nowMs: NOW },
        input: {
          type: 'webhook.disabled',
          data: {
            endpointId: 'whe_1',
            url: 'https://crm.example.test/hook',
            reason: 'Every attempt failed.',
          },
          consumers: ['notifications'],
        },
      }),
    );
    startWorker();
    await waitFor(async () => smtp.inbox.length === 1);
    const [mail] = smtp.inbox;
    expect(mail?.to).toEqual(['front@example.test']);
    expect(mail?.parsed.subject).toBe('Webhook switched off: https://crm.example.test/hook');
    expect(mail?.parsed.text).toContain('Every attempt failed.');
  });

  it('records a permanent Twilio refusal as failed without retrying', async () => {
    await saveNotificationSettings({ ctx, input: { callerConfirmationSms: true } });
    twilio.unsubscribed.add(CALLER);
    await book('10:00');
    startWorker();
    await waitFor(allDone);
    expect((await eventJobs())[0]?.attempts).toBe(1);
    expect(twilio.messages).toEqual([]);
    expect(await ctx.tenant.notifications.listSends()).toMatchObject([
      { channel: 'sms', recipient: CALLER, status: 'failed', errorCode: '21610' },
    ]);
  });
});
