import {
  createWebhookEndpoint,
  type DomainContext,
  type ResolveHost,
  redeliverWebhook,
  takeMessage,
  type WebhookRetryPolicy,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultHandlers } from '../handlers/index.ts';
import { createCapturingLogger, createWorkerTestDatabase, waitFor } from '../testing/harness.ts';
import { TestWebhookReceiver } from '../testing/webhook-receiver.ts';
import { createWorker, type Worker } from '../worker.ts';
import type { WebhookSettings } from './deliver.ts';

let database: Awaited<ReturnType<typeof createWorkerTestDatabase>>;
let ctx: DomainContext;
const workers: Worker[] = [];
const receivers: TestWebhookReceiver[] = [];
/** The worker's clock: real time plus whatever a test skips ahead. */
let skippedMs = 0;
const clock = () => Date.now() + skippedMs;

beforeEach(async () => {
  skippedMs = 0;
  database = await createWorkerTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db);
  ctx = { tenant, profile, nowMs: clock(), actor: { kind: 'staff', userId: 'usr_test' } };
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 0 })));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
  database.cleanup();
});

async function receiver(): Promise<TestWebhookReceiver> {
  const started = await new TestWebhookReceiver().start();
  receivers.push(started);
  return started;
}

function startWorker(webhooks: Partial<WebhookSettings> = {}): void {
  const worker = createWorker({
    db: database.db,
    handlers: createDefaultHandlers({ webhooks: { allowPrivateUrls: true, timeoutMs: 2_000, ...webhooks } }),
    now: clock,
    random: () => 0.5,
    logger: createCapturingLogger().logger,
    concurrency: 4,
    pollIntervalMs: 10,
    leaseMs: 60_000,
    maxAttempts: 5,
  });
  workers.push(worker);
  worker.start();
}

/** Endpoints are registered with loopback allowed: the tests' receivers are on 127.0.0.1. */
async function subscribe(url: string, resolve?: ResolveHost) {
  return createWebhookEndpoint({
    ctx: { ...ctx, nowMs: clock(), urlPolicy: { allowPrivate: true, resolve } },
    input: { url, events: ['message.taken'] },
  });
}

/** A real business event: a message taken through the domain verb, recorded in the outbox. */
async function takeAMessage(nowMs = clock()) {
  return takeMessage({
    ctx: { ...ctx, nowMs },
    input: { callerName: 'Sam', callbackNumber: '+12025550102', reason: 'Invoice question' },
  });
}

async function delivery(endpointId: string) {
  const [row] = await ctx.tenant.webhooks.listDeliveries(endpointId);
  return row;
}

