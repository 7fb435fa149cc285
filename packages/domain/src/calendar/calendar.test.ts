import { randomBytes } from 'node:crypto';
import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, createTestUser, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookAppointment } from '../appointments/book.ts';
import { type DomainContext, findSlots } from '../availability/index.ts';
import { DomainError } from '../errors.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import {
  chooseCalendars,
  saveCalendarConnection,
  startCalendarConnection,
  takeCalendarAuthorization,
} from './connections.ts';
import { applyExternalEventChange } from './external-change.ts';
import { calendarFeedIcs, createCalendarFeed, revokeCalendarFeed } from './feeds.ts';
import { buildIcs } from './ics.ts';
import { applyCalendarSync } from './sync.ts';
import { decryptCalendarTokens, encryptCalendarTokens, parseCalendarTokenKey } from './token-crypto.ts';

const ZONE = 'America/New_York';
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: ZONE }).toMillis();
const DAY = '2030-01-08';
const at = (time: string, date = DAY) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();
const KEY = randomBytes(32);
const TOKENS = {
  accessToken: 'ya29.a',
  refreshToken: '1//r',
  expiresAtMs: NOW + 3_600_000,
  scope: 'calendar.events',
};

let database: TestDatabase;
let tenant: TenantDb;
let profile: BusinessProfile;
let ctx: DomainContext;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant, profile } = await createTestReceptionistBusiness(database.db));
  ctx = { tenant, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
});
afterEach(async () => {
  await database.cleanup();
});

async function connect() {
  const connection = await saveCalendarConnection({
    ctx: { tenant, nowMs: NOW },
    input: {
      memberUserId: null,
      accountEmail: 'owner@example.com',
      calendars: [
        { id: 'owner@example.com', summary: 'Owner', primary: true },
        { id: 'family', summary: 'Family', primary: false },
      ],
      tokens: TOKENS,
    },
    key: KEY,
  });
  const sources = await tenant.calendar.listSources(connection.id);
  return {
    connection,
    primary: sources.find((s) => s.calendarId === 'owner@example.com')!,
    family: sources.find((s) => s.calendarId === 'family')!,
  };
}

describe('calendar tokens at rest', () => {
  it('round-trips with the key and refuses another key or altered text', () => {
    const sealed = encryptCalendarTokens(KEY, TOKENS);
    expect(sealed).not.toContain('ya29');
    expect(decryptCalendarTokens(KEY, sealed)).toEqual(TOKENS);
    expect(() => decryptCalendarTokens(randomBytes(32), sealed)).toThrow(DomainError);
    expect(() => decryptCalendarTokens(KEY, `${sealed.slice(0, -2)}AA`)).toThrow(DomainError);
  });

  it('accepts a 32-byte key as hex or base64 only', () => {
    expect(parseCalendarTokenKey(KEY.toString('hex'))?.equals(KEY)).toBe(true);
    expect(parseCalendarTokenKey(KEY.toString('base64'))?.equals(KEY)).toBe(true);
    expect(parseCalendarTokenKey('too-short')).toBeUndefined();
  });
});

describe('connecting a calendar', () => {
  it('hands the PKCE verifier back once, to who started, before it expires', async () => {
    const user = await createTestUser(database.db, { email: 'owner@example.com' });
    const started = await startCalendarConnection({
      ctx: { tenant, nowMs: NOW },
      input: { startedByUserId: user.id },
    });
    await expect(
      takeCalendarAuthorization({
        ctx: { tenant, nowMs: NOW },
        input: { state: started.state, userId: 'usr_other' },
      }),
    ).rejects.toMatchObject({ code: 'calendar_authorization_invalid' });
    const again = await startCalendarConnection({
      ctx: { tenant, nowMs: NOW },
      input: { startedByUserId: user.id },
    });
    const taken = await takeCalendarAuthorization({
      ctx: { tenant, nowMs: NOW },
      input: { state: again.state, userId: user.id },
    });
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(taken.codeVerifier).digest('base64url')).toBe(again.codeChallenge);
    await expect(
      takeCalendarAuthorization({
        ctx: { tenant, nowMs: NOW },
        input: { state: again.state, userId: user.id },
      }),
    ).rejects.toMatchObject({ code: 'calendar_authorization_invalid' });
    const late = await startCalendarConnection({
      ctx: { tenant, nowMs: NOW },
      input: { startedByUserId: user.id },
    });
    await expect(
      takeCalendarAuthorization({
        ctx: { tenant, nowMs: NOW + 11 * 60_000 },
        input: { state: late.state, userId: user.id },
      }),
    ).rejects.toMatchObject({ code: 'calendar_authorization_invalid' });
  });

  it('blocks with the primary calendar by default; the owner chooses others', async () => {
    const { connection, family } = await connect();
    const blocking = (await tenant.calendar.listSources()).map((s) => [s.calendarId, s.blocksAvailability]);
    expect(Object.fromEntries(blocking)).toEqual({ 'owner@example.com': true, family: false });
    await chooseCalendars({
      ctx: { tenant, nowMs: NOW },
      input: { connectionId: connection.id, blockingCalendarIds: ['family'], bookingCalendarId: 'family' },
    });
    expect((await tenant.calendar.getSource(family.id))?.blocksAvailability).toBe(true);
    expect((await tenant.calendar.getConnection(connection.id))?.bookingCalendarId).toBe('family');
    const syncs = (await tenant.jobs.list()).filter((job) => job.kind === 'calendar.sync');
    expect(syncs.map((job) => job.payload)).toEqual([{ sourceId: family.id, reason: 'connect' }]);
    await expect(
      chooseCalendars({
        ctx: { tenant, nowMs: NOW },
        input: { connectionId: connection.id, blockingCalendarIds: ['nope'], bookingCalendarId: null },
      }),
    ).rejects.toMatchObject({ code: 'calendar_not_found' });
  });
});

