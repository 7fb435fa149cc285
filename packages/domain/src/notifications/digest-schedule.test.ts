import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { digestRunAtMs, nextDigestDate, scheduleDigest } from './digest-schedule.ts';
import { readNotificationSettings, saveNotificationSettings } from './settings.ts';

const ZONE = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

describe('digest timing', () => {
  it('is due at the local hour, today while it is ahead, else tomorrow', () => {
    expect(nextDigestDate(ZONE, 18, at('2030-01-07T17:59'))).toBe('2030-01-07');
    expect(nextDigestDate(ZONE, 18, at('2030-01-07T18:00'))).toBe('2030-01-08');
    expect(digestRunAtMs(ZONE, '2030-01-07', 18)).toBe(Date.parse('2030-01-07T23:00:00Z'));
  });

  it('keeps the local hour across a daylight-saving change', () => {
    // New York springs forward on 2030-03-10: 18:00 is 23:00Z the day before, 22:00Z that day.
    expect(digestRunAtMs(ZONE, '2030-03-09', 18)).toBe(Date.parse('2030-03-09T23:00:00Z'));
    expect(digestRunAtMs(ZONE, '2030-03-10', 18)).toBe(Date.parse('2030-03-10T22:00:00Z'));
  });
});

describe('scheduleDigest', () => {
  it('queues one job per business-day, however often it is asked', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db, { timeZone: ZONE });
    const nowMs = at('2030-01-07T08:00');
    await saveNotificationSettings({
      ctx: { tenant, nowMs },
      input: { emails: ['owner@example.test'], emailTopics: ['daily_digest'], digestHour: 7 },
    });
    // Saving queued the next 07:00, which is tomorrow (08:00 today has passed it).
    expect(await scheduleDigest({ ctx: { tenant, nowMs }, input: {} })).toBeUndefined();
    expect(await scheduleDigest({ ctx: { tenant, nowMs }, input: { after: '2030-01-08' } })).toEqual({
      date: '2030-01-09',
      runAt: at('2030-01-09T07:00'),
    });
    expect(await scheduleDigest({ ctx: { tenant, nowMs }, input: { after: '2030-01-08' } })).toBeUndefined();
    const jobs = (await tenant.jobs.list()).filter((job) => job.kind === 'notification.digest');
    expect(jobs.map((job) => [job.payload, job.runAt])).toEqual([
      [{ date: '2030-01-08' }, at('2030-01-08T07:00')],
      [{ date: '2030-01-09' }, at('2030-01-09T07:00')],
    ]);
  });
});

describe('notification settings', () => {
  it('starts with nothing sent, and saves the business row and a member row apart', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    const ctx = { tenant, nowMs: at('2030-01-07T08:00') };
    expect((await readNotificationSettings({ ctx })).business).toMatchObject({
      emails: [],
      emailTopics: [],
      smsTopics: [],
    });
    await saveNotificationSettings({
      ctx,
      input: {
        emails: ['a@example.test', 'a@example.test'],
        smsNumber: '(202) 555-0199',
        smsTopics: ['booking'],
      },
    });
    const saved = await readNotificationSettings({ ctx });
    expect(saved.business).toMatchObject({ emails: ['a@example.test'], smsNumber: '+12025550199' });
    expect(saved.members).toEqual([]);
    expect((await tenant.jobs.list()).filter((job) => job.kind === 'notification.digest')).toEqual([]);
  });

  it('refuses a bad number, a bad address and a stranger, writing nothing', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    const ctx = { tenant, nowMs: 0 };
    await expect(saveNotificationSettings({ ctx, input: { smsNumber: '12' } })).rejects.toMatchObject({
      code: 'invalid_phone',
    });
    await expect(saveNotificationSettings({ ctx, input: { emails: ['not an address'] } })).rejects.toThrow();
    await expect(saveNotificationSettings({ ctx, input: { userId: 'usr_nobody' } })).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await tenant.notifications.listSettings()).toEqual([]);
  });
});
