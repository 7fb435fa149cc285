/**
 * Every shipped scenario (apps/caller/scenarios) as a real simulated phone call against the voice server
 * running in this process on the local offline engine (temporary database, demo business seeded; only
 * Twilio — webhook signer, Media Streams peer and REST API — is simulated). The calls run in real time,
 * several at once where scenarios cannot interfere, once for the whole file; each scenario is then its
 * own test so a failure names the scenario, its unmet expectations and its transcript.
 */
import { FakeTwilioClient } from '@receptionist/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerVoice } from './call/caller-voice.ts';
import { type LoadedScenario, loadScenarios } from './scenario/loader.ts';
import type { ScenarioResult } from './scenario/result.ts';
import { DEFAULT_SCENARIO_FOLDER, runScenarioSuite } from './scenario/suite.ts';
import { type LocalVoiceServer, startLocalVoiceServer } from './testing/local-voice-server.ts';

/** Calls at once: enough to keep the whole suite within minutes, few enough for a loaded 2-core machine. */
const CONCURRENCY = 5;
const SUITE_TIMEOUT_MS = 20 * 60_000;

// Scenarios written for the OpenAI engine run in scenarios-openai.test.ts, against fake OpenAI peers.
const scenarios: LoadedScenario[] = (await loadScenarios([DEFAULT_SCENARIO_FOLDER])).filter(
  ({ scenario }) => scenario.engine === 'local',
);
let server: LocalVoiceServer | undefined;
const voice = new CallerVoice();
const results = new Map<string, ScenarioResult>();

beforeAll(async () => {
  server = await startLocalVoiceServer();
  const client = new FakeTwilioClient({
    serverUrl: server.serverUrl,
    publicUrl: server.publicUrl,
    authToken: server.authToken,
    accountSid: server.accountSid,
  });
  const finished = await runScenarioSuite(
    scenarios,
    { client, db: server.db, voice, now: server.now },
    { concurrency: CONCURRENCY },
  );
  for (const result of finished) results.set(result.name, result);
}, SUITE_TIMEOUT_MS);

afterAll(async () => {
  await voice.dispose();
  await server?.close();
}, 60_000);

describe('shipped scenarios against the local engine', () => {
  it.each(scenarios.map(({ scenario }) => scenario.name))('%s', (name) => {
    const result = results.get(name);
    expect(result, `no result for ${name}`).toBeDefined();
    const explanation = JSON.stringify(
      {
        error: result?.error,
        failures: result?.failures,
        endReason: result?.endReason,
        transcript: result?.transcript,
      },
      null,
      2,
    );
    expect(result?.passed, explanation).toBe(true);
  });
});
