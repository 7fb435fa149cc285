import {
  bookAppointment,
  type DomainContext,
  saveNotificationSettings,
  takeMessage,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNotificationSettings } from '../env.ts';
import { createDefaultHandlers } from '../handlers/index.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from '../testing/harness.ts';
import { SmtpSink } from '../testing/smtp-sink.ts';
import { createWorker, type Worker } from '../worker.ts';
import { createNotificationChannels } from './channels.ts';
import type { NotificationChannels } from './deliver.ts';

const ZONE = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const NOW = at('2030-01-07T08:00');

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let ctx: DomainContext;
let smtp: SmtpSink;
let channels: NotificationChannels;
let clock = NOW;
let worker: Worker | undefined;

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db, { timeZone: ZONE });
  clock = NOW;
  ctx = { tenant, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
  smtp = await SmtpSink.start();
  channels = createNotificationChannels(parseNotificationSettings({ SMTP_URL: smtp.url }));
});

afterEach(async () => {
  await worker?.stop({ timeoutMs: 0 });
  channels.mailer?.close();
  await smtp.stop();
  database.cleanup();
});

const digestJobs = async () =>
  (await ctx.tenant.jobs.list()).filter((job) => job.kind === 'notification.digest');

describe('the daily digest', () => {
  it('goes out at the business’s local hour, says what the day left open, and queues the next day once', async () => {
    await saveNotificationSettings({
      ctx,
      input: { emails: ['owner@example.test'], emailTopics: ['daily_digest'], digestHour: 18 },
    });
    await takeMessage({
      ctx,
      input: { callerName: 'Lee', callbackNumber: '+12025550101', reason: 'Invoice' },
    });
    await bookAppointment({
      ctx,
      input: {
        service: 'Cleaning',
        date: '2030-01-08',
        time: '10:00',
        customerName: 'Dana',
        phone: '+12025550102',
      },
    });
    expect((await digestJobs()).map((job) => [job.payload, job.runAt])).toEqual([
      [{ date: '2030-01-07' }, at('2030-01-07T18:00')],
    ]);

    worker = createWorker({
      db: database.db,
      handlers: createDefaultHandlers({ notifications: channels }),
      now: () => clock,
      random: () => 0.5,
      logger: createCapturingLogger().logger,
      concurrency: 2,
      pollIntervalMs: 10,
      leaseMs: 60_000,
      maxAttempts: 3,
    });
    worker.start();
    // The events run now; nobody asked for them by email, and the digest is not due before 18:00.
    await waitFor(async () => {
      // One business.event job per event and consumer (webhooks consume them too): all done.
      const events = (await ctx.tenant.jobs.list()).filter((job) => job.kind === 'business.event');
      return events.length >= 2 && events.every((job) => job.status === 'done');
    });
    expect(smtp.inbox).toEqual([]);

    clock = at('2030-01-07T18:00');
    await waitFor(() => smtp.inbox.length === 1);
    const [mail] = smtp.inbox;
    expect(mail?.to).toEqual(['owner@example.test']);
    expect(mail?.parsed.subject).toBe('Daily digest for Bright Smile Dental, 2030-01-07');
    expect(mail?.parsed.text).toContain('Open messages: 1');
    expect(mail?.parsed.text).toContain('Lee (+12025550101): Invoice');
    expect(mail?.parsed.text).toContain('Appointments tomorrow: 1');
    expect(mail?.parsed.text).toContain('- 10:00 Cleaning (Dana)');
    await waitFor(async () => (await digestJobs()).length === 2);
    const [today, tomorrow] = await digestJobs();
    expect(today?.status).toBe('done');
    expect(tomorrow).toMatchObject({
      status: 'queued',
      payload: { date: '2030-01-08' },
      runAt: at('2030-01-08T18:00'),
    });

    // The same day's digest run again (a retry after a crash): no second mail, no second tomorrow.
    await worker.stop({ timeoutMs: 1_000 });
    worker = undefined;
    const handler = createDefaultHandlers({ notifications: channels })['notification.digest']!;
    await handler({
      job: {
        id: today!.id,
        businessId: ctx.tenant.businessId,
        kind: 'notification.digest',
        attempt: 2,
      } as never,
      payload: { date: '2030-01-07' },
      db: database.db,
      now: () => clock,
      logger: pino({ level: 'silent' }),
      signal: new AbortController().signal,
    });
    expect(smtp.inbox).toHaveLength(1);
    expect(await digestJobs()).toHaveLength(2);
  });

  it('stops the chain when nobody wants the digest any more', async () => {
    await saveNotificationSettings({
      ctx,
      input: { emails: ['owner@example.test'], emailTopics: ['daily_digest'] },
    });
    await saveNotificationSettings({
      ctx,
      input: { emails: ['owner@example.test'], emailTopics: ['message'] },
    });
    const handler = createDefaultHandlers({ notifications: channels })['notification.digest']!;
    const [job] = await digestJobs();
    await handler({
      job: { id: job!.id, businessId: ctx.tenant.businessId } as never,
      payload: { date: '2030-01-07' },
      db: database.db,
      now: () => at('2030-01-07T18:00'),
      logger: pino({ level: 'silent' }),
      signal: new AbortController().signal,
    });
    expect(smtp.inbox).toEqual([]);
    expect(await digestJobs()).toHaveLength(1);
  });
});
