import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleCalendarApi, eventIdFor, type GoogleCalendarApi } from './client.ts';
import { GoogleCalendarError } from './errors.ts';
import {
  authorizationUrl,
  createPkcePair,
  exchangeCode,
  type GoogleOAuthApp,
  type GoogleTokens,
  revokeGrant,
} from './oauth.ts';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from './testing/index.ts';

const REDIRECT = 'http://127.0.0.1:9/settings/calendar/callback';
const NOW = Date.parse('2030-01-07T12:00:00Z');
let google: FakeGoogleCalendar;
let app: GoogleOAuthApp;

beforeEach(async () => {
  google = await startFakeGoogleCalendar();
  app = {
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    redirectUri: REDIRECT,
    endpoints: google.endpoints,
  };
});
afterEach(async () => {
  await google.close();
});

/** Runs the authorization-code + PKCE flow against the fake, as the browser would. */
async function connect(): Promise<GoogleTokens> {
  const pkce = createPkcePair();
  const consent = await fetch(authorizationUrl(app, { state: 'st1', codeChallenge: pkce.codeChallenge }), {
    redirect: 'manual',
  });
  const back = new URL(consent.headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('st1');
  return exchangeCode(app, {
    code: back.searchParams.get('code') ?? '',
    codeVerifier: pkce.codeVerifier,
    nowMs: NOW,
  });
}

function apiWith(tokens: GoogleTokens, seen: GoogleTokens[] = [], sleeps: number[] = []): GoogleCalendarApi {
  return createGoogleCalendarApi({
    app,
    tokens,
    onTokens: (next) => seen.push(next),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
}

describe('Google OAuth with PKCE', () => {
  it('exchanges a code only with the verifier that matches its challenge', async () => {
    const tokens = await connect();
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.scope).toContain('calendar.events');
    const pkce = createPkcePair();
    const consent = await fetch(authorizationUrl(app, { state: 's', codeChallenge: pkce.codeChallenge }), {
      redirect: 'manual',
    });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    await expect(
      exchangeCode(app, { code, codeVerifier: createPkcePair().codeVerifier, nowMs: NOW }),
    ).rejects.toBeInstanceOf(GoogleCalendarError);
  });
});

describe('the Calendar API client', () => {
  it('refreshes an expired access token on 401 and reports the new one', async () => {
    const tokens = await connect();
    const seen: GoogleTokens[] = [];
    const api = apiWith(tokens, seen);
    expect((await api.listCalendars()).map((c) => c.id)).toEqual(['owner@example.com']);
    google.expireAccessTokens();
    expect(await api.listCalendars()).toHaveLength(1);
    expect(google.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(seen.at(-1)?.accessToken).not.toBe(tokens.accessToken);
    expect(api.tokens.refreshToken).toBe(tokens.refreshToken);
  });

  it('says "reconnect" when the refresh token was revoked', async () => {
    const api = apiWith(await connect());
    google.revokeAll();
    google.expireAccessTokens();
    await expect(api.listCalendars()).rejects.toMatchObject({ kind: 'reconnect' });
  });

  it('retries 403 rateLimitExceeded with growing backoff, then succeeds', async () => {
    const sleeps: number[] = [];
    const api = apiWith(await connect(), [], sleeps);
    // The auth library treats a 403 as a possible auth failure and retries once itself (after a token
    // refresh), so each of our attempts meets two of these answers.
    google.rateLimitNext(4);
    await expect(api.listCalendars()).resolves.toHaveLength(1);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up on a rate limit that lasts, as rate_limited', async () => {
    const api = apiWith(await connect());
    google.rateLimitNext(10);
    await expect(api.listCalendars()).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('syncs incrementally and reports a stale sync token as sync_token_gone (410)', async () => {
    const api = apiWith(await connect());
    const calendarId = 'owner@example.com';
    google.store.putEvent(calendarId, {
      id: 'dentist1',
      summary: 'Dentist',
      start: { dateTime: '2030-01-08T15:00:00Z' },
      end: { dateTime: '2030-01-08T16:00:00Z' },
    });
    const full = await api.listEvents(calendarId, { fromMs: NOW, toMs: NOW + 30 * 86_400_000 }, 'UTC');
    expect(full.events.map((e) => e.id)).toEqual(['dentist1']);
    google.store.cancelEvent(calendarId, 'dentist1');
    const delta = await api.listEvents(calendarId, { syncToken: full.nextSyncToken ?? '' }, 'UTC');
    expect(delta.events).toMatchObject([{ id: 'dentist1', status: 'cancelled' }]);
    google.invalidateSyncTokens();
    await expect(
      api.listEvents(calendarId, { syncToken: delta.nextSyncToken ?? '' }, 'UTC'),
    ).rejects.toMatchObject({
      kind: 'sync_token_gone',
    });
  });

  it('creates one event per appointment however often it is retried, and moves and deletes it', async () => {
    const api = apiWith(await connect());
    const calendarId = 'owner@example.com';
    const input = {
      appointmentId: 'apt_123',
      summary: 'Cleaning — Dana',
      startMs: Date.parse('2030-01-08T15:00:00Z'),
      endMs: Date.parse('2030-01-08T16:00:00Z'),
      timeZone: 'America/New_York',
    };
    const first = await api.insertEvent(calendarId, input);
    const again = await api.insertEvent(calendarId, input);
    expect(again.id).toBe(first.id);
    expect(first.id).toBe(eventIdFor('apt_123'));
    expect(google.store.liveEvents(calendarId)).toHaveLength(1);
    const stored = await api.getEvent(calendarId, first.id, 'UTC');
    expect(stored.appointmentId).toBe('apt_123');
    await api.moveEvent(calendarId, first.id, {
      ...input,
      startMs: input.startMs + 3_600_000,
      endMs: input.endMs + 3_600_000,
    });
    expect(google.store.event(calendarId, first.id).start.dateTime).toBe('2030-01-08T16:00:00.000Z');
    await api.deleteEvent(calendarId, first.id);
    await api.deleteEvent(calendarId, first.id); // 410 Gone: already deleted counts as done
    expect(google.store.liveEvents(calendarId)).toHaveLength(0);
  });

  it('asks freeBusy for busy time, leaving out free (transparent) events', async () => {
    const api = apiWith(await connect());
    const calendarId = 'owner@example.com';
    google.store.putEvent(calendarId, {
      id: 'busy1',
      start: { dateTime: '2030-01-08T15:00:00Z' },
      end: { dateTime: '2030-01-08T16:00:00Z' },
    });
    google.store.putEvent(calendarId, {
      id: 'free1',
      transparency: 'transparent',
      start: { dateTime: '2030-01-08T17:00:00Z' },
      end: { dateTime: '2030-01-08T18:00:00Z' },
    });
    const busy = await api.freeBusy(
      [calendarId],
      Date.parse('2030-01-08T00:00:00Z'),
      Date.parse('2030-01-09T00:00:00Z'),
    );
    expect(busy).toEqual([
      { calendarId, startMs: Date.parse('2030-01-08T15:00:00Z'), endMs: Date.parse('2030-01-08T16:00:00Z') },
    ]);
  });

  it('opens and stops a push channel (https addresses only)', async () => {
    const api = apiWith(await connect());
    google.store.now = () => NOW;
    const channel = await api.watchEvents('owner@example.com', {
      channelId: 'ch1',
      address: 'https://receptionist.example/api/calendar/google/push',
      token: 'tok',
      ttlMs: 86_400_000,
    });
    expect(channel.expirationMs).toBe(NOW + 86_400_000);
    await expect(
      api.watchEvents('owner@example.com', {
        channelId: 'ch2',
        address: 'http://insecure.example/',
        token: 't',
        ttlMs: 1000,
      }),
    ).rejects.toBeInstanceOf(GoogleCalendarError);
    await api.stopChannel(channel.id, channel.resourceId);
    expect(google.store.watches[0]?.stopped).toBe(true);
  });

  it('revokes a grant', async () => {
    const tokens = await connect();
    await revokeGrant(app, tokens.refreshToken);
    google.expireAccessTokens();
    await expect(apiWith(tokens).listCalendars()).rejects.toMatchObject({ kind: 'reconnect' });
  });
});
