import { type PolarConfig, PolarEnv, parsePolarConfig } from '@receptionist/billing/settings';
import { type CalendarConfig, parseCalendarConfig } from '@receptionist/domain';
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
  /** `true` lets webhooks go to private, loopback and link-local addresses (development, tests). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
  /** How long one webhook attempt may take before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
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

/** The post-call analysis: with a key it asks OpenAI, without one it summarises deterministically. */
const AnalysisEnv = z.object({
  OPENAI_API_KEY: optionalString,
  /** The REST base (`https://api.openai.com/v1` when unset); tests point it at a loopback fake. */
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  ANALYSIS_MODEL: z.string().trim().min(1).default('gpt-4.1-mini'),
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  ANALYSIS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(2),
});

const NotificationsEnv = z.object({
  /** `smtp://user:pass@host:587`, `smtps://…`; email notifications are off without it. */
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  NOTIFY_EMAIL_FROM: z.string().trim().min(3).max(254).default('AI Receptionist <receptionist@localhost>'),
  TWILIO_ACCOUNT_SID: optionalString.pipe(
    z
      .string()
      .regex(/^AC\w{32}$/)
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  /** The voice server's public origin: SMS delivery reports are posted to `<PUBLIC_URL>/twilio/sms-status`. */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
});

/** Where notifications go out; the voice server parses the same variables when it embeds a worker. */
export interface NotificationSettings {
  smtpUrl: string | undefined;
  emailFrom: string;
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string } | undefined;
  smsStatusCallbackUrl: string | undefined;
  /** The voice server's public origin (PUBLIC_URL): outbound calls fetch their TwiML from it. */
  publicUrl: string | undefined;
}

export function parseNotificationSettings(source: Record<string, string | undefined>): NotificationSettings {
  const raw = parseOrThrow(NotificationsEnv, source);
  return {
    smtpUrl: raw.SMTP_URL,
    emailFrom: raw.NOTIFY_EMAIL_FROM,
    twilio:
      raw.TWILIO_ACCOUNT_SID !== undefined && raw.TWILIO_AUTH_TOKEN !== undefined
        ? {
            accountSid: raw.TWILIO_ACCOUNT_SID,
            authToken: raw.TWILIO_AUTH_TOKEN,
            apiBaseUrl: raw.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
          }
        : undefined,
    smsStatusCallbackUrl:
      raw.PUBLIC_URL === undefined ? undefined : `${raw.PUBLIC_URL.replace(/\/+$/, '')}/twilio/sms-status`,
    publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

const RawEnv = SettingsEnv.extend({
  DATABASE_URL: z.string().min(1).default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Personal data is redacted from logs unless this is 1 (only while debugging, on your own machine). */
  LOG_PERSONAL_DATA: z.enum(['0', '1']).default('0'),
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
  webhooks: { allowPrivateUrls: boolean; timeoutMs: number };
  /** Folder of stored recordings (RECORDINGS_DIR). */
  recordingsDir: string;
  /** Credentials for fetching recordings; undefined when TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is unset. */
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string } | undefined;
  /** Polar (POLAR_*): meter events are sent when its access token is set. */
  polar: PolarConfig;
}

/** How the `call.ended` job analyses a call. */
export interface AnalysisSettings {
  /** Undefined: no model, the deterministic summary only. */
  openai:
    | { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number; maxAttempts: number }
    | undefined;
}

export interface WorkerEnv extends WorkerSettings {
  analysis: AnalysisSettings;
  /** Google Calendar sync; undefined unless its client and CALENDAR_TOKEN_KEY are set. */
  calendar: CalendarConfig | undefined;
  notifications: NotificationSettings;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  logLevel: string;
  /** Personal data out of logs (the default; LOG_PERSONAL_DATA=1 turns it off). */
  redactPersonalData: boolean;
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
  parseOrThrow(PolarEnv, source); // names a bad POLAR_* variable the way every other one is named
  return {
    polar: parsePolarConfig(source),
    concurrency: raw.WORKER_CONCURRENCY,
    pollIntervalMs: raw.WORKER_POLL_INTERVAL_MS,
    leaseMs: raw.WORKER_LEASE_MS,
    maxAttempts: raw.WORKER_MAX_ATTEMPTS,
    drainTimeoutMs: raw.WORKER_DRAIN_TIMEOUT_MS,
    workerId: raw.WORKER_ID,
    webhooks: {
      allowPrivateUrls: raw.WEBHOOK_ALLOW_PRIVATE_URLS === 'true',
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
    },
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

export function parseAnalysisSettings(source: Record<string, string | undefined>): AnalysisSettings {
  const raw = parseOrThrow(AnalysisEnv, source);
  if (raw.OPENAI_API_KEY === undefined) return { openai: undefined };
  return {
    openai: {
      apiKey: raw.OPENAI_API_KEY,
      baseUrl: raw.OPENAI_BASE_URL,
      model: raw.ANALYSIS_MODEL,
      timeoutMs: raw.ANALYSIS_TIMEOUT_MS,
      maxAttempts: raw.ANALYSIS_MAX_ATTEMPTS,
    },
  };
}

export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const raw = parseOrThrow(RawEnv, source);
  return {
    ...parseWorkerSettings(source),
    analysis: parseAnalysisSettings(source),
    notifications: parseNotificationSettings(source),
    calendar: parseCalendarSettings(source),
    databaseUrl: raw.DATABASE_URL,
    databaseAuthToken: raw.DATABASE_AUTH_TOKEN,
    logLevel: raw.LOG_LEVEL,
    redactPersonalData: raw.LOG_PERSONAL_DATA !== '1',
  };
}

/** The Google Calendar variables (shared with the web app), or undefined when calendar sync is off. */
export function parseCalendarSettings(
  source: Record<string, string | undefined>,
): CalendarConfig | undefined {
  try {
    return parseCalendarConfig(source);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const problems = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new WorkerConfigError(`invalid worker configuration: ${problems.join('; ')}`, { cause: error });
  }
}

/** The process environment, parsed. */
export function loadWorkerEnv(): WorkerEnv {
  return parseWorkerEnv(process.env);
}
