/**
 * The shipped scenarios written for the OpenAI engine (`engine: openai`), as real simulated phone calls
 * against the voice server in this process running the OpenAI engine — pointed at loopback fakes of the
 * Realtime and Responses APIs played from each scenario's `openai_script` (scenario-openai-peers.ts).
 * Only OpenAI is simulated on top of what the offline suite simulates: the agent, its tools, the call log
 * and the commitment check are the product's. One call at a time (the fakes follow one script).
 */
import { FakeTwilioClient } from '@receptionist/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerVoice } from './call/caller-voice.ts';
import { findScenarioBusiness } from './scenario/call-log.ts';
import { type LoadedScenario, loadScenarios } from './scenario/loader.ts';
import type { ScenarioResult } from './scenario/result.ts';
import { runScenario } from './scenario/runner.ts';
import { DEFAULT_SCENARIO_FOLDER } from './scenario/suite.ts';
import { type LocalVoiceServer, startLocalVoiceServer } from './testing/local-voice-server.ts';
import { ScenarioOpenAIPeers } from './testing/scenario-openai-peers.ts';

const SUITE_TIMEOUT_MS = 10 * 60_000;

const scenarios: LoadedScenario[] = (await loadScenarios([DEFAULT_SCENARIO_FOLDER])).filter(
  ({ scenario }) => scenario.engine === 'openai',
);
let server: LocalVoiceServer | undefined;
let peers: ScenarioOpenAIPeers | undefined;
const voice = new CallerVoice();
const results = new Map<string, ScenarioResult>();

beforeAll(async () => {
  let clock: (() => number) | undefined;
  peers = await ScenarioOpenAIPeers.start(() => clock?.() ?? Date.now());
  server = await startLocalVoiceServer({ env: peers.env() });
  clock = server.now;
  const client = new FakeTwilioClient({
    serverUrl: server.serverUrl,
    publicUrl: server.publicUrl,
    authToken: server.authToken,
    accountSid: server.accountSid,
  });
  for (const loaded of scenarios) {
    const business = await findScenarioBusiness(server.db, loaded.scenario);
    peers.play(loaded.scenario, business.timeZone);
    results.set(
      loaded.scenario.name,
      await runScenario(loaded, { client, db: server.db, voice, now: server.now }),
    );
  }
}, SUITE_TIMEOUT_MS);

afterAll(async () => {
  await voice.dispose();
  await server?.close();
  await peers?.close();
}, 60_000);

describe('shipped scenarios against the OpenAI engine (fake OpenAI peers)', () => {
  it('has OpenAI scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(2);
  });

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
