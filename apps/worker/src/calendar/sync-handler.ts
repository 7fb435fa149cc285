import { randomBytes, randomUUID } from 'node:crypto';
import type { CalendarSettings } from '@receptionist/calendar-sync';
import { openCalendarSession } from '@receptionist/calendar-sync';
import {
  applyCalendarSync,
  applyExternalEventChange,
  type CalendarSourceRow,
  loadDomainContext,
  requestCalendarSync,
  saveCalendarChannel,
  tenantContext,
} from '@receptionist/domain';
import { type GoogleCalendarApi, GoogleCalendarError } from '@receptionist/google-calendar';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler, JobHandlerContext } from '../handlers/registry.ts';

const SYSTEM = { kind: 'system' } as const;

const DAY_MS = 86_400_000;

/**
 * `calendar.sync`: refreshes one calendar's busy cache with an incremental `events.list` (its sync
 * token), falling back to a full listing when Google answers 410 Gone; follows our own events the owner
 * moved or deleted in Google; keeps a push channel open when the public URL is https, renewing it before
 * it expires. A `schedule` run queues the next one a TTL later, so the cache is never older than that
 * (push notifications make it sooner). Rate limits and 5xx are retried by the client, then by the job.
 */
export function calendarSyncHandler(
  settings: CalendarSettings | undefined,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): JobHandler<'calendar.sync'> {
  return async (context) => {
    const { job, payload, db, now, logger } = context;
    if (settings === undefined) {
      throw new PermanentJobError(
        'Google Calendar is not configured (CALENDAR_TOKEN_KEY, GOOGLE_CLIENT_ID…)',
      );
    }
    const tenant = tenantContext(db, job.businessId, SYSTEM).tenant;
    const source = await tenant.calendar.getSource(payload.sourceId);
    if (source === undefined) return; // disconnected and gone
    const connection = await tenant.calendar.getConnection(source.connectionId);
    if (connection === undefined || connection.status !== 'connected') return; // the chain stops until reconnect
    const relevant = source.blocksAvailability || connection.bookingCalendarId === source.calendarId;
    if (relevant) {
      const session = await openCalendarSession({
        db,
        businessId: job.businessId,
        connectionId: connection.id,
        settings,
        now,
        logger,
        sleep: options.sleep,
      });
      try {
        await session.run((api) => syncOnce(context, api, source, settings));
      } catch (error) {
        if (error instanceof GoogleCalendarError && error.kind === 'reconnect') {
          throw new PermanentJobError('the calendar must be reconnected', { cause: error });
        }
        // A scheduled run that Google turned away (rate limit, outage) is retried by the next scheduled
        // run rather than by the job: the chain must survive an outage longer than the job's retries.
        if (!(error instanceof GoogleCalendarError) || payload.reason !== 'schedule') throw error;
        logger.warn(
          { err: error, sourceId: source.id },
          'calendar sync failed; the next scheduled run retries',
        );
      }
    }
    if (payload.reason === 'schedule') {
      await requestCalendarSync({
        ctx: { tenant, nowMs: now() },
        input: { sourceId: source.id, reason: 'schedule', runAt: now() + settings.syncIntervalMs },
      });
    }
  };
}

async function syncOnce(
  context: JobHandlerContext<'calendar.sync'>,
  api: GoogleCalendarApi,
  source: CalendarSourceRow,
  settings: CalendarSettings,
): Promise<void> {
  const { db, job, now, logger } = context;
  const tenant = tenantContext(db, job.businessId, SYSTEM).tenant;
  const domain = await loadDomainContext(db, job.businessId, { actor: { kind: 'system' }, nowMs: now() });
  const zone = source.timeZone ?? domain.profile.timeZone;
  const full = () =>
    api.listEvents(
      source.calendarId,
      { fromMs: now() - DAY_MS, toMs: now() + settings.syncWindowDays * DAY_MS },
      zone,
    );
  let mode: 'full' | 'delta' = source.syncToken === null ? 'full' : 'delta';
  let listing: Awaited<ReturnType<typeof full>>;
  try {
    listing =
      source.syncToken === null
        ? await full()
        : await api.listEvents(source.calendarId, { syncToken: source.syncToken }, zone);
  } catch (error) {
    if (!(error instanceof GoogleCalendarError && error.kind === 'sync_token_gone')) throw error;
    logger.info({ sourceId: source.id }, 'calendar sync token expired: full resync');
    mode = 'full';
    listing = await full();
  }
  const result = await applyCalendarSync({
    ctx: { tenant, nowMs: now() },
    input: {
      sourceId: source.id,
      mode,
      nextSyncToken: listing.nextSyncToken,
      events: listing.events.map((event) => ({
        id: event.id,
        status: event.status,
        transparent: event.transparent,
        ...(event.startMs === undefined ? {} : { startMs: event.startMs }),
        ...(event.endMs === undefined ? {} : { endMs: event.endMs }),
        ...(event.appointmentId === undefined ? {} : { appointmentId: event.appointmentId }),
      })),
    },
  });
  for (const change of result.changes) {
    const outcome = await applyExternalEventChange({
      ctx: domain,
      input: { connectionId: source.connectionId, change },
    });
    logger.info(
      { appointmentId: change.appointmentId, kind: change.kind, ...outcome },
      'followed a change made in Google',
    );
  }
  logger.info(
    { sourceId: source.id, mode, busy: result.busy, changes: result.changes.length },
    'calendar synced',
  );
  await renewChannel(context, api, source, settings);
}

/** Opens (or renews before expiry) the push channel of a blocking calendar; only for an https origin. */
async function renewChannel(
  context: JobHandlerContext<'calendar.sync'>,
  api: GoogleCalendarApi,
  source: CalendarSourceRow,
  settings: CalendarSettings,
): Promise<void> {
  const { db, job, now } = context;
  if (
    !source.blocksAvailability ||
    settings.publicUrl === undefined ||
    !settings.publicUrl.startsWith('https://')
  )
    return;
  if (source.channelExpiresAt !== null && source.channelExpiresAt > now() + settings.channelRenewBeforeMs)
    return;
  const channelToken = randomBytes(24).toString('base64url');
  const channel = await api.watchEvents(source.calendarId, {
    channelId: randomUUID(),
    address: `${settings.publicUrl.replace(/\/+$/, '')}/api/calendar/google/push`,
    token: channelToken,
    ttlMs: settings.channelTtlMs,
  });
  const previous = source.channelId !== null && source.channelResourceId !== null ? source : undefined;
  await saveCalendarChannel({
    ctx: tenantContext(db, job.businessId, SYSTEM),
    input: {
      sourceId: source.id,
      channelId: channel.id,
      resourceId: channel.resourceId,
      token: channelToken,
      expiresAt: channel.expirationMs,
    },
  });
  if (previous !== undefined) await api.stopChannel(previous.channelId!, previous.channelResourceId!);
}
