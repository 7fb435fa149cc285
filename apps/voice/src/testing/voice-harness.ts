import { createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import {
  type CalendarBusyPort,
  type Database,
  DEMO_BUSINESS_ID,
  DEMO_PHONE_NUMBER,
  seedDemoBusiness,
} from '@receptionist/domain';
import type { Engine } from '@receptionist/engine';
import { FakeTwilioClient, FakeTwilioRestServer, fakeSid } from '@receptionist/telephony/testing';
import pino from 'pino';
import type { BusinessDirectory, CallBusiness } from '../business-directory.ts';
import type { EngineChoice } from '../engines.ts';
import { parseVoiceEnv, type VoiceEnv } from '../env.ts';
import { receptionistDirectory } from '../receptionist-directory.ts';
import { createVoiceServer, type VoiceServer, type VoiceServerOptions } from '../server.ts';

export const PUBLIC_URL = 'https://voice.example.test';
export const TEST_ORIGIN = 'http://localhost:3000';
export const CALLER_NUMBER = '+12125550123';

export interface VoiceHarness {
  voice: VoiceServer;
  env: VoiceEnv;
  database: TestDatabase;
  twilio: FakeTwilioClient;
  twilioRest: FakeTwilioRestServer;
  serverUrl: string;
  businessId: string;
  businessNumber: string;
  /** Engines handed to each new call. */
  engines: { choice: EngineChoice };
  /** The calls' clock (pinned): tests derive "two days ahead" from it, never from the real date. */
  now: () => number;
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  engine: Engine;
  fallback?: Engine;
  /** Changes to the business as the directory reports it (limits, after hours…). */
  business?: Partial<CallBusiness>;
  server?: Partial<VoiceServerOptions>;
  env?: Record<string, string>;
  /** The calls' clock; defaults to HARNESS_NOW, so no test depends on today's date. */
  now?: () => number;
  /** The booking re-check's calendar port, built over the harness's database. */
  calendars?: (db: Database) => CalendarBusyPort;
}

/** Monday 2 March 2026, 10:00 in New York: a plain working morning at the demo business. */
export const HARNESS_NOW = '2026-03-02T15:00:00Z';

/**
 * A whole voice server in-process against a temporary database with the demo business, a fake Twilio REST
 * API, and a fake Twilio client that signs like Twilio. Everything on 127.0.0.1 with port 0.
 */
export async function startVoiceHarness(options: HarnessOptions): Promise<VoiceHarness> {
  const database = await createTestDatabase();
  await seedDemoBusiness(database.db);
  const twilioRest = await FakeTwilioRestServer.start();
  const accountSid = fakeSid('AC');
  const { env } = parseVoiceEnv({
    NODE_ENV: 'test',
    PUBLIC_URL,
    ENGINE: 'local',
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
    TWILIO_API_BASE_URL: twilioRest.url,
    SESSION_SECRET: 'test-session-secret-0123456789abcdefghij',
    ALLOWED_ORIGINS: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const now = options.now ?? pinnedClock(HARNESS_NOW);
  const base = receptionistDirectory(database.db, now, { calendars: options.calendars?.(database.db) });
  const directory: BusinessDirectory = {
    findByPhoneNumber: (e164) => base.findByPhoneNumber(e164),
    async load(businessId, call) {
      // Tests run at any hour: open unless a test says otherwise.
      return { ...(await base.load(businessId, call)), openNow: true, ...options.business };
    },
  };
  const engines = { choice: { primary: options.engine, fallback: options.fallback } };
  const voice = createVoiceServer({
    env,
    db: database.db,
    engineFactory: () => engines.choice,
    logger: pino({ level: 'silent' }),
    directory,
    now,
    ...options.server,
  });
  const port = await voice.listen(0, '127.0.0.1');
  const serverUrl = `http://127.0.0.1:${port}`;
  const twilio = new FakeTwilioClient({
    serverUrl,
    publicUrl: PUBLIC_URL,
    authToken: env.twilio.authToken ?? '',
    accountSid,
  });
  return {
    voice,
    env,
    database,
    twilio,
    twilioRest,
    serverUrl,
    businessId: DEMO_BUSINESS_ID,
    businessNumber: DEMO_PHONE_NUMBER,
    engines,
    now,
    async cleanup() {
      await voice.close();
      await twilioRest.close();
      await database.cleanup();
    },
  };
}

/** μ-law "speech": non-silent bytes for `ms` milliseconds (the scripted engine's energy check hears it). */
export function speechMulaw(ms: number): Uint8Array {
  return new Uint8Array(ms * 8).fill(0x20);
}

/** μ-law digital silence for `ms` milliseconds. */
export function silenceMulaw(ms: number): Uint8Array {
  return new Uint8Array(ms * 8).fill(0xff);
}
