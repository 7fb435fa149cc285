import { createPolarBilling, type PolarBilling } from '@receptionist/billing';
import { type FakePolarServer, startFakePolarServer } from '@receptionist/billing/testing';
import type { TenantDb } from '@receptionist/db';
import { createTestUser } from '@receptionist/db/testing';
import { applyBillingEvent, callContext, endCall, enqueueJob, JOB_KINDS } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNotificationSettings } from './env.ts';
import { createDefaultHandlers } from './handlers/index.ts';
import { createNotificationChannels } from './notifications/channels.ts';
import type { NotificationChannels } from './notifications/deliver.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from './testing/harness.ts';
import { SmtpSink } from './testing/smtp-sink.ts';
import { createWorker, type Worker } from './worker.ts';

// Usage metering on the cold path against a loopback Polar: each ended call is recorded once, sent to
// Polar's meter in one batch, retried through 429s, never doubled, and the owner is warned at 80 %.

const TOKEN = 'polar_oat_worker';
const STARTER = { id: 'prod-starter', name: 'Starter', priceAmount: 2900 };
const MINUTE = 60_000;

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let tenant: TenantDb;
let fake: FakePolarServer;
let polar: PolarBilling;
let smtp: SmtpSink;
let channels: NotificationChannels;
let worker: Worker | undefined;
/** The worker's clock runs ahead of the real one by this much, so delayed jobs can be made due. */
let aheadMs = 0;
const now = () => Date.now() + aheadMs;

beforeEach(async () => {
  aheadMs = 0;
  database = await createWorkerTestDatabase();
  const created = await createTestReceptionistBusiness(database.db);
  tenant = created.tenant;
  await createTestUser(database.db, {
    email: 'owner@example.test',
    businessId: tenant.businessId,
    role: 'owner',
  });
  fake = await startFakePolarServer({ accessToken: TOKEN, webhookSecret: 'unused', products: [STARTER] });
  polar = createPolarBilling({
    accessToken: TOKEN,
    server: 'sandbox',
    serverUrl: fake.url,
    meterEventName: 'call_seconds',
    timeoutMs: 2_000,
  });
  smtp = await SmtpSink.start();
  channels = createNotificationChannels(parseNotificationSettings({ SMTP_URL: smtp.url }));
  // On the Starter plan (300 minutes) since the business was created.
  await applyBillingEvent({
    ctx: { db: database.db, nowMs: now() },
    input: {
      webhookId: 'msg_setup',
      eventType: 'subscription.active',
      businessId: tenant.businessId,
      customerId: 'cus_1',
      subscriptions: [
        {
          id: 'sub_1',
          status: 'active',
          plan: 'starter',
          productId: STARTER.id,
          periodStartMs: created.business.createdAt - 5 * 3_600_000,
          periodEndMs: created.business.createdAt + 30 * 86_400_000,
          cancelAtPeriodEnd: false,
          versionAtMs: created.business.createdAt,
        },
      ],
    },
  });
});

afterEach(async () => {
  await worker?.stop({ timeoutMs: 0 });
  worker = undefined;
  channels.mailer?.close();
  await smtp.stop();
  await fake.close();
  database.cleanup();
});

/** A call that started `durationMs` ago and ends now, through the domain's endCall (which queues call.ended). */
async function endedCall(durationMs: number): Promise<string> {
  const call = await tenant.calls.create({
    channel: 'phone',
    engine: 'local',
    status: 'in_progress',
    startedAt: Date.now() - durationMs,
  });
  await endCall({
    ctx: callContext(database.db, tenant.businessId),
    input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' },
  });
  return call.id;
}

function startWorker(): void {
  const { logger } = createCapturingLogger();
  worker = createWorker({
    db: database.db,
    handlers: createDefaultHandlers({ polar, notifications: channels }),
    now,
    random: () => 0,
    logger,
    concurrency: 2,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 5,
    backoff: { baseMs: 1_000, maxMs: 1_000 },
  });
  worker.start();
}

/** Every job done, except (when told) the meter batch that is not due yet. */
const jobsDone = async (options: { exceptMeter?: boolean } = {}) =>
  (await tenant.jobs.list()).every(
    (job) => job.status === 'done' || (options.exceptMeter === true && job.kind === JOB_KINDS.billingMeter),
  );

