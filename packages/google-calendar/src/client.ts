import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { GoogleCalendarError, toGoogleCalendarError } from './errors.ts';
import { type GoogleOAuthApp, type GoogleTokens, oauthClient } from './oauth.ts';

/** The private extended property that ties an event to our appointment (idempotency, and sync back). */
export const APPOINTMENT_PROPERTY = 'receptionistAppointmentId';

export interface BusyInterval {
  startMs: number;
  endMs: number;
}

/** An event as sync needs it. All-day events carry their dates converted in the calendar's zone. */
export interface CalendarEventSnapshot {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Undefined for a cancelled event (Google sends only its id in incremental sync). */
  startMs: number | undefined;
  endMs: number | undefined;
  /** Marked "free" in Google: does not block availability. */
  transparent: boolean;
  appointmentId: string | undefined;
}

export interface EventInput {
  appointmentId: string;
  summary: string;
  description?: string | undefined;
  startMs: number;
  endMs: number;
  timeZone: string;
}

export interface WatchChannel {
  id: string;
  resourceId: string;
  expirationMs: number;
}

export interface GoogleCalendarApiOptions {
  app: GoogleOAuthApp;
  tokens: GoogleTokens;
  /** Called with new tokens whenever the library refreshes the access token (persist them). */
  onTokens?: ((tokens: GoogleTokens) => void) | undefined;
  /** Attempts per request on rate limits and 5xx (default 4). */
  maxAttempts?: number | undefined;
  /** Base of the exponential backoff between attempts (default 500 ms). */
  backoffBaseMs?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** [0, 1) jitter source. */
  random?: (() => number) | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Google Calendar v3 through `@googleapis/calendar`, with the OAuth client refreshing an expired access
 * token itself on a 401 (and reporting the new one through `onTokens`), and our own retry loop for rate
 * limits (403 rateLimitExceeded, 429) and 5xx with exponential backoff and jitter. The library's own
 * retry is off so that retries are bounded and their sleeps injectable.
 */
export function createGoogleCalendarApi(options: GoogleCalendarApiOptions) {
  const auth = oauthClient(options.app);
  auth.setCredentials({
    access_token: options.tokens.accessToken,
    refresh_token: options.tokens.refreshToken,
    expiry_date: options.tokens.expiresAtMs,
    scope: options.tokens.scope,
    token_type: 'Bearer',
  });
  let current = options.tokens;
  auth.on('tokens', (tokens) => {
    current = {
      accessToken: tokens.access_token ?? current.accessToken,
      refreshToken: tokens.refresh_token ?? current.refreshToken,
      expiresAtMs: tokens.expiry_date ?? current.expiresAtMs,
      scope: tokens.scope ?? current.scope,
    };
    options.onTokens?.(current);
  });
  const api = calendar({ version: 'v3', auth, rootUrl: options.app.endpoints.apiRootUrl, retry: false });
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  async function call<T>(run: () => Promise<T>, context: { syncing?: boolean } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const mapped = toGoogleCalendarError(error, context);
        const retryable =
          mapped.kind === 'rate_limited' || (mapped.kind === 'failed' && (mapped.status ?? 500) >= 500);
        if (!retryable || attempt >= maxAttempts) throw mapped;
        await sleep(Math.round(backoffBaseMs * 2 ** (attempt - 1) * (1 + random())));
      }
    }
  }

  return {
    /** The tokens now in use (after any refresh). */
    get tokens(): GoogleTokens {
      return current;
    },

    async listCalendars(): Promise<
      Array<{ id: string; summary: string; primary: boolean; timeZone?: string }>
    > {
      const items: calendar_v3.Schema$CalendarListEntry[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call(() => api.calendarList.list({ pageToken, maxResults: 250 }));
        items.push(...(page.data.items ?? []));
        pageToken = page.data.nextPageToken ?? undefined;
      } while (pageToken);
      return items.flatMap((item) =>
        item.id
          ? [
              {
                id: item.id,
                summary: item.summaryOverride ?? item.summary ?? item.id,
                primary: item.primary === true,
                ...(item.timeZone ? { timeZone: item.timeZone } : {}),
              },
            ]
          : [],
      );
    },

    /** Busy intervals of each calendar between two instants (Google merges overlapping events itself). */
    async freeBusy(
      calendarIds: readonly string[],
      fromMs: number,
      toMs: number,
    ): Promise<Array<BusyInterval & { calendarId: string }>> {
      const response = await call(() =>
        api.freebusy.query({
          requestBody: {
            timeMin: new Date(fromMs).toISOString(),
            timeMax: new Date(toMs).toISOString(),
            items: calendarIds.map((id) => ({ id })),
          },
        }),
      );
      const busy: Array<BusyInterval & { calendarId: string }> = [];
      for (const id of calendarIds) {
        const entry = response.data.calendars?.[id];
        if (entry?.errors?.length) {
          throw new GoogleCalendarError(
            'failed',
            `freeBusy failed for a calendar: ${entry.errors[0]?.reason}`,
          );
        }
        for (const range of entry?.busy ?? []) {
          if (range.start && range.end)
            busy.push({ calendarId: id, startMs: Date.parse(range.start), endMs: Date.parse(range.end) });
        }
      }
      return busy;
    },

    /**
     * Incremental sync: with `syncToken`, the events changed since (cancelled ones included); without,
     * a full listing of the window. Follows every page and returns the next sync token. A stale token
     * throws `sync_token_gone` (410).
     */
    async listEvents(
      calendarId: string,
      window: { syncToken: string } | { fromMs: number; toMs: number },
      fallbackTimeZone: string,
    ): Promise<{ events: CalendarEventSnapshot[]; nextSyncToken: string | undefined }> {
      const events: CalendarEventSnapshot[] = [];
      let pageToken: string | undefined;
      let nextSyncToken: string | undefined;
      do {
        const page = await call(
          () =>
            api.events.list({
              calendarId,
              singleEvents: true,
              maxResults: 250,
              pageToken,
              ...('syncToken' in window
                ? { syncToken: window.syncToken, showDeleted: true }
                : {
                    timeMin: new Date(window.fromMs).toISOString(),
                    timeMax: new Date(window.toMs).toISOString(),
                  }),
            }),
          { syncing: 'syncToken' in window },
        );
        const zone = page.data.timeZone ?? fallbackTimeZone;
        events.push(...(page.data.items ?? []).map((item) => toSnapshot(item, zone)));
        pageToken = page.data.nextPageToken ?? undefined;
        nextSyncToken = page.data.nextSyncToken ?? nextSyncToken;
      } while (pageToken);
      return { events, nextSyncToken };
    },

    async getEvent(calendarId: string, eventId: string, timeZone: string): Promise<CalendarEventSnapshot> {
      const response = await call(() => api.events.get({ calendarId, eventId }));
      return toSnapshot(response.data, timeZone);
    },

    /**
     * Creates the event for an appointment under a deterministic id, so a retry after a lost response
     * meets a 409 and reads the existing event instead of creating a second one.
     */
    async insertEvent(calendarId: string, input: EventInput): Promise<{ id: string }> {
      const id = eventIdFor(input.appointmentId);
      try {
        const response = await call(() =>
          api.events.insert({ calendarId, requestBody: { id, ...eventBody(input) } }),
        );
        return { id: response.data.id ?? id };
      } catch (error) {
        if (error instanceof GoogleCalendarError && error.kind === 'conflict') {
          // Ours from an earlier attempt (or deleted by the owner: then it stays deleted).
          await call(() => api.events.patch({ calendarId, eventId: id, requestBody: eventBody(input) }));
          return { id };
        }
        throw error;
      }
    },

    async moveEvent(calendarId: string, eventId: string, input: EventInput): Promise<void> {
      await call(() => api.events.patch({ calendarId, eventId, requestBody: eventBody(input) }));
    },

    /** Deletes an event; one already deleted or unknown counts as done. */
    async deleteEvent(calendarId: string, eventId: string): Promise<void> {
      try {
        await call(() => api.events.delete({ calendarId, eventId, sendUpdates: 'none' }));
      } catch (error) {
        if (error instanceof GoogleCalendarError && (error.kind === 'gone' || error.kind === 'not_found'))
          return;
        throw error;
      }
    },

    /** Opens a push channel for a calendar's events (Google only posts to https addresses). */
    async watchEvents(
      calendarId: string,
      input: { channelId: string; address: string; token: string; ttlMs: number },
    ): Promise<WatchChannel> {
      const response = await call(() =>
        api.events.watch({
          calendarId,
          requestBody: {
            id: input.channelId,
            type: 'web_hook',
            address: input.address,
            token: input.token,
            params: { ttl: String(Math.round(input.ttlMs / 1000)) },
          },
        }),
      );
      return {
        id: response.data.id ?? input.channelId,
        resourceId: response.data.resourceId ?? '',
        expirationMs: Number(response.data.expiration ?? 0),
      };
    },

    async stopChannel(channelId: string, resourceId: string): Promise<void> {
      try {
        await call(() => api.channels.stop({ requestBody: { id: channelId, resourceId } }));
      } catch (error) {
        if (error instanceof GoogleCalendarError && (error.kind === 'not_found' || error.kind === 'gone'))
          return;
        throw error;
      }
    },
  };
}

