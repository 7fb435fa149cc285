import { enqueueWebhookDeliveries, recordWebhookAttempt, tenantContext } from '@receptionist/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTestBed, createApiTestBed } from './test-harness.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhookDelivery,
} from './webhooks.ts';

let bed: ApiTestBed;
const allowLoopback = createWebhook(() => ({ allowPrivate: true }));
const refuseLoopback = createWebhook(() => ({ allowPrivate: false }));

beforeAll(async () => {
  bed = await createApiTestBed();
});
afterAll(async () => {
  await bed.testDb.cleanup();
});

async function create(url = 'http://127.0.0.1:9/hook', key?: string) {
  return bed.call(allowLoopback, {
    method: 'POST',
    path: '/api/v1/webhooks',
    body: { url, events: ['message.taken', 'call.ended'] },
    ...(key === undefined ? {} : { key }),
  });
}

describe('/api/v1/webhooks', () => {
  it('needs a valid key', async () => {
    expect((await bed.call(listWebhooks, { path: '/api/v1/webhooks', key: null })).status).toBe(401);
    expect((await create('http://127.0.0.1:9/hook', 'rk_bad')).status).toBe(401);
  });

  it('creates an endpoint: 201 with its id, url, events and a whsec_ secret shown only then', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      events: ['message.taken', 'call.ended'],
      enabled: true,
    });
    expect(created.body.id).toMatch(/^whe_/);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    const id = created.body.id as string;
    const fetched = await bed.call(getWebhook, { path: `/x`, params: { webhookId: id } });
    expect(fetched.body.data).toMatchObject({ id, url: 'http://127.0.0.1:9/hook' });
    expect(fetched.body.data).not.toHaveProperty('secret');
    const listed = await bed.call(listWebhooks, { path: '/api/v1/webhooks' });
    expect(listed.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  it('refuses loopback URLs, by name or address, when private URLs are not allowed', async () => {
    for (const url of [
      'http://localhost:8080/hook',
      'http://127.0.0.1/hook',
      'http://[::1]/x',
      'http://169.254.169.254/',
    ]) {
      const refused = await bed.call(refuseLoopback, {
        method: 'POST',
        path: '/api/v1/webhooks',
        body: { url, events: ['call.ended'] },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'unprocessable',
        details: { reason: 'webhook_url_refused' },
      });
    }
  });

  it('rejects bad bodies: unknown events, no events, a non-http URL', async () => {
    for (const body of [
      { url: 'https://hooks.example/x', events: ['call.exploded'] },
      { url: 'https://hooks.example/x', events: [] },
      { url: 'https://hooks.example/x' },
    ]) {
      const response = await bed.call(allowLoopback, { method: 'POST', path: '/api/v1/webhooks', body });
      expect(response.status).toBe(400);
    }
    const ftp = await bed.call(allowLoopback, {
      method: 'POST',
      path: '/api/v1/webhooks',
      body: { url: 'ftp://hooks.example/x', events: ['call.ended'] },
    });
    expect(ftp.status).toBe(422);
  });

  it("keeps each business's endpoints to itself", async () => {
    const id = (await create()).body.id as string;
    const other = await bed.call(getWebhook, { path: '/x', key: bed.keyB, params: { webhookId: id } });
    expect(other.status).toBe(404);
    const removed = await bed.call(deleteWebhook, {
      method: 'DELETE',
      path: '/x',
      key: bed.keyB,
      params: { webhookId: id },
    });
    expect(removed.status).toBe(404);
    expect((await bed.call(getWebhook, { path: '/x', params: { webhookId: id } })).status).toBe(200);
  });

  it('lists deliveries and redelivers a settled one', async () => {
    const id = (await create()).body.id as string;
    const { tenant } = tenantContext(bed.db, bed.businessA, { kind: 'system' });
    const nowMs = bed.now();
    const event = {
      id: 'evt_api_1',
      type: 'message.taken' as const,
      businessId: bed.businessA,
      occurredAt: nowMs,
      data: { messageId: 'msg_1' },
    };
    const { deliveryIds } = await enqueueWebhookDeliveries({ ctx: { tenant, nowMs }, input: { event } });
    const mine = (await bed.call(listWebhookDeliveries, { path: '/x', params: { webhookId: id } })).body
      .data as Array<{ id: string; eventId: string; status: string }>;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ eventId: 'evt_api_1', status: 'pending', eventType: 'message.taken' });
    const own = mine[0]?.id as string;
    expect(deliveryIds).toContain(own);

    const redeliver = (deliveryIdParam: string) =>
      bed.call(redeliverWebhookDelivery, {
        method: 'POST',
        path: '/x',
        params: { webhookId: id, deliveryId: deliveryIdParam },
      });
    expect((await redeliver(own)).status).toBe(422); // still being attempted
    await recordWebhookAttempt({
      ctx: { tenant, nowMs },
      input: { deliveryId: own, ok: true, responseStatus: 200 },
    });
    const again = await redeliver(own);
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ id: own, status: 'pending' });
    expect((await redeliver('whd_missing')).status).toBe(404);
  });

  it('deletes an endpoint', async () => {
    const id = (await create()).body.id as string;
    const removed = await bed.call(deleteWebhook, {
      method: 'DELETE',
      path: '/x',
      params: { webhookId: id },
    });
    expect(removed).toMatchObject({ status: 200, body: { data: { id, deleted: true } } });
    expect((await bed.call(getWebhook, { path: '/x', params: { webhookId: id } })).status).toBe(404);
    expect((await bed.call(listWebhookDeliveries, { path: '/x', params: { webhookId: id } })).status).toBe(
      404,
    );
  });
});
