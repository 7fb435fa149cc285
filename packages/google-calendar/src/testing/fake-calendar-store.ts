import { randomUUID } from 'node:crypto';

/** An event as the fake keeps it (the fields of Google's Event resource that we use). */
export interface FakeEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string | null;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: 'opaque' | 'transparent';
  extendedProperties?: { private?: Record<string, string> };
  /** Change sequence number: what sync tokens count. */
  seq: number;
}

interface FakeCalendar {
  id: string;
  summary: string;
  primary: boolean;
  timeZone: string;
  events: Map<string, FakeEvent>;
}

export interface FakeWatch {
  calendarId: string;
  id: string;
  address: string;
  token: string;
  resourceId: string;
  expiration: number;
  stopped: boolean;
}

type Answer = { status: number; body?: unknown };

const notFound: Answer = {
  status: 404,
  body: {
    error: {
      code: 404,
      message: 'Not Found',
      errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }],
    },
  },
};

/** The calendars and events behind the fake Calendar API; tests change them as the owner would in Google. */
export class FakeCalendarStore {
  readonly calendars = new Map<string, FakeCalendar>();
  readonly watches: FakeWatch[] = [];
  private seq = 0;
  /** Sync tokens issued before this sequence number are stale (410). */
  private validFromSeq = 0;
  /** The clock for channel expirations; tests may pin it. */
  now: () => number = () => Date.now();

  constructor(readonly accountEmail: string) {
    this.addCalendar({ id: accountEmail, summary: accountEmail, primary: true });
  }

  addCalendar(input: { id: string; summary: string; primary?: boolean; timeZone?: string }): void {
    this.calendars.set(input.id, {
      id: input.id,
      summary: input.summary,
      primary: input.primary ?? false,
      timeZone: input.timeZone ?? 'America/New_York',
      events: new Map(),
    });
  }

  /** Adds or replaces an event as if the owner made it in Google. */
  putEvent(
    calendarId: string,
    event: Omit<FakeEvent, 'seq' | 'status'> & { status?: FakeEvent['status'] },
  ): FakeEvent {
    const calendar = this.calendars.get(calendarId);
    if (calendar === undefined) throw new Error(`no calendar ${calendarId}`);
    const stored: FakeEvent = { status: 'confirmed', ...event, seq: ++this.seq };
    calendar.events.set(stored.id, stored);
    return stored;
  }

  /** Moves an event (the owner dragged it in Google). */
  moveEvent(calendarId: string, eventId: string, startIso: string, endIso: string): void {
    const event = this.event(calendarId, eventId);
    this.putEvent(calendarId, {
      ...event,
      start: { ...event.start, dateTime: startIso },
      end: { ...event.end, dateTime: endIso },
    });
  }

  /** Deletes an event (the owner deleted it in Google): it stays as `cancelled` for incremental sync. */
  cancelEvent(calendarId: string, eventId: string): void {
    this.putEvent(calendarId, { ...this.event(calendarId, eventId), status: 'cancelled' });
  }

  event(calendarId: string, eventId: string): FakeEvent {
    const event = this.calendars.get(calendarId)?.events.get(eventId);
    if (event === undefined) throw new Error(`no event ${eventId}`);
    return event;
  }

  liveEvents(calendarId: string): FakeEvent[] {
    return [...(this.calendars.get(calendarId)?.events.values() ?? [])].filter(
      (event) => event.status !== 'cancelled',
    );
  }

  invalidateSyncTokens(): void {
    this.validFromSeq = this.seq + 1;
  }