export type GoogleCalendarApi = ReturnType<typeof createGoogleCalendarApi>;

/** Google event ids are base32hex (a–v, 0–9), 5–1024 characters: our appointment id, hex-encoded. */
export function eventIdFor(appointmentId: string): string {
  return `rcp${Buffer.from(appointmentId, 'utf8').toString('hex')}`;
}

function eventBody(input: EventInput): calendar_v3.Schema$Event {
  return {
    summary: input.summary,
    description: input.description ?? null,
    start: { dateTime: new Date(input.startMs).toISOString(), timeZone: input.timeZone },
    end: { dateTime: new Date(input.endMs).toISOString(), timeZone: input.timeZone },
    extendedProperties: { private: { [APPOINTMENT_PROPERTY]: input.appointmentId } },
    transparency: 'opaque',
  };
}

function toSnapshot(item: calendar_v3.Schema$Event, zone: string): CalendarEventSnapshot {
  const status = item.status === 'cancelled' || item.status === 'tentative' ? item.status : 'confirmed';
  return {
    id: item.id ?? '',
    status,
    startMs: instantOf(item.start, zone),
    endMs: instantOf(item.end, zone),
    transparent: item.transparency === 'transparent',
    appointmentId: item.extendedProperties?.private?.[APPOINTMENT_PROPERTY] ?? undefined,
  };
}

function instantOf(time: calendar_v3.Schema$EventDateTime | undefined, zone: string): number | undefined {
  if (time?.dateTime) return Date.parse(time.dateTime);
  if (time?.date) return midnightIn(time.date, time.timeZone ?? zone);
  return undefined;
}

/** Local midnight of `YYYY-MM-DD` in an IANA zone, as epoch ms (for all-day events). */
function midnightIn(date: string, zone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const offsetMs = zoneOffsetMs(utcMidnight, zone);
  // One correction step handles days whose offset differs at local midnight (DST changes).
  return utcMidnight - zoneOffsetMs(utcMidnight - offsetMs, zone);
}

function zoneOffsetMs(atMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - (atMs - (atMs % 1000));
}
