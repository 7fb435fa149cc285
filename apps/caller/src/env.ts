/**
 * The caller simulator's configuration from the environment (the only file here that reads process.env).
 * Command-line options override these; bad values fail at start naming the variable.
 */
import { z } from 'zod';

const urlString = z.url({ protocol: /^https?$/ });

const CallerEnvSchema = z.object({
  VOICE_PORT: z.coerce.number().int().min(1).max(65535).default(8081),
  /** Where the voice server actually listens (the simulator talks to it directly). */
  CALLER_SERVER_URL: urlString.optional(),
  /** The public origin Twilio would see; webhook signatures are computed against it. */
  PUBLIC_URL: urlString.optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
});

export interface CallerEnv {
  serverUrl: string;
  publicUrl: string;
  twilioAuthToken: string | undefined;
  twilioAccountSid: string | undefined;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
}

export class CallerEnvError extends Error {
  readonly code = 'bad_env';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export function loadCallerEnv(source: Record<string, string | undefined> = process.env): CallerEnv {
  const parsed = CallerEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CallerEnvError(`invalid caller environment: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  return {
    serverUrl: env.CALLER_SERVER_URL ?? `http://127.0.0.1:${env.VOICE_PORT}`,
    // The voice server's own default PUBLIC_URL, so signatures match a default `npm start`.
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.VOICE_PORT}`,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN,
    twilioAccountSid: env.TWILIO_ACCOUNT_SID,
    databaseUrl: env.DATABASE_URL,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
  };
}

/** The environment for a child process the benchmark or scenario runner starts: ours plus `overrides`. */
export function childProcessEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