  handle(method: string, url: URL, body: Record<string, unknown> | undefined): Answer {
    const path = url.pathname.replace(/^\/calendar\/v3/, '');
    if (method === 'GET' && path === '/users/me/calendarList') {
      return {
        status: 200,
        body: {
          kind: 'calendar#calendarList',
          items: [...this.calendars.values()].map((c) => ({
            kind: 'calendar#calendarListEntry',
            id: c.id,
            summary: c.summary,
            primary: c.primary,
            timeZone: c.timeZone,
            accessRole: 'owner',
          })),
        },
      };
    }
    if (method === 'POST' && path === '/freeBusy') return this.freeBusy(body ?? {});
    if (method === 'POST' && path === '/channels/stop') {
      const watch = this.watches.find((w) => w.id === body?.id && w.resourceId === body?.resourceId);
      if (watch === undefined) return notFound;
      watch.stopped = true;
      return { status: 204 };
    }
    const match = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (match === null) return notFound;
    const calendar = this.calendars.get(decodeURIComponent(match[1] ?? ''));
    if (calendar === undefined) return notFound;
    const eventId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (eventId === 'watch' && method === 'POST') return this.watch(calendar, body ?? {});
    if (eventId === undefined) {
      if (method === 'GET') return this.list(calendar, url.searchParams);
      if (method === 'POST') return this.insert(calendar, body ?? {});
      return notFound;
    }
    const existing = calendar.events.get(eventId);
    if (method === 'GET') return existing ? { status: 200, body: this.resource(existing) } : notFound;
    if (existing === undefined) return notFound;
    if (method === 'DELETE') {
      if (existing.status === 'cancelled') {
        return {
          status: 410,
          body: {
            error: {
              code: 410,
              message: 'Resource has been deleted',
              errors: [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }],
            },
          },
        };
      }
      this.putEvent(calendar.id, { ...existing, status: 'cancelled' });
      return { status: 204 };
    }
    if (method === 'PATCH' || method === 'PUT') {
      const updated = this.putEvent(calendar.id, {
        ...existing,
        ...(body as Partial<FakeEvent>),
        id: existing.id,
        status: 'confirmed',
      });
      return { status: 200, body: this.resource(updated) };
    }
    return notFound;
  }

  private insert(calendar: FakeCalendar, body: Record<string, unknown>): Answer {
    const id = typeof body.id === 'string' ? body.id : randomUUID().replace(/-/g, '');
    if (!/^[a-v0-9]{5,1024}$/.test(id)) {
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'Invalid resource id value.',
            errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid resource id value.' }],
          },
        },
      };
    }
    if (calendar.events.has(id)) {
      return {
        status: 409,
        body: {
          error: {
            code: 409,
            message: 'The requested identifier already exists.',
            errors: [
              { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' },
            ],
          },
        },
      };
    }
    const event = this.putEvent(calendar.id, {
      ...(body as Omit<FakeEvent, 'seq'>),
      id,
      status: 'confirmed',
    });
    return { status: 200, body: this.resource(event) };
  }

  private list(calendar: FakeCalendar, params: URLSearchParams): Answer {
    const syncToken = params.get('syncToken');
    let items: FakeEvent[];
    if (syncToken !== null) {
      const since = Number(syncToken.replace(/^sync-/, ''));
      if (!Number.isFinite(since) || since < this.validFromSeq) {
        return {
          status: 410,
          body: {
            error: {
              code: 410,
              message: 'Sync token is no longer valid, a full sync is required.',
              errors: [
                {
                  domain: 'global',
                  reason: 'fullSyncRequired',
                  message: 'Sync token is no longer valid, a full sync is required.',
                },
              ],
            },
          },
        };
      }
      items = [...calendar.events.values()].filter((event) => event.seq > since);
    } else {
      const from = Date.parse(params.get('timeMin') ?? '1970-01-01T00:00:00Z');
      const to = Date.parse(params.get('timeMax') ?? '2999-01-01T00:00:00Z');
      items = [...calendar.events.values()].filter(
        (event) =>
          (event.status !== 'cancelled' || params.get('showDeleted') === 'true') &&
          Date.parse(event.start.dateTime ?? `${event.start.date}T00:00:00Z`) < to &&
          Date.parse(event.end.dateTime ?? `${event.end.date}T00:00:00Z`) > from,
      );
    }
    return {
      status: 200,
      body: {
        kind: 'calendar#events',
        timeZone: calendar.timeZone,
        items: items.map((event) => this.resource(event)),
        nextSyncToken: `sync-${this.seq}`,
      },
    };
  }

  private freeBusy(body: Record<string, unknown>): Answer {
    const from = Date.parse(String(body.timeMin));
    const to = Date.parse(String(body.timeMax));
    const calendars: Record<string, unknown> = {};
    for (const item of (body.items as Array<{ id: string }> | undefined) ?? []) {
      const calendar = this.calendars.get(item.id);
      if (calendar === undefined) {
        calendars[item.id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      const busy = [...calendar.events.values()]
        .filter(
          (event) =>
            event.status !== 'cancelled' && event.transparency !== 'transparent' && event.start.dateTime,
        )
        .map((event) => ({
          start: Date.parse(event.start.dateTime ?? ''),
          end: Date.parse(event.end.dateTime ?? ''),
        }))
        .filter((range) => range.start < to && range.end > from)
        .sort((a, b) => a.start - b.start)
        .map((range) => ({
          start: new Date(Math.max(range.start, from)).toISOString(),
          end: new Date(Math.min(range.end, to)).toISOString(),
        }));
      calendars[item.id] = { busy };
    }
    return {
      status: 200,
      body: { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars },
    };
  }

  private watch(calendar: FakeCalendar, body: Record<string, unknown>): Answer {
    const address = String(body.address ?? '');
    if (!address.startsWith('https://')) {
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: `WebHook callback must be HTTPS: ${address}`,
            errors: [
              {
                domain: 'global',
                reason: 'push.webhookUrlNotHttps',
                message: 'WebHook callback must be HTTPS',
              },
            ],
          },
        },
      };
    }
    const ttlSeconds = Number((body.params as { ttl?: string } | undefined)?.ttl ?? 604_800);
    const watch: FakeWatch = {
      calendarId: calendar.id,
      id: String(body.id),
      address,
      token: String(body.token ?? ''),
      resourceId: `res-${randomUUID()}`,
      expiration: this.now() + ttlSeconds * 1000,
      stopped: false,
    };
    this.watches.push(watch);
    return {
      status: 200,
      body: {
        kind: 'api#channel',
        id: watch.id,
        resourceId: watch.resourceId,
        resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${calendar.id}/events`,
        expiration: String(watch.expiration),
      },
    };
  }

  private resource(event: FakeEvent) {
    const { seq: _seq, ...rest } = event;
    return { kind: 'calendar#event', ...rest };
  }
}
