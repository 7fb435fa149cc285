/**
 * The voice server in this process, the way `npm test` runs the scenarios: `createVoiceServer` from
 * apps/voice with the local offline engine, a temporary database holding the seeded demo business, and a
 * stand-in for Twilio's REST API (transfers and hang-ups go there). Everything listens on 127.0.0.1, port 0.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '@receptionist/db';
import { createTestDatabase, pinnedClock } from '@receptionist/db/testing';
import { seedDemoBusiness } from '@receptionist/domain';
import { fakeSid } from '@receptionist/telephony/testing';
import {
  createEngineFactory,
  createLogger,
  createVoiceServer,
  loadEngineConstructors,
  parseVoiceEnv,
} from '@receptionist/voice';
import { startFakeTwilioRest } from './fake-twilio-rest.ts';
import { seedMultilingualDemoBusiness } from './multilingual-business.ts';

/** Twilio would dial this public origin; the simulator dials the real port instead. */
const PUBLIC_URL = 'https://voice.caller-test.example';

export interface LocalVoiceServer {
  serverUrl: string;
  publicUrl: string;
  authToken: string;
  accountSid: string;
  db: Database;
  /** The server's clock: scenarios read their date phrases against it. */
  now: () => number;
  close(): Promise<void>;
}

/** Wednesday 2 December 2026, 10:00 in New York: the pinned "today" of the scenario suite. */
export const SCENARIO_NOW = '2026-12-02T15:00:00Z';

export async function startLocalVoiceServer(
  options: {
    logLevel?: string;
    now?: () => number;
    /** More voice-server variables (ENGINE=openai and the fake OpenAI peers' URLs for the OpenAI suite). */
    env?: Record<string, string>;
  } = {},
): Promise<LocalVoiceServer> {
  const now = options.now ?? pinnedClock(SCENARIO_NOW);
  const database = await createTestDatabase();
  const accountSid = fakeSid('AC');
  const authToken = randomBytes(16).toString('hex');
  const rest = await startFakeTwilioRest({ accountSid, authToken });
  try {
    await seedDemoBusiness(database.db);
    await seedMultilingualDemoBusiness(database.db);
    const { env } = parseVoiceEnv({
      NODE_ENV: 'test',
      ENGINE: 'local',
      DATABASE_URL: database.url,
      PUBLIC_URL,
      VOICE_PORT: '0',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_API_BASE_URL: rest.url,
      SESSION_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    });
    const logger = createLogger({ level: env.logLevel });
    const engineFactory = createEngineFactory(env, await loadEngineConstructors(logger), logger);
    const voice = createVoiceServer({ env, db: database.db, engineFactory, logger, now });
    const port = await voice.listen(0, '127.0.0.1');
    return {
      serverUrl: `http://127.0.0.1:${port}`,
      publicUrl: PUBLIC_URL,
      authToken,
      accountSid,
      db: database.db,
      now,
      async close() {
        await voice.close();
        await rest.close();
        await database.cleanup();
      },
    };
  } catch (error) {
    await rest.close();
    await database.cleanup();
    throw error;
  }
}