describe('availability with calendar busy time', () => {
  it('leaves out slots busy in a blocking calendar, and frees them when the event goes', async () => {
    const { primary, family } = await connect();
    const dentist = {
      id: 'ev1',
      status: 'confirmed' as const,
      startMs: at('10:00'),
      endMs: at('11:00'),
      transparent: false,
    };
    const free = {
      id: 'ev2',
      status: 'confirmed' as const,
      startMs: at('14:00'),
      endMs: at('15:00'),
      transparent: true,
    };
    const sync = await applyCalendarSync({
      ctx: { tenant, nowMs: NOW },
      input: { sourceId: primary.id, mode: 'full', events: [dentist, free], nextSyncToken: 'sync-1' },
    });
    expect(sync.busy).toBe(1);
    await applyCalendarSync({
      ctx: { tenant, nowMs: NOW },
      input: {
        sourceId: family.id,
        mode: 'full',
        events: [{ ...dentist, id: 'f1', startMs: at('15:00'), endMs: at('16:00') }],
        nextSyncToken: 's',
      },
    });
    const service = profile.services[0]!;
    const times = async () => (await findSlots(ctx, { service, fromDate: DAY })).map((slot) => slot.time);
    const before = await times();
    expect(before).not.toContain('10:00');
    expect(before).not.toContain('10:30');
    expect(before).toContain('11:00');
    expect(before).toContain('14:00'); // marked free in Google
    expect(before).toContain('15:00'); // the family calendar does not block
    expect((await tenant.calendar.getSource(primary.id))?.syncToken).toBe('sync-1');
    await applyCalendarSync({
      ctx: { tenant, nowMs: NOW },
      input: {
        sourceId: primary.id,
        mode: 'delta',
        events: [{ ...dentist, status: 'cancelled' }],
        nextSyncToken: 'sync-2',
      },
    });
    expect(await times()).toContain('10:00');
  });

  it('reports our own events moved or deleted in Google, and follows them through the booking verbs', async () => {
    const { connection, primary } = await connect();
    const booked = await bookAppointment({
      ctx,
      input: { service: 'Cleaning', date: DAY, time: '10:00', customerName: 'Dana', phone: '+12025550101' },
    });
    const appointment = booked.appointment;
    await tenant.calendar.saveLink({
      appointmentId: appointment.id,
      connectionId: connection.id,
      calendarId: primary.calendarId,
      externalEventId: 'rcp1',
      startAt: appointment.startAt,
      endAt: appointment.endAt,
      deletedAt: null,
    });
    const ours = {
      id: 'rcp1',
      status: 'confirmed' as const,
      transparent: false,
      appointmentId: appointment.id,
    };
    const moved = await applyCalendarSync({
      ctx: { tenant, nowMs: NOW },
      input: {
        sourceId: primary.id,
        mode: 'delta',
        events: [{ ...ours, startMs: at('13:00'), endMs: at('14:00') }],
        nextSyncToken: 's2',
      },
    });
    expect(moved.busy).toBe(0); // our own event is not someone else's busy time
    expect(moved.changes).toEqual([
      { appointmentId: appointment.id, kind: 'moved', startAt: at('13:00'), endAt: at('14:00') },
    ]);
    const change = moved.changes[0]!;
    expect(await applyExternalEventChange({ ctx, input: { connectionId: connection.id, change } })).toEqual({
      outcome: 'moved',
    });
    expect((await tenant.appointments.get(appointment.id))?.startAt).toBe(at('13:00'));
    // Moved onto a closed day: refused, and the owner is told.
    const sunday = {
      appointmentId: appointment.id,
      kind: 'moved' as const,
      startAt: at('23:00'),
      endAt: at('23:30'),
    };
    expect(
      await applyExternalEventChange({ ctx, input: { connectionId: connection.id, change: sunday } }),
    ).toEqual({ outcome: 'refused' });
    const attention = (await tenant.jobs.list()).filter(
      (job) => (job.payload as { event?: { type?: string } }).event?.type === 'calendar.needs_attention',
    );
    expect(attention.length).toBeGreaterThan(0);
    const deleted = await applyCalendarSync({
      ctx: { tenant, nowMs: NOW },
      input: {
        sourceId: primary.id,
        mode: 'delta',
        events: [{ ...ours, status: 'cancelled' }],
        nextSyncToken: 's3',
      },
    });
    expect(deleted.changes).toEqual([{ appointmentId: appointment.id, kind: 'deleted' }]);
    await applyExternalEventChange({
      ctx,
      input: { connectionId: connection.id, change: deleted.changes[0]! },
    });
    expect((await tenant.appointments.get(appointment.id))?.status).toBe('cancelled');
  });
});

