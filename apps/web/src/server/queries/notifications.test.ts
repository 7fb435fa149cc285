import { recordNotificationSend, saveNotificationSettings } from '@receptionist/domain';
import {
  createTestDatabase,
  createTestReceptionistBusiness,
  type TestDatabase,
} from '@receptionist/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getNotificationSettings } from './notifications.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

describe('getNotificationSettings', () => {
  it('shows empty settings before any are saved, then the business row, and sends newest first', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    const empty = await getNotificationSettings(database.db, tenant.businessId, 'usr_me');
    expect(empty.business).toMatchObject({ emails: [], emailTopics: [], digestHour: 18 });
    expect(empty.recent).toEqual([]);

    await saveNotificationSettings({
      ctx: { tenant, nowMs: 0 },
      input: { emails: ['front@example.test'], emailTopics: ['message'], smsNumber: '+12025550199' },
    });
    for (const eventKey of ['evt_1', 'evt_2']) {
      await recordNotificationSend({
        ctx: { db: database.db },
        input: {
          businessId: tenant.businessId,
          eventKey,
          channel: 'email',
          recipient: 'front@example.test',
          status: 'sent',
        },
      });
    }
    const saved = await getNotificationSettings(database.db, tenant.businessId, 'usr_me');
    expect(saved.business).toMatchObject({ emails: ['front@example.test'], smsNumber: '+12025550199' });
    expect(saved.mine.emailTopics).toEqual([]);
    expect(saved.recent).toHaveLength(2);
    expect(saved.recent[0]!.createdAt).toBeGreaterThanOrEqual(saved.recent[1]!.createdAt);
  });
});
