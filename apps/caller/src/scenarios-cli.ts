/**
 * `npm run scenarios -- [files or folders] [--json] [--concurrency N] …`: runs scenario files against a
 * running voice server (default folder apps/caller/scenarios) and prints a pass/fail table, or one JSON
 * object per scenario with --json. Exits 1 when any scenario fails, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '@receptionist/db';
import { FakeTwilioClient } from '@receptionist/telephony/testing';
import { CallerVoice } from './call/caller-voice.ts';
import { loadCallerEnv } from './env.ts';
import { CallerError } from './errors.ts';
import { loadScenarios } from './scenario/loader.ts';
import { formatResultsJson, formatResultsTable } from './scenario/result.ts';
import { DEFAULT_SCENARIO_FOLDER, runScenarioSuite } from './scenario/suite.ts';

export const SCENARIOS_USAGE = `Usage: npm run scenarios -- [files or folders…] [options]

Runs scenario files (YAML) as simulated phone calls and checks their expectations in the database.
Default: every scenario in apps/caller/scenarios.

  --json                  one JSON object per scenario instead of the table
  --concurrency <n>       most calls at once (default 4; conflicting scenarios never overlap)
  --server-url <url>      where the voice server listens (env CALLER_SERVER_URL)
  --public-url <url>      the server's PUBLIC_URL (env PUBLIC_URL)
  --auth-token <token>    the Twilio auth token the server checks (env TWILIO_AUTH_TOKEN)
  --database-url <url>    the server's database (env DATABASE_URL)`;

async function main(argv: string[]): Promise<number> {
  const env = loadCallerEnv();
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CallerError('bad_arguments', `${(error as Error).message}\n\n${SCENARIOS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(SCENARIOS_USAGE);
    return 0;
  }
  const concurrency = Number(values.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CallerError('bad_arguments', '--concurrency must be a positive integer');
  }
  const authToken = values['auth-token'] ?? env.twilioAuthToken;
  if (!authToken) throw new CallerError('bad_arguments', '--auth-token (or TWILIO_AUTH_TOKEN) is required');
  const scenarios = await loadScenarios(positionals.length > 0 ? positionals : [DEFAULT_SCENARIO_FOLDER]);
  const db = await openDatabase({
    url: values['database-url'] ?? env.databaseUrl,
    ...(env.databaseAuthToken ? { authToken: env.databaseAuthToken } : {}),
  });
  const voice = new CallerVoice();
  try {
    const client = new FakeTwilioClient({
      serverUrl: values['server-url'] ?? env.serverUrl,
      publicUrl: values['public-url'] ?? env.publicUrl,
      authToken,
      ...(env.twilioAccountSid ? { accountSid: env.twilioAccountSid } : {}),
    });
    const results = await runScenarioSuite(
      scenarios,
      { client, db, voice, now: Date.now },
      {
        concurrency,
        onResult: values.json
          ? undefined
          : (result) => console.error(`${result.passed ? 'pass' : 'FAIL'}  ${result.name}`),
      },
    );
    console.log(values.json ? formatResultsJson(results) : formatResultsTable(results, process.stdout.isTTY));
    return results.every((result) => result.passed) ? 0 : 1;
  } finally {
    await voice.dispose();
    closeDatabase(db);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      concurrency: { type: 'string' },
      'server-url': { type: 'string' },
      'public-url': { type: 'string' },
      'auth-token': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
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
