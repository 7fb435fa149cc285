import { randomBytes } from 'node:crypto';
import { forBusiness } from '@receptionist/db';
import { dayOpening, loadBusinessProfile, localDate, saveCalendarConnection } from '@receptionist/domain';
import { createLocalEngine, speakAsCaller, throughPhoneChannel } from '@receptionist/engine/local';
import {
  authorizationUrl,
  createPkcePair,
  exchangeCode,
  type GoogleOAuthApp,
} from '@receptionist/google-calendar';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '@receptionist/google-calendar/testing';
import { offlineReceptionist } from '@receptionist/receptionist/offline';
import { type CalendarSettings, createCalendarBusyPort } from '@receptionist/worker';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  silenceMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

/**
 * The calendar re-check on a real call: fake Twilio ⇄ voice server ⇄ local engine ⇄ receptionist tools,
 * with the owner's Google calendar (a loopback fake of Google's API) holding an event the busy cache has
 * not seen yet. The booking's live freeBusy re-check finds it, the slot is refused and other times are
 * offered, and nothing is booked over the owner's appointment.
 */

let harness: VoiceHarness | undefined;
let google: FakeGoogleCalendar | undefined;
afterEach(async () => {
  await harness?.cleanup();
  await google?.close();
  harness = undefined;
  google = undefined;
});

const OWNER = 'owner@example.com';
const CALL_TEST_TIMEOUT_MS = 150_000;

async function until<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a slot blocked in Google Calendar, on the phone', () => {
  it(
    'is refused at booking time and another time is offered',
    async () => {
      google = await startFakeGoogleCalendar({ accountEmail: OWNER });
      const fake = google;
      const app: GoogleOAuthApp = {
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        redirectUri: 'http://127.0.0.1:3000/api/calendar/google/callback',
        endpoints: fake.endpoints,
      };
      const settings: CalendarSettings = {
        tokenKey: randomBytes(32),
        app,
        publicUrl: undefined,
        syncIntervalMs: 300_000,
        channelTtlMs: 86_400_000,
        channelRenewBeforeMs: 3_600_000,
        syncWindowDays: 60,
        maxAttempts: 1,
        backoffBaseMs: 100,
        recheckTimeoutMs: 5_000,
      };
      const h = await startVoiceHarness({
        engine: createLocalEngine({ dialogue: offlineReceptionist }),
        calendars: (db) =>
          createCalendarBusyPort({ db, settings, now: () => h.now(), logger: pino({ level: 'silent' }) }),
      });
      harness = h;
      const tenant = forBusiness(h.database.db, h.businessId);
      const pkce = createPkcePair();
      const consent = await fetch(authorizationUrl(app, { state: 's', codeChallenge: pkce.codeChallenge }), {
        redirect: 'manual',
      });
      const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokens = await exchangeCode(app, { code, codeVerifier: pkce.codeVerifier, nowMs: h.now() });
      await saveCalendarConnection({
        ctx: { tenant, nowMs: h.now() },
        input: {
          memberUserId: null,
          accountEmail: OWNER,
          calendars: [{ id: OWNER, summary: OWNER, primary: true }],
          tokens,
        },
        key: settings.tokenKey,
      });

      // A weekday two to six days ahead, so its name alone names it; the owner is at the dentist at 10.
      const profile = await loadBusinessProfile(h.database.db, h.businessId);
      const today = DateTime.fromMillis(h.now(), { zone: profile.timeZone }).startOf('day');
      let day = today.plus({ days: 2 });
      while (!dayOpening(profile, localDate(profile, day.toMillis())).open) day = day.plus({ days: 1 });
      fake.store.putEvent(OWNER, {
        id: 'dentist',
        summary: 'Dentist',
        start: { dateTime: day.set({ hour: 10 }).toUTC().toISO() ?? '' },
        end: { dateTime: day.set({ hour: 11 }).toUTC().toISO() ?? '' },
      });

      const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
      const callId = call.answer.twiml.stream?.parameters.callId ?? '';
      const agentTurns = async () =>
        ((await tenant.calls.get(callId))?.turns ?? []).filter((turn) => turn.role === 'agent');
      await until(agentTurns, (turns) => turns.length >= 1, 'the greeting', 30_000);
      await call.waitForPlaybackEnd(30_000);
      const say = async (text: string, reply: RegExp) => {
        const before = (await agentTurns()).length;
        await call.sendAudio(await throughPhoneChannel(await speakAsCaller(text)), { speed: 2 });
        await call.sendAudio(silenceMulaw(1200), { speed: 2 });
        const turns = await until(
          agentTurns,
          (all) =>
            reply.test(
              all
                .slice(before)
                .map((turn) => turn.text)
                .join(' '),
            ),
          `an agent turn matching ${reply}`,
        );
        await call.waitForPlaybackEnd(30_000);
        return turns
          .slice(before)
          .map((turn) => turn.text)
          .join(' ');
      };

      await say(
        `i would like to book a cleaning on ${day.toFormat('cccc').toLowerCase()} at ten a m`,
        /your name/i,
      );
      await say('my name is john smith', /shall i book it/i);
      const refusal = await say('yes please', /taken/i);
      expect(refusal).toMatch(/free|opening/i);
      expect(refusal).toMatch(/11:00 AM|9:00 AM|9:30 AM/);

      const rows = await tenant.appointments.list({
        fromMs: day.toMillis(),
        toMs: day.plus({ days: 1 }).toMillis(),
      });
      expect(rows).toEqual([]);
      expect(fake.requests).toContain('POST /calendar/v3/freeBusy');
    },
    CALL_TEST_TIMEOUT_MS,
  );
});