describe('ICS feeds', () => {
  it('serves a valid RFC 5545 calendar with its time zone at a secret URL until revoked', async () => {
    await bookAppointment({
      ctx,
      input: { service: 'Cleaning', date: DAY, time: '10:00', customerName: 'Dana', phone: '+12025550101' },
    });
    const feed = await createCalendarFeed({ ctx: { tenant }, input: {} });
    const { ics } = await calendarFeedIcs({
      ctx: { db: database.db, nowMs: NOW },
      input: { token: feed.token },
    });
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain(`TZID:${ZONE}`);
    expect(ics).toMatch(/DTSTART;TZID=America\/New_York:20300108T100000/);
    expect(ics).toMatch(/DTSTAMP:20300107T130000Z\r\n/);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true); // CRLF line ends only
    const parsed = Object.values(ical.sync.parseICS(ics)).filter((entry) => entry?.type === 'VEVENT');
    expect(parsed).toHaveLength(1);
    const event = parsed[0] as ical.VEvent;
    expect(event.start.getTime()).toBe(at('10:00'));
    expect(event.summary).toContain('Dana');
    await revokeCalendarFeed({ ctx: { tenant, nowMs: NOW }, input: { feedId: feed.id } });
    await expect(
      calendarFeedIcs({ ctx: { db: database.db, nowMs: NOW }, input: { token: feed.token } }),
    ).rejects.toMatchObject({ code: 'calendar_feed_not_found' });
    await expect(
      calendarFeedIcs({ ctx: { db: database.db, nowMs: NOW }, input: { token: 'x'.repeat(32) } }),
    ).rejects.toMatchObject({ code: 'calendar_feed_not_found' });
  });

  it('writes UTC times when the zone has no VTIMEZONE on file', () => {
    const ics = buildIcs({
      name: 'X',
      timeZone: 'Etc/Unknown',
      nowMs: NOW,
      entries: [{ appointmentId: 'apt_1', startAt: at('10:00'), endAt: at('11:00'), summary: 'Cleaning' }],
    });
    expect(ics).not.toContain('TZID');
    expect(ics).toContain('DTSTART:20300108T150000Z');
    const event = Object.values(ical.sync.parseICS(ics)).find(
      (entry) => entry?.type === 'VEVENT',
    ) as ical.VEvent;
    expect(event.start.getTime()).toBe(at('10:00'));
  });

  it('gives a staff member a feed of their own', async () => {
    const user = await createTestUser(database.db, { email: 'sam@example.com' });
    await tenant.members.set(user.id, 'staff');
    const feed = await createCalendarFeed({ ctx: { tenant }, input: { memberUserId: user.id } });
    expect((await tenant.calendar.listFeeds())[0]?.memberUserId).toBe(user.id);
    await expect(
      calendarFeedIcs({ ctx: { db: database.db, nowMs: NOW }, input: { token: feed.token } }),
    ).resolves.toBeDefined();
    await expect(
      createCalendarFeed({ ctx: { tenant }, input: { memberUserId: 'usr_nobody' } }),
    ).rejects.toMatchObject({
      code: 'user_not_found',
    });
  });
});

describe('reconnecting', () => {
  it('keeps the connection and its choices when the same account connects again', async () => {
    const { connection, family } = await connect();
    await chooseCalendars({
      ctx: { tenant, nowMs: NOW },
      input: { connectionId: connection.id, blockingCalendarIds: ['family'], bookingCalendarId: 'family' },
    });
    await tenant.calendar.updateConnection(connection.id, { status: 'reconnect' });
    const again = await saveCalendarConnection({
      ctx: { tenant, nowMs: NOW },
      input: {
        memberUserId: null,
        accountEmail: 'owner@example.com',
        calendars: [{ id: 'owner@example.com', summary: 'Owner', primary: true }],
        tokens: { ...TOKENS, refreshToken: '1//new' },
      },
      key: KEY,
    });
    expect(again.id).toBe(connection.id);
    const row = await tenant.calendar.getConnection(connection.id);
    expect(row?.status).toBe('connected');
    expect(row?.bookingCalendarId).toBe('family');
    expect(decryptCalendarTokens(KEY, row!.tokensCiphertext).refreshToken).toBe('1//new');
    expect((await tenant.calendar.getSource(family.id))?.blocksAvailability).toBe(true);
  });
});
