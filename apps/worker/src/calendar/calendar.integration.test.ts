import { randomBytes } from 'node:crypto';
import type { CalendarSettings } from '@receptionist/calendar-sync';
import { createCalendarBusyPort } from '@receptionist/calendar-sync';
import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import {
  type BusinessEvent,
  bookAppointment,
  type ClaimedJob,
  cancelAppointment,
  confirmSlotWithCalendars,
  type DomainContext,
  decryptCalendarTokens,
  findSlots,
  rescheduleAppointment,
  saveCalendarConnection,
} from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '@receptionist/google-calendar/testing';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError } from '../errors.ts';
import { createCalendarConsumer } from './consumer.ts';
import { calendarSyncHandler } from './sync-handler.ts';

const ZONE = 'America/New_York';
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: ZONE }).toMillis();
const DAY = '2030-01-08';
const at = (time: string) => DateTime.fromISO(`${DAY}T${time}`, { zone: ZONE }).toMillis();
const iso = (time: string) => new Date(at(time)).toISOString();
const OWNER = 'owner@example.com';
const logger = pino({ level: 'silent' });

let database: TestDatabase;
let google: FakeGoogleCalendar;
let tenant: TenantDb;
let ctx: DomainContext;
let settings: CalendarSettings;
let connectionId: string;
let sourceId: string;
const sleeps: number[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  google = await startFakeGoogleCalendar({ accountEmail: OWNER });
  google.store.now = () => NOW;
  const created = await createTestReceptionistBusiness(database.db);
  tenant = created.tenant;
  ctx = { tenant, profile: created.profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
  settings = {
    tokenKey: randomBytes(32),
    app: {
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      redirectUri: 'https://receptionist.example/api/calendar/google/callback',
      endpoints: google.endpoints,
    },
    publicUrl: 'https://receptionist.example',
    syncIntervalMs: 300_000,
    channelTtlMs: 7 * 86_400_000,
    channelRenewBeforeMs: 86_400_000,
    syncWindowDays: 90,
    maxAttempts: 4,
    backoffBaseMs: 500,
    recheckTimeoutMs: 2_000,
  };
  sleeps.length = 0;
  // Consent through the fake's authorize endpoint, as the dashboard's flow does.
  const tokens = await authorize();
  const connection = await saveCalendarConnection({
    ctx: { tenant, nowMs: NOW },
    input: {
      memberUserId: null,
      accountEmail: OWNER,
      calendars: [{ id: OWNER, summary: OWNER, primary: true }],
      tokens,
    },
    key: settings.tokenKey,
  });
  connectionId = connection.id;
  sourceId = (await tenant.calendar.listSources())[0]!.id;
});
afterEach(async () => {
  await google.close();
  await database.cleanup();
});

async function authorize() {
  const { authorizationUrl, createPkcePair, exchangeCode } = await import('@receptionist/google-calendar');
  const pkce = createPkcePair();
  const consent = await fetch(
    authorizationUrl(settings.app, { state: 's', codeChallenge: pkce.codeChallenge }),
    {
      redirect: 'manual',
    },
  );
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return exchangeCode(settings.app, { code, codeVerifier: pkce.codeVerifier, nowMs: NOW });
}

function jobContext(businessId: string) {
  return {
    job: { id: 'job_1', businessId } as ClaimedJob,
    db: database.db,
    now: () => NOW,
    logger,
    signal: new AbortController().signal,
  };
}

/** Runs the calendar consumer for every appointment event the outbox holds that it has not seen yet. */
const seen = new Set<string>();
async function mirror(consumer = createCalendarConsumer(settings)) {
  const jobs = await tenant.jobs.list();
  for (const job of jobs) {
    const payload = job.payload as { consumer?: string; event?: BusinessEvent };
    if (job.kind !== 'business.event' || payload.consumer !== 'calendar' || seen.has(job.id)) continue;
    seen.add(job.id);
    await consumer({ ...jobContext(tenant.businessId), event: payload.event! });
  }
}

function sync(reason: 'schedule' | 'push' | 'connect' = 'push') {
  return calendarSyncHandler(settings, { sleep: async (ms) => void sleeps.push(ms) })({
    ...jobContext(tenant.businessId),
    payload: { sourceId, reason },
  });
}

async function book(time: string) {
  return bookAppointment({
    ctx,
    input: { service: 'Cleaning', date: DAY, time, customerName: 'Dana', phone: '+12025550101' },
  });
}

