import {
  addToWaitlist,
  bookAppointment,
  cancelAppointment,
  type DomainContext,
  DEFAULT_OUTBOUND_POLICY,
  rescheduleAppointment,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNotificationSettings } from '../env.ts';
import { createDefaultHandlers } from '../handlers/index.ts';
import { createNotificationChannels } from '../notifications/channels.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from '../testing/harness.ts';
import { createWorker, type Worker } from '../worker.ts';

/**
 * The cold path of reminders and waitlist offers through a real worker: a booking's event schedules its
 * reminder (the worker's clock passes its time), the reminder text goes to the fake Twilio Messages API
 * once, a moved booking is reminded at its new time only, and a cancellation texts the waitlist.
 */

const ZONE = 'America/New_York';
/** Monday 7 January 2030, 14:00 in New York. */
const NOW = DateTime.fromISO('2030-01-07T14:00', { zone: ZONE }).toMillis();
const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
const BUSINESS_NUMBER = '+12025550100';
const CUSTOMER = '+12025550101';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let ctx: DomainContext;
let twilio: FakeTwilioRestServer;
let clock = NOW;
const workers: Worker[] = [];

beforeEach(async () => {
  database = await createWorkerTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db, {
    outbound: {
      ...DEFAULT_OUTBOUND_POLICY,
      reminders: { enabled: true, hoursBefore: 24, channels: ['sms'] },
    },
  });
  await tenant.phoneNumbers.add(BUSINESS_NUMBER);
  ctx = { tenant, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
  twilio = await FakeTwilioRestServer.start();
  clock = NOW;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 0 })));
  await twilio.close();
  database.cleanup();
});

function startWorker(): Worker {
  const channels = createNotificationChannels(
    parseNotificationSettings({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_URL: 'https://voice.example.test',
    }),
  );
  const worker = createWorker({
    db: database.db,
    handlers: createDefaultHandlers({ notifications: channels }),
    now: () => clock,
    random: () => 0.5,
    logger: createCapturingLogger().logger,
    concurrency: 2,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 5,
  });
  workers.push(worker);
  worker.start();
  return worker;
}

const textsTo = (phone: string) => twilio.messages.filter((message) => message.params.To === phone);

async function idle(): Promise<void> {
  await waitFor(async () => {
    const jobs = await ctx.tenant.jobs.list();
    return jobs.every((job) => job.status !== 'running' && (job.status !== 'queued' || job.runAt > clock));
  });
}

describe('reminders and waitlist offers through the worker', () => {
  it('texts a reminder 24 hours before, once, and only for the time the booking has now', async () => {
    const booked = await bookAppointment({
      ctx,
      input: {
        service: 'Cleaning',
        date: '2030-01-09',
        time: '15:00',
        customerName: 'Dana Reed',
        phone: CUSTOMER,
      },
    });
    startWorker();
    await idle();
    expect(textsTo(CUSTOMER)).toEqual([]);
    await rescheduleAppointment({
      ctx,
      input: { appointmentId: booked.appointment.id, newDate: '2030-01-09', newTime: '16:00' },
    });
    await idle();
    // The old reminder's time (15:00 the day before) comes and goes: it skips itself.
    clock = DateTime.fromISO('2030-01-08T15:30', { zone: ZONE }).toMillis();
    await idle();
    expect(textsTo(CUSTOMER)).toEqual([]);
    clock = DateTime.fromISO('2030-01-08T16:00', { zone: ZONE }).toMillis();
    await waitFor(() => textsTo(CUSTOMER).length === 1);
    await idle();
    const [reminder] = textsTo(CUSTOMER);
    expect(reminder?.params).toMatchObject({ From: BUSINESS_NUMBER });
    expect(reminder?.params.Body).toContain('4:00 PM');
    expect(reminder?.params.Body).toContain('Reply C to confirm');
    const remindedStarts = (await ctx.tenant.outbound.sentRemindersFor([booked.appointment.id])).map(
      (row) => row.startAt,
    );
    expect(remindedStarts).toEqual([booked.appointment.startAt + 3_600_000]);
  });

  it('a cancellation offers the freed slot to the waitlist by text', async () => {
    const booked = await bookAppointment({
      ctx,
      input: {
        service: 'Cleaning',
        date: '2030-01-09',
        time: '10:00',
        customerName: 'Dana Reed',
        phone: CUSTOMER,
      },
    });
    await addToWaitlist({ ctx, input: { phone: '+12025550161', name: 'Ann Lee', service: 'cleaning' } });
    await cancelAppointment({ ctx, input: { appointmentId: booked.appointment.id } });
    startWorker();
    await waitFor(() => textsTo('+12025550161').length === 1);
    expect(textsTo('+12025550161')[0]?.params.Body).toMatch(/just opened up.*Reply YES/);
  });
});
