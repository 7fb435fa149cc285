import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantContext } from '../context.ts';
import type { BusinessEvent } from '../events/types.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { createWebhookEndpoint } from './create-endpoint.ts';
import type { WEBHOOK_EVENT_TYPES } from './events.ts';
import { enqueueWebhookDeliveries } from './fan-out.ts';
import { deleteWebhookEndpoint, enableWebhookEndpoint } from './manage-endpoint.ts';
import { readWebhookSendPlan } from './read-delivery.ts';
import { recordWebhookAttempt } from './record-attempt.ts';
import { redeliverWebhook } from './redeliver.ts';

const NOW = Date.UTC(2030, 0, 7, 13, 0);
const HOUR_MS = 3_600_000;

let database: TestDatabase;
let ctx: TenantContext & { nowMs: number };

beforeEach(async () => {
  database = await createTestDatabase();
  const { tenant } = await createTestReceptionistBusiness(database.db);
  ctx = { tenant, nowMs: NOW, actor: { kind: 'api', apiKeyId: 'key_test' } };
});
afterEach(async () => {
  await database.cleanup();
});

const allowLoopback = { allowPrivate: true };

function event(type: BusinessEvent['type'], id = 'evt_1'): BusinessEvent {
  return { id, type, businessId: ctx.tenant.businessId, occurredAt: NOW, data: { messageId: 'msg_1' } };
}

async function endpoint(events: (typeof WEBHOOK_EVENT_TYPES)[number][], url = 'http://127.0.0.1:9/hook') {
  return createWebhookEndpoint({ ctx: { ...ctx, urlPolicy: allowLoopback }, input: { url, events } });
}

async function deliverJobs() {
  return (await ctx.tenant.jobs.list()).filter((job) => job.kind === JOB_KINDS.webhookDeliver);
}

describe('webhook endpoints', () => {
  it('are created with a whsec_ secret of at least 24 random bytes', async () => {
    const created = await endpoint(['message.taken', 'message.taken']);
    expect(created.events).toEqual(['message.taken']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect((await endpoint(['message.taken'])).secret).not.toBe(created.secret);
  });

  it('are refused for loopback URLs unless private URLs are allowed', async () => {
    await expect(
      createWebhookEndpoint({
        ctx: { ...ctx, urlPolicy: { allowPrivate: false } },
        input: { url: 'http://localhost:8080/hook', events: ['call.ended'] },
      }),
    ).rejects.toMatchObject({ code: 'webhook_url_refused' });
    expect(await ctx.tenant.webhooks.listEndpoints()).toEqual([]);
  });

  it('refuse unknown event types', async () => {
    await expect(endpoint(['call.exploded' as never])).rejects.toThrow();
  });
});

describe('fanning an event out', () => {
  it('makes one delivery and one job per subscribed, enabled endpoint, once per event', async () => {
    const messages = await endpoint(['message.taken']);
    const calls = await endpoint(['call.ended']);
    const both = await endpoint(['call.ended', 'message.taken']);
    const first = await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } });
    const again = await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } });
    expect(first.deliveryIds).toHaveLength(2);
    expect(again.deliveryIds).toEqual([]);
    expect(await ctx.tenant.webhooks.listDeliveries(calls.id)).toEqual([]);
    const [delivery] = await ctx.tenant.webhooks.listDeliveries(messages.id);
    expect(JSON.parse(delivery?.body ?? '')).toEqual({
      type: 'message.taken',
      timestamp: new Date(NOW).toISOString(),
      data: { messageId: 'msg_1' },
    });
    expect((await ctx.tenant.webhooks.listDeliveries(both.id))[0]?.eventId).toBe('evt_1');
    expect((await deliverJobs()).map((job) => job.payload)).toEqual(
      first.deliveryIds.map((deliveryId) => ({ deliveryId, dueAt: NOW })),
    );
  });
});

