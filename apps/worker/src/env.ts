import { z } from 'zod';
import { WorkerConfigError } from './errors.ts';

/**
 * The worker's configuration. The only file of this app that reads `process.env`; everything else gets a
 * parsed `WorkerEnv`. The voice server parses the WORKER_* settings with `parseWorkerSettings` when it
 * embeds a worker, so both ways of running one read the same variables.
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const SettingsEnv = z.object({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  WORKER_LEASE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  WORKER_ID: optionalString,
  /** Twilio account whose recordings (voicemails) the worker fetches; same variables as the voice server. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /** Where voicemail (and call) recordings are stored. */
  RECORDINGS_DIR: z.string().trim().min(1).default('./data/recordings'),
});

const RawEnv = SettingsEnv.extend({
  DATABASE_URL: z.string().min(1).default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** How a worker runs, wherever it runs. */
export interface WorkerSettings {
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  maxAttempts: number;
  /** On SIGTERM, running jobs get this long to finish. */
  drainTimeoutMs: number;
  workerId: string | undefined;
  /** Folder of stored recordings (RECORDINGS_DIR). */
  recordingsDir: string;
  /** Credentials for fetching recordings; undefined when TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is unset. */
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string } | undefined;
}

export interface WorkerEnv extends WorkerSettings {
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  logLevel: string;
}

function parseOrThrow<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.output<T> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new WorkerConfigError(`invalid worker configuration: ${problems.join('; ')}`, {
    cause: parsed.error,
  });
}

export function parseWorkerSettings(source: Record<string, string | undefined>): WorkerSettings {
  const raw = parseOrThrow(SettingsEnv, source);
  return {
    concurrency: raw.WORKER_CONCURRENCY,
    pollIntervalMs: raw.WORKER_POLL_INTERVAL_MS,
    leaseMs: raw.WORKER_LEASE_MS,
    maxAttempts: raw.WORKER_MAX_ATTEMPTS,
    drainTimeoutMs: raw.WORKER_DRAIN_TIMEOUT_MS,
    workerId: raw.WORKER_ID,
    recordingsDir: raw.RECORDINGS_DIR,
    twilio:
      raw.TWILIO_ACCOUNT_SID && raw.TWILIO_AUTH_TOKEN
        ? {
            accountSid: raw.TWILIO_ACCOUNT_SID,
            authToken: raw.TWILIO_AUTH_TOKEN,
            apiBaseUrl: raw.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
          }
        : undefined,
  };
}

export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const raw = parseOrThrow(RawEnv, source);
  return {
    ...parseWorkerSettings(source),
    databaseUrl: raw.DATABASE_URL,
    databaseAuthToken: raw.DATABASE_AUTH_TOKEN,
    logLevel: raw.LOG_LEVEL,
  };
}

/** The process environment, parsed. */
export function loadWorkerEnv(): WorkerEnv {
  return parseWorkerEnv(process.env);
}