describe('mirroring bookings into Google Calendar', () => {
  it('creates, moves and deletes one event per appointment, however often a job is retried', async () => {
    seen.clear();
    const booked = await book('10:00');
    await mirror();
    const consumer = createCalendarConsumer(settings);
    const bookedEvent = (await tenant.jobs.list()).find(
      (job) => (job.payload as { consumer?: string }).consumer === 'calendar',
    )!.payload as { event: BusinessEvent };
    await consumer({ ...jobContext(tenant.businessId), event: bookedEvent.event }); // a retried job
    const events = google.store.liveEvents(OWNER);
    expect(events).toHaveLength(1);
    expect(events[0]?.extendedProperties?.private?.receptionistAppointmentId).toBe(booked.appointment.id);
    expect(events[0]?.start.dateTime).toBe(iso('10:00'));
    expect(events[0]?.summary).toContain('Dana');

    await rescheduleAppointment({
      ctx,
      input: { appointmentId: booked.appointment.id, newDate: DAY, newTime: '14:00' },
    });
    await mirror();
    expect(google.store.liveEvents(OWNER)[0]?.start.dateTime).toBe(iso('14:00'));

    await cancelAppointment({ ctx, input: { appointmentId: booked.appointment.id } });
    await mirror();
    expect(google.store.liveEvents(OWNER)).toHaveLength(0);
  });

  it('does nothing for a business without a connected calendar', async () => {
    seen.clear();
    const other = await createTestReceptionistBusiness(database.db);
    await bookAppointment({
      ctx: { tenant: other.tenant, profile: other.profile, nowMs: NOW },
      input: { service: 'Cleaning', date: DAY, time: '10:00', customerName: 'Lee', phone: '+12025550109' },
    });
    const job = (await other.tenant.jobs.list()).find(
      (j) => (j.payload as { consumer?: string }).consumer === 'calendar',
    )!;
    await createCalendarConsumer(settings)({
      ...jobContext(other.tenant.businessId),
      event: (job.payload as { event: BusinessEvent }).event,
    });
    expect(google.store.liveEvents(OWNER)).toHaveLength(0);
  });
});

