/**
 * `npm run call -- …`: one simulated phone call against a running voice server (see CALL_USAGE). Prints the
 * live transcript from the call log, saves the receptionist's audio as a WAV, exits 1 when the call fails
 * (no answer, no reply, an unmet scenario expectation) and 2 on bad arguments.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { wrapWavData } from '@receptionist/audio';
import { closeDatabase, openDatabase } from '@receptionist/db';
import { FakeTwilioClient } from '@receptionist/telephony/testing';
import { CallerVoice } from './call/caller-voice.ts';
import { CALL_USAGE, parseCallArgs } from './cli-options.ts';
import { readDevAuthToken } from './dev-token.ts';
import { loadCallerEnv } from './env.ts';
import { CallerError } from './errors.ts';
import { loadScenarioFile } from './scenario/loader.ts';
import type { TranscriptLine } from './scenario/result.ts';
import { runScenario } from './scenario/runner.ts';

function printLine(line: TranscriptLine): void {
  const who = line.role === 'agent' ? 'receptionist' : line.role;
  console.log(`${who.padStart(12)}: ${line.text}${line.interrupted ? ' [interrupted]' : ''}`);
}

async function main(argv: string[]): Promise<number> {
  const env = loadCallerEnv();
  // Without a token in the environment, use the one `npm start` generated for this install.
  const devToken = readDevAuthToken(join(process.cwd(), 'data/dev-secrets.json'));
  const parsed = parseCallArgs(argv, { ...env, twilioAuthToken: env.twilioAuthToken ?? devToken });
  if (parsed.help) {
    console.log(CALL_USAGE);
    return 0;
  }
  const { options } = parsed;
  const loaded = parsed.scenarioPath
    ? await loadScenarioFile(parsed.scenarioPath)
    : { file: options.scenarioFile, scenario: options.scenario };
  const db = await openDatabase({
    url: options.databaseUrl,
    ...(options.databaseAuthToken ? { authToken: options.databaseAuthToken } : {}),
  });
  const voice = new CallerVoice();
  let savedAudio: string | undefined;
  try {
    const client = new FakeTwilioClient({
      serverUrl: options.serverUrl,
      publicUrl: options.publicUrl,
      authToken: options.authToken,
      ...(options.accountSid ? { accountSid: options.accountSid } : {}),
    });
    if (!options.json)
      console.log(
        `Calling ${options.serverUrl} as ${loaded.scenario.caller.from} (${loaded.scenario.name})…`,
      );
    const result = await runScenario(loaded, {
      client,
      db,
      voice,
      now: Date.now,
      onTranscript: options.json ? undefined : printLine,
      onAgentAudio: async (mulaw, callSid) => {
        const file = options.saveAudio ?? join('data', 'caller', `${callSid}.wav`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, wrapWavData(mulaw, { encoding: 'mulaw', sampleRate: 8000, channels: 1 }));
        savedAudio = file;
      },
    });
    if (options.json) {
      console.log(JSON.stringify({ ...result, savedAudio }));
    } else {
      console.log('');
      console.log(
        `call ${result.callSid ?? '-'}: ${result.callStatus ?? 'not logged'}, end reason ${result.endReason ?? '-'}`,
      );
      if (result.toolCalls.length > 0) {
        console.log(
          `tools: ${result.toolCalls.map((t) => `${t.name}${t.code ? `(${t.code})` : ''}`).join(', ')}`,
        );
      }
      if (savedAudio) console.log(`receptionist audio: ${relative(process.cwd(), savedAudio)}`);
      if (result.error) console.error(`error: ${result.error}`);
      for (const failure of result.failures) console.error(`failed: ${failure}`);
      console.log(result.passed ? 'PASS' : 'FAIL');
    }
    return result.passed ? 0 : 1;
  } finally {
    await voice.dispose();
    closeDatabase(db);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const isUsage =
      error instanceof CallerError && (error.code === 'bad_arguments' || error.code === 'bad_scenario');
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = isUsage ? 2 : 1;
  },
);
