import { createTestMessage } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTenant } from '../queries/tenant.ts';
import { listMessages, updateMessage } from './messages.ts';
import { type ApiTestBed, createApiTestBed } from './test-harness.ts';

let bed: ApiTestBed;
let messageA: string;
let messageB: string;

beforeAll(async () => {
  bed = await createApiTestBed();
  messageA = (
    await createTestMessage(bed.db, bed.businessA, { reason: 'Call me about my bill', callerName: 'Ann' })
  ).id;
  messageB = (await createTestMessage(bed.db, bed.businessB, { reason: 'Beta only' })).id;
});

afterAll(async () => {
  await bed.testDb.cleanup();
});

describe('/api/v1/messages', () => {
  it('needs a valid key', async () => {
    expect((await bed.call(listMessages, { path: '/api/v1/messages', key: null })).status).toBe(401);
    expect(
      (
        await bed.call(updateMessage, {
          method: 'PATCH',
          path: '/x',
          key: 'rk_bad',
          body: { handled: true },
          params: { messageId: messageA },
        })
      ).status,
    ).toBe(401);
  });

  it("lists only the key's business's messages, filtered by handled", async () => {
    const all = await bed.call(listMessages, { path: '/api/v1/messages' });
    expect(all.status).toBe(200);
    expect(all.body.data).toEqual([
      expect.objectContaining({ id: messageA, reason: 'Call me about my bill', handled: false }),
    ]);
    const handled = await bed.call(listMessages, { path: '/api/v1/messages?handled=true' });
    expect(handled.body.data).toEqual([]);
  });

  it('marks a message handled and back', async () => {
    const done = await bed.call(updateMessage, {
      method: 'PATCH',
      path: '/x',
      body: { handled: true },
      params: { messageId: messageA },
    });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ id: messageA, handled: true });
    expect((await readTenant(bed.db, bed.businessA).messages.get(messageA))?.handled).toBe(true);
    const reopened = await bed.call(updateMessage, {
      method: 'PATCH',
      path: '/x',
      body: { handled: false },
      params: { messageId: messageA },
    });
    expect(reopened.body.data).toMatchObject({ handled: false });
  });

  it("cannot touch another business's message, and validates the body", async () => {
    const foreign = await bed.call(updateMessage, {
      method: 'PATCH',
      path: '/x',
      body: { handled: true },
      params: { messageId: messageB },
    });
    expect(foreign.status).toBe(404);
    expect((await readTenant(bed.db, bed.businessB).messages.get(messageB))?.handled).toBe(false);
    const badBody = await bed.call(updateMessage, {
      method: 'PATCH',
      path: '/x',
      body: { handled: 'yes' },
      params: { messageId: messageA },
    });
    expect(badBody.status).toBe(400);
    const notJson = await bed.call(updateMessage, {
      method: 'PATCH',
      path: '/x',
      body: '{nope',
      params: { messageId: messageA },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.message).toContain('JSON');
  });
});
