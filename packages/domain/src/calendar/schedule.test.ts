import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { saveCalendarConnection } from './connections.ts';
import { saveCalendarChannel } from './links.ts';
import { acceptCalendarPush } from './schedule.ts';

const NOW = Date.parse('2030-01-07T13:00:00Z');
let database: TestDatabase;
let tenant: TenantDb;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant } = await createTestReceptionistBusiness(database.db));
});
afterEach(async () => {
  await database.cleanup();
});

describe('Google push notifications', () => {
  it('queue a sync only for a known channel with its token', async () => {
    const { randomBytes } = await import('node:crypto');
    const connection = await saveCalendarConnection({
      ctx: { tenant, nowMs: NOW },
      input: {
        memberUserId: null,
        accountEmail: 'owner@example.com',
        calendars: [{ id: 'owner@example.com', summary: 'Owner', primary: true }],
        tokens: { accessToken: 'a', refreshToken: 'r', expiresAtMs: NOW, scope: '' },
      },
      key: randomBytes(32),
    });
    const source = (await tenant.calendar.listSources(connection.id))[0]!;
    await saveCalendarChannel({
      ctx: { tenant },
      input: {
        sourceId: source.id,
        channelId: 'ch1',
        resourceId: 'r1',
        token: 'secret-token',
        expiresAt: NOW + 1000,
      },
    });
    const push = (channelId: string, channelToken: string, resourceState = 'exists') =>
      acceptCalendarPush({
        ctx: { db: database.db, nowMs: NOW },
        input: { channelId, channelToken, resourceState },
      });
    expect(await push('ch1', 'wrong-token!')).toBe('unknown_channel');
    expect(await push('nope', 'secret-token')).toBe('unknown_channel');
    expect(await push('ch1', 'secret-token', 'sync')).toBe('ignored');
    expect(await push('ch1', 'secret-token')).toBe('queued');
    const syncs = (await tenant.jobs.list()).filter((job) => job.kind === 'calendar.sync');
    expect(syncs.map((job) => job.payload)).toEqual([{ sourceId: source.id, reason: 'push' }]);
  });
});