describe('syncing busy time from Google', () => {
  it('caches busy time, syncs incrementally, recovers from 401, 403 and 410, and keeps a push channel', async () => {
    google.store.putEvent(OWNER, {
      id: 'dentist',
      start: { dateTime: iso('10:00') },
      end: { dateTime: iso('11:00') },
    });
    await sync('schedule');
    const service = ctx.profile.services.find((s) => s.name === 'Cleaning')!;
    const times = async () => (await findSlots(ctx, { service, fromDate: DAY })).map((slot) => slot.time);
    expect(await times()).not.toContain('10:00');
    // The schedule chain queued the next run one TTL later.
    const next = (await tenant.jobs.list()).filter((job) => job.kind === 'calendar.sync');
    expect(next.map((job) => job.runAt)).toEqual([NOW + settings.syncIntervalMs]);
    // A push channel was opened, since the public URL is https.
    expect(google.store.watches).toHaveLength(1);
    expect(google.store.watches[0]?.address).toBe('https://receptionist.example/api/calendar/google/push');

    // The access token expired: the client refreshes it and the new one is stored, encrypted.
    const before = (await tenant.calendar.getConnection(connectionId))!.tokensCiphertext;
    google.expireAccessTokens();
    google.store.cancelEvent(OWNER, 'dentist');
    google.store.putEvent(OWNER, {
      id: 'lunch',
      start: { dateTime: iso('13:00') },
      end: { dateTime: iso('14:00') },
    });
    await sync();
    expect(google.grants).toContain('refresh_token');
    const after = (await tenant.calendar.getConnection(connectionId))!.tokensCiphertext;
    expect(after).not.toBe(before);
    expect(decryptCalendarTokens(settings.tokenKey, after).refreshToken).toBe(
      decryptCalendarTokens(settings.tokenKey, before).refreshToken,
    );
    expect(await times()).toContain('10:00');
    expect(await times()).not.toContain('13:00');
    expect(google.requests.filter((r) => r.startsWith('GET /calendar/v3/calendars/')).length).toBeGreaterThan(
      1,
    );

    // Rate limited: retried with backoff.
    google.rateLimitNext(2);
    await sync();
    expect(sleeps.length).toBeGreaterThan(0);

    // The sync token went stale: a full resync rebuilds the cache.
    google.invalidateSyncTokens();
    google.store.putEvent(OWNER, {
      id: 'late',
      start: { dateTime: iso('16:00') },
      end: { dateTime: iso('17:00') },
    });
    await sync();
    expect(await times()).not.toContain('16:00');
    expect(await times()).not.toContain('13:00');
    expect(google.store.watches).toHaveLength(1); // not renewed: far from expiry
  });

  it('keeps the scheduled chain alive through a Google outage; a one-off sync is retried by the job', async () => {
    google.rateLimitNext(1_000);
    await sync('schedule');
    const next = (await tenant.jobs.list()).filter((job) => job.kind === 'calendar.sync');
    expect(next.map((job) => job.payload)).toEqual([{ sourceId, reason: 'schedule' }]);
    await expect(sync('push')).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('renews a push channel before it expires, and opens none for a plain-http origin', async () => {
    await sync();
    await tenant.calendar.updateSource(sourceId, { channelExpiresAt: NOW + 3_600_000 });
    await sync();
    expect(google.store.watches).toHaveLength(2);
    expect(google.store.watches[0]?.stopped).toBe(true);
    settings = { ...settings, publicUrl: 'http://localhost:3000' };
    await tenant.calendar.updateSource(sourceId, { channelExpiresAt: NOW + 3_600_000 });
    await sync();
    expect(google.store.watches).toHaveLength(2);
  });

  it('follows our events moved or deleted in Google, and the owner hears of it', async () => {
    seen.clear();
    const booked = await book('10:00');
    await mirror();
    await sync();
    const eventId = google.store.liveEvents(OWNER)[0]!.id;
    google.store.moveEvent(OWNER, eventId, iso('15:00'), iso('16:00'));
    await sync();
    expect((await tenant.appointments.get(booked.appointment.id))?.startAt).toBe(at('15:00'));
    const types = (await tenant.jobs.list())
      .filter((job) => (job.payload as { consumer?: string }).consumer === 'notifications')
      .map((job) => (job.payload as { event: BusinessEvent }).event.type);
    expect(types).toContain('appointment.rescheduled');
    await mirror(); // the move came from Google: nothing to push back
    expect(google.store.event(OWNER, eventId).start.dateTime).toBe(iso('15:00'));

    google.store.cancelEvent(OWNER, eventId);
    await sync();
    expect((await tenant.appointments.get(booked.appointment.id))?.status).toBe('cancelled');
    await mirror(); // deleting an event Google already deleted is done, not an error
  });

  it('turns a revoked grant into "reconnect" and tells the owner once', async () => {
    google.revokeAll();
    google.expireAccessTokens();
    await expect(sync()).rejects.toBeInstanceOf(PermanentJobError);
    expect((await tenant.calendar.getConnection(connectionId))?.status).toBe('reconnect');
    const attention = (await tenant.jobs.list()).filter(
      (job) => (job.payload as { event?: BusinessEvent }).event?.type === 'calendar.needs_attention',
    );
    expect(attention.length).toBeGreaterThan(0);
    await sync(); // a connection needing the owner is skipped, not retried
  });
});

describe('the booking re-check', () => {
  it('refuses a slot taken in Google since the last sync, and offers other times', async () => {
    await sync();
    google.store.putEvent(OWNER, {
      id: 'walkin',
      start: { dateTime: iso('10:00') },
      end: { dateTime: iso('11:00') },
    });
    const port = createCalendarBusyPort({ db: database.db, settings, now: () => NOW, logger });
    const check = await confirmSlotWithCalendars({
      ctx,
      input: { service: 'Cleaning', date: DAY, time: '10:00' },
      calendars: port,
    });
    expect(check).toEqual({ checked: true, conflict: true });
    const refused = await book('10:00').catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'slot_taken',
      details: { alternatives: [{ time: '09:00' }, { time: '11:00' }, { time: '13:00' }] },
    });
    // Our own event is not a conflict for the move of its own booking.
    const booked = await book('14:00');
    seen.clear();
    await mirror();
    const own = await confirmSlotWithCalendars({
      ctx,
      input: { service: 'Cleaning', date: DAY, time: '14:30', appointmentId: booked.appointment.id },
      calendars: port,
    });
    expect(own).toEqual({ checked: true, conflict: false });
  });
});