describe('outgoing webhooks, end to end through the worker', () => {
  it('delivers an event signed so that the standardwebhooks package verifies it', async () => {
    const hook = await receiver();
    const endpoint = await subscribe(hook.url);
    startWorker();
    const takenAt = clock();
    const message = await takeAMessage(takenAt);

    await waitFor(() => hook.received.length === 1);
    const [request] = hook.received;
    const headers = Object.fromEntries(
      Object.entries(request?.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const verified = new Webhook(endpoint.secret).verify(request?.body ?? '', headers) as {
      type: string;
      timestamp: string;
      data: { messageId: string };
    };
    expect(verified.type).toBe('message.taken');
    expect(verified.data.messageId).toBe(message.id);
    expect(verified.timestamp).toBe(new Date(takenAt).toISOString());
    expect(headers['webhook-id']).toMatch(/^evt_/);
    // A tampered body fails verification: the signature covers it.
    expect(() => new Webhook(endpoint.secret).verify(`${request?.body} `, headers)).toThrow();
    await waitFor(async () => (await delivery(endpoint.id))?.status === 'succeeded');
    expect(await delivery(endpoint.id)).toMatchObject({ attempts: 1, lastResponseStatus: 204 });
  });

  it('retries a receiver that was down and delivers once it is up, with the same webhook-id', async () => {
    const hook = await receiver();
    const endpoint = await subscribe(hook.url);
    await hook.stop(); // down: connections are refused
    startWorker();
    await takeAMessage();

    await waitFor(async () => (await delivery(endpoint.id))?.attempts === 1);
    const failed = await delivery(endpoint.id);
    expect(failed).toMatchObject({ status: 'pending', lastResponseStatus: null });
    expect(failed?.lastError).toMatch(/ECONNREFUSED/);

    await hook.start(hook.port); // up again
    skippedMs += (failed?.nextAttemptAt ?? 0) - clock() + 1; // the backoff has passed
    await waitFor(async () => (await delivery(endpoint.id))?.status === 'succeeded');
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.headers['webhook-id']).toBe(failed?.eventId);
    expect(await delivery(endpoint.id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it('counts a hanging receiver as one timed-out attempt and still delivers to the others', async () => {
    const hanging = await receiver();
    hanging.behaviour = 'hang';
    const failing = await receiver();
    failing.behaviour = { status: 500 };
    const healthy = await receiver();
    const slow = await subscribe(hanging.url);
    const broken = await subscribe(failing.url);
    const fine = await subscribe(healthy.url);
    startWorker({ timeoutMs: 3_000 });
    await takeAMessage();

    await waitFor(async () => (await delivery(fine.id))?.status === 'succeeded');
    await waitFor(() => hanging.received.length === 1);
    // Delivered while the hanging receiver still holds its attempt open.
    expect((await delivery(slow.id))?.attempts).toBe(0);
    await waitFor(async () => (await delivery(slow.id))?.attempts === 1);
    expect(await delivery(slow.id)).toMatchObject({
      status: 'pending',
      lastError: 'timed out after 3000 ms',
    });
    expect(await delivery(broken.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastResponseStatus: 500,
    });
    expect(healthy.received).toHaveLength(1);
  });

  it('after 24 hours of failures fails the delivery and disables the endpoint', async () => {
    const hook = await receiver();
    hook.behaviour = { status: 500 };
    const endpoint = await subscribe(hook.url);
    const policy: WebhookRetryPolicy = {
      firstRetryDelayMs: 60_000,
      maxRetryDelayMs: 4 * 3_600_000,
      giveUpAfterMs: 24 * 3_600_000,
    };
    startWorker({ retryPolicy: policy });
    const firstAt = clock();
    await takeAMessage();

    for (;;) {
      const attempts = hook.received.length;
      await waitFor(async () => {
        const row = await delivery(endpoint.id);
        return row !== undefined && row.attempts === attempts + 1 && hook.received.length === attempts + 1;
      });
      const row = await delivery(endpoint.id);
      if (row?.status !== 'pending') break;
      skippedMs += (row.nextAttemptAt ?? 0) - clock() + 1;
    }
    const row = await delivery(endpoint.id);
    expect(row?.status).toBe('failed');
    expect((row?.lastAttemptAt ?? 0) - firstAt).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(new Set(hook.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const disabled = await ctx.tenant.webhooks.getEndpointSummary(endpoint.id);
    expect(disabled?.disabledAt).toBe(row?.lastAttemptAt);
    expect(disabled?.disabledReason).toMatch(/24 hours/);
    // The owner is told: one webhook.disabled event, for the notifications consumer only.
    const told = (await ctx.tenant.jobs.list())
      .filter((job) => job.kind === 'business.event')
      .map((job) => job.payload as { consumer: string; event: { type: string; data: { url?: string } } })
      .filter((payload) => payload.event.type === 'webhook.disabled');
    expect(told.map((payload) => [payload.consumer, payload.event.data.url])).toEqual([
      ['notifications', endpoint.url],
    ]);
    // Nothing more goes to a disabled endpoint.
    await takeAMessage();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.received).toHaveLength(row?.attempts ?? -1);
  });
  it('redelivers a delivered event on request: same body, same webhook-id, a fresh signature', async () => {
    const hook = await receiver();
    const endpoint = await subscribe(hook.url);
    startWorker();
    await takeAMessage();
    await waitFor(async () => (await delivery(endpoint.id))?.status === 'succeeded');
    const first = await delivery(endpoint.id);

    skippedMs += 60_000;
    await redeliverWebhook({
      ctx: { tenant: ctx.tenant, nowMs: clock() },
      input: { endpointId: endpoint.id, deliveryId: first?.id ?? '' },
    });
    await waitFor(() => hook.received.length === 2);
    const [original, again] = hook.received;
    expect(again?.body).toBe(original?.body);
    expect(again?.headers['webhook-id']).toBe(original?.headers['webhook-id']);
    expect(Number(again?.headers['webhook-timestamp'])).toBeGreaterThan(
      Number(original?.headers['webhook-timestamp']),
    );
    await waitFor(async () => (await delivery(endpoint.id))?.status === 'succeeded');
    expect((await delivery(endpoint.id))?.attempts).toBe(2);
  });
});

describe('the private-address guard at delivery time', () => {
  it('refuses a loopback receiver when private URLs are not allowed, without connecting', async () => {
    const hook = await receiver();
    // Registered while allowed (or before its DNS changed): the delivery must check again.
    const byName = await subscribe(`http://localhost:${hook.port}/hook`);
    const byAddress = await subscribe(hook.url);
    startWorker({ allowPrivateUrls: false });
    await takeAMessage();

    await waitFor(async () => (await delivery(byName.id))?.attempts === 1);
    await waitFor(async () => (await delivery(byAddress.id))?.attempts === 1);
    expect((await delivery(byName.id))?.lastError).toMatch(/^refused: .*private/);
    expect((await delivery(byAddress.id))?.lastError).toMatch(/^refused: .*private/);
    expect(hook.received).toEqual([]);
  });

  it('connects to the address it checked, whatever the name', async () => {
    const hook = await receiver();
    let lookups = 0;
    const resolve: ResolveHost = async () => {
      lookups += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const endpoint = await subscribe(`http://hooks.test:${hook.port}/hook`, resolve);
    startWorker({ resolve });
    await takeAMessage();
    await waitFor(async () => (await delivery(endpoint.id))?.status === 'succeeded');
    expect(lookups).toBe(2); // once at creation, once at delivery
    expect(hook.received[0]?.headers.host).toBe(`hooks.test:${hook.port}`);
  });
});