describe('recording attempts', () => {
  it('retries with growing waits for 24 hours, then fails the delivery and disables the endpoint', async () => {
    const hook = await endpoint(['message.taken']);
    const [deliveryId] = (await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } }))
      .deliveryIds;
    let now = NOW;
    const waits: number[] = [];
    for (;;) {
      const result = await recordWebhookAttempt({
        ctx: { ...ctx, nowMs: now },
        input: { deliveryId: deliveryId!, ok: false, responseStatus: 500 },
      });
      if (result.kind !== 'retry') {
        expect(result.kind).toBe('gave_up');
        break;
      }
      waits.push(result.nextAttemptAt - now);
      now = result.nextAttemptAt;
    }
    expect(now - NOW).toBe(24 * HOUR_MS);
    expect(waits.slice(0, 3)).toEqual([5_000, 10_000, 20_000]);
    const [delivery] = await ctx.tenant.webhooks.listDeliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: waits.length + 1, lastResponseStatus: 500 });
    const disabled = await ctx.tenant.webhooks.getEndpointSummary(hook.id);
    expect(disabled?.disabledAt).toBe(now);
    expect(disabled?.disabledReason).toContain('24 hours');
    // A disabled endpoint gets no new deliveries until it is enabled again.
    expect(
      (await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken', 'evt_2') } }))
        .deliveryIds,
    ).toEqual([]);
    await enableWebhookEndpoint({ ctx, input: { endpointId: hook.id } });
    expect(
      (await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken', 'evt_3') } }))
        .deliveryIds,
    ).toHaveLength(1);
  });

  it('a late job for a rescheduled delivery is skipped; a success settles it', async () => {
    await endpoint(['message.taken']);
    const [deliveryId] = (await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } }))
      .deliveryIds;
    const plan = { businessId: ctx.tenant.businessId, deliveryId: deliveryId!, dueAt: NOW };
    expect(await readWebhookSendPlan({ ctx: { db: database.db }, input: plan })).toHaveProperty('plan');
    const retry = await recordWebhookAttempt({
      ctx,
      input: { deliveryId: deliveryId!, ok: false, error: 'timeout' },
    });
    expect(retry.kind).toBe('retry');
    expect(await readWebhookSendPlan({ ctx: { db: database.db }, input: plan })).toEqual({
      skip: 'the delivery was rescheduled since',
    });
    const done = await recordWebhookAttempt({
      ctx: { ...ctx, nowMs: NOW + 5_000 },
      input: { deliveryId: deliveryId!, ok: true, responseStatus: 204 },
    });
    expect(done).toMatchObject({ kind: 'delivered', delivery: { status: 'succeeded', attempts: 2 } });
  });
});

describe('redelivering', () => {
  it('sends a settled delivery again with a fresh window, but not one still pending', async () => {
    const hook = await endpoint(['message.taken']);
    const [deliveryId] = (await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } }))
      .deliveryIds;
    const input = { endpointId: hook.id, deliveryId: deliveryId! };
    await expect(redeliverWebhook({ ctx, input })).rejects.toMatchObject({
      code: 'webhook_delivery_pending',
    });
    await recordWebhookAttempt({ ctx, input: { deliveryId: deliveryId!, ok: true, responseStatus: 200 } });
    const later = NOW + HOUR_MS;
    const again = await redeliverWebhook({ ctx: { ...ctx, nowMs: later }, input });
    expect(again).toMatchObject({ status: 'pending', nextAttemptAt: later, firstAttemptAt: null });
    expect((await deliverJobs()).at(-1)?.payload).toEqual({ deliveryId, dueAt: later });
    await expect(
      redeliverWebhook({ ctx, input: { endpointId: hook.id, deliveryId: 'whd_nope' } }),
    ).rejects.toMatchObject({ code: 'webhook_delivery_not_found' });
  });

  it('deleting an endpoint removes its deliveries; a second delete is not found', async () => {
    const hook = await endpoint(['message.taken']);
    await enqueueWebhookDeliveries({ ctx, input: { event: event('message.taken') } });
    await deleteWebhookEndpoint({ ctx, input: { endpointId: hook.id } });
    expect(await ctx.tenant.webhooks.listDeliveries(hook.id)).toEqual([]);
    await expect(deleteWebhookEndpoint({ ctx, input: { endpointId: hook.id } })).rejects.toMatchObject({
      code: 'webhook_endpoint_not_found',
    });
  });
});
