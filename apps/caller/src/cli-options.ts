/**
 * Command-line options of `npm run call` (one simulated phone call). Flags override the environment
 * (env.ts); anything invalid is a CallerError('bad_arguments') naming the flag.
 */
import { parseArgs } from 'node:util';
import type { CallerEnv } from './env.ts';
import { CallerError } from './errors.ts';
import { DEMO_PHONE_NUMBER } from './scenario/call-log.ts';
import { parseScenario } from './scenario/loader.ts';
import type { Scenario } from './scenario/schema.ts';

export const CALL_USAGE = `Usage: npm run call -- [options]

Places one simulated phone call against a running voice server, exactly as Twilio would.

  --line <text>           a caller line to say (repeat for several turns)
  --scenario <file.yaml>  play a scenario file instead (and check its expectations)
  --to <+E164>            the business number to call (default ${DEMO_PHONE_NUMBER}, the demo business)
  --from <+E164>          the caller's number (default +12125550123)
  --voice <name>          flite voice: slt, rms, awb or kal16 (default slt)
  --server-url <url>      where the voice server listens (env CALLER_SERVER_URL, default http://127.0.0.1:$VOICE_PORT)
  --public-url <url>      the server's PUBLIC_URL, signed like Twilio does (env PUBLIC_URL)
  --auth-token <token>    the Twilio auth token the server checks (env TWILIO_AUTH_TOKEN)
  --account-sid <sid>     the Twilio account SID to send (env TWILIO_ACCOUNT_SID)
  --database-url <url>    the server's database, for the live transcript (env DATABASE_URL)
  --save-audio <file.wav> where to save the receptionist's audio (default data/caller/<CallSid>.wav)
  --reply-silence-ms <n>  quiet time that ends a reply (default 1200)
  --json                  print the result as JSON
  --help`;

export interface CallOptions {
  scenario: Scenario;
  scenarioFile: string;
  serverUrl: string;
  publicUrl: string;
  authToken: string;
  accountSid: string | undefined;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  saveAudio: string | undefined;
  json: boolean;
}

export type ParsedCallArgs = { help: true } | { help: false; options: CallOptions; scenarioPath?: string };

export function parseCallArgs(argv: string[], env: CallerEnv): ParsedCallArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CallerError('bad_arguments', `${(error as Error).message}\n\n${CALL_USAGE}`, { cause: error });
  }
  if (values.help) return { help: true };
  const authToken = values['auth-token'] ?? env.twilioAuthToken;
  if (!authToken) {
    throw new CallerError(
      'bad_arguments',
      '--auth-token (or TWILIO_AUTH_TOKEN) is required: the voice server refuses unsigned webhooks',
    );
  }
  const lines = values.line ?? [];
  if (values.scenario && lines.length > 0)
    throw new CallerError('bad_arguments', 'use --line or --scenario, not both');
  if (!values.scenario && lines.length === 0) {
    throw new CallerError('bad_arguments', `give at least one --line or a --scenario\n\n${CALL_USAGE}`);
  }
  const replySilence =
    values['reply-silence-ms'] === undefined ? undefined : Number(values['reply-silence-ms']);
  const scenario = parseScenario(
    {
      name: 'command-line call',
      business: values.to ?? 'demo',
      caller: { from: values.from ?? '+12125550123' },
      voice: values.voice ?? 'slt',
      turns: [...lines.map((line) => ({ say: line })), 'hangup'],
      ...(replySilence === undefined ? {} : { reply_silence_ms: replySilence }),
    },
    'command line',
  );
  const options: CallOptions = {
    scenario,
    scenarioFile: 'command line',
    serverUrl: values['server-url'] ?? env.serverUrl,
    publicUrl: values['public-url'] ?? env.publicUrl,
    authToken,
    accountSid: values['account-sid'] ?? env.twilioAccountSid,
    databaseUrl: values['database-url'] ?? env.databaseUrl,
    databaseAuthToken: env.databaseAuthToken,
    saveAudio: values['save-audio'],
    json: values.json ?? false,
  };
  return values.scenario ? { help: false, options, scenarioPath: values.scenario } : { help: false, options };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      line: { type: 'string', multiple: true },
      scenario: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      voice: { type: 'string' },
      'server-url': { type: 'string' },
      'public-url': { type: 'string' },
      'auth-token': { type: 'string' },
      'account-sid': { type: 'string' },
      'database-url': { type: 'string' },
      'save-audio': { type: 'string' },
      'reply-silence-ms': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