describe('usage metering on the cold path', () => {
  it('sends each call to Polar once, through a rate limit and a lost answer, and warns the owner at 80 %', async () => {
    const long = await endedCall(245 * MINUTE); // 245 of 300 minutes: past 80 %
    const short = await endedCall(61_500);
    startWorker();
    await waitFor(async () => (await tenant.jobs.list()).some((job) => job.kind === JOB_KINDS.billingMeter));
    await waitFor(() => jobsDone({ exceptMeter: true }));
    expect(fake.events).toHaveLength(0); // the meter batch waits for more calls

    const usage = await tenant.billing.listUsage({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(usage.map((row) => [row.callId, row.metered, row.meteredAt])).toEqual(
      expect.arrayContaining([
        [long, true, null],
        [short, true, null],
      ]),
    );
    // An earlier attempt reached Polar but its answer was lost: the calls are in Polar, not marked here.
    await polar.ingestUsage(
      usage.map((row) => ({
        businessId: tenant.businessId,
        callId: row.callId,
        billableSeconds: row.billableSeconds,
        startedAt: row.startedAt,
      })),
    );
    // Then Polar throttles the next attempt once.
    fake.failNext('/v1/events/ingest', { status: 429, retryAfterSeconds: 1 });
    aheadMs = 60_000;
    await waitFor(async () => (await tenant.billing.listUnmetered(10)).length === 0);
    await waitFor(() => jobsDone());

    expect(fake.requests.filter((request) => request === 'POST /v1/events/ingest')).toHaveLength(3);
    expect(fake.events.map((event) => event.externalId).sort()).toEqual([long, short].sort());
    const seconds = Object.fromEntries(
      fake.events.map((event) => [event.externalId, event.metadata.seconds]),
    );
    expect(seconds[short]).toBeGreaterThanOrEqual(62);
    expect(seconds[long]).toBeGreaterThanOrEqual(245 * 60);

    // A meter job with nothing pending sends nothing.
    await enqueueJob({ ctx: { tenant, nowMs: now() }, input: { kind: JOB_KINDS.billingMeter, payload: {} } });
    await waitFor(() => jobsDone());
    expect(fake.requests.filter((request) => request === 'POST /v1/events/ingest')).toHaveLength(3);

    await waitFor(() => smtp.inbox.length === 1);
    expect(smtp.inbox[0]?.to).toEqual(['owner@example.test']);
    expect(smtp.inbox[0]?.parsed.subject).toMatch(/has used 80% of its included call minutes/);
    expect(smtp.inbox[0]?.parsed.text).toMatch(/greeted, asked to leave a message/);
  });

  it('dead-letters a batch Polar refuses (422) without marking its calls, so none is lost', async () => {
    startWorker();
    const callId = await endedCall(20_000);
    await waitFor(async () => (await tenant.jobs.list()).some((job) => job.kind === JOB_KINDS.billingMeter));
    await waitFor(() => jobsDone({ exceptMeter: true }));
    fake.failNext('/v1/events/ingest', {
      status: 422,
      body: {
        detail: [{ loc: ['body', 'events', 0], msg: 'Customer does not exist.', type: 'value_error' }],
      },
    });
    aheadMs = 60_000;
    await waitFor(async () =>
      (await tenant.jobs.list()).some(
        (job) => job.kind === JOB_KINDS.billingMeter && job.status === 'failed',
      ),
    );
    expect((await tenant.billing.listUnmetered(10)).map((row) => row.callId)).toEqual([callId]);
    expect(fake.events).toEqual([]);
  });

  it('keeps usage pending (never lost) while Polar is unconfigured', async () => {
    const { logger } = createCapturingLogger();
    worker = createWorker({
      db: database.db,
      handlers: createDefaultHandlers({ notifications: channels }),
      now,
      random: () => 0,
      logger,
      concurrency: 1,
      pollIntervalMs: 10,
      leaseMs: 60_000,
      maxAttempts: 5,
    });
    worker.start();
    const callId = await endedCall(30_000);
    await waitFor(async () => (await tenant.jobs.list()).some((job) => job.kind === JOB_KINDS.billingMeter));
    aheadMs = 60_000;
    await waitFor(() => jobsDone());
    expect((await tenant.billing.listUnmetered(10)).map((row) => row.callId)).toEqual([callId]);
    expect(fake.requests).toEqual([]);
  });
});
