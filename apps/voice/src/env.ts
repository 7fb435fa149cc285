import { resolve } from 'node:path';
import type { CalendarConfig } from '@receptionist/domain';
import { loadOrCreateDevSecrets } from '@receptionist/domain/dev-secrets';
import {
  type AnalysisSettings,
  type NotificationSettings,
  parseAnalysisSettings,
  parseCalendarSettings,
  parseNotificationSettings,
  parseWorkerSettings,
  type WorkerSettings,
} from '@receptionist/worker/settings';
import { z } from 'zod';

/**
 * The voice server's configuration (names in DESIGN.md). The only file that reads `process.env`; everything
 * else receives a parsed `VoiceEnv`. Bad configuration fails at start, naming the variable and why.
 */

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const RawEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1).default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  VOICE_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  ENGINE: z.enum(['openai', 'local']).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_REALTIME_URL: z.url().default('wss://api.openai.com/v1/realtime'),
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  OPENAI_REALTIME_MODEL: z.string().min(1).default('gpt-realtime'),
  OPENAI_SUPERVISOR_MODEL: optionalString,
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ALLOWED_ORIGINS: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Personal data is redacted from logs unless this is 1 (only while debugging, on your own machine). */
  LOG_PERSONAL_DATA: z.enum(['0', '1']).default('0'),
  /** Where the per-install development secrets live (outside production, when SESSION_SECRET is unset). */
  DEV_SECRETS_DIR: z.string().min(1).default('./data'),
  /** Bearer token for GET /metrics; without it /metrics answers only loopback clients. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  VOICE_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * `embedded` (default) runs the job worker inside this process, for one-process installs; `off` when
   * workers run on their own (`npm run worker`, as `npm start` does). Both at once is safe, only wasteful.
   */
  WORKER: z.enum(['embedded', 'off']).default('embedded'),
  /** Where call recordings are written (businesses that record calls); the worker's voicemails go there too. */
  RECORDINGS_DIR: z.string().trim().min(1).default('./data/recordings'),
  /** Abuse limits: Twilio webhooks per source address per minute. */
  VOICE_WEBHOOKS_PER_SOURCE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Calls ringing from one caller number per minute; more are told to try later, no call row. */
  VOICE_CALLS_PER_NUMBER_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Calls live at once on this server, and per business; more get a polite "lines busy" + voicemail. */
  VOICE_MAX_CONCURRENT_CALLS: z.coerce.number().int().min(1).max(100_000).default(50),
  VOICE_MAX_CONCURRENT_CALLS_PER_BUSINESS: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Typed lines on a browser call, per second and per call (each is a model turn). */
  BROWSER_TYPED_LINES_PER_SECOND: z.coerce.number().int().min(1).max(100).default(2),
  BROWSER_TYPED_LINES_PER_CALL: z.coerce.number().int().min(1).max(100_000).default(200),
  /** The call log's durable outbox (one file per voice server process; on local disk, not shared). */
  CALL_LOG_OUTBOX_DIR: z.string().trim().min(1).default('./data/call-log-outbox'),
});

export interface VoiceEnv {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  /** The public origin Twilio sees, without a trailing slash; signatures are checked against it. */
  publicUrl: string;
  voicePort: number;
  engine: 'openai' | 'local';
  openai: {
    apiKey: string | undefined;
    realtimeUrl: string;
    baseUrl: string;
    realtimeModel: string;
    supervisorModel: string | undefined;
  };
  twilio: { accountSid: string | undefined; authToken: string | undefined; apiBaseUrl: string };
  sessionSecret: string;
  /** Origins allowed to open browser calls. */
  allowedOrigins: string[];
  logLevel: string;
  /** Personal data out of logs (the default; LOG_PERSONAL_DATA=1 turns it off). */
  redactPersonalData: boolean;
  metricsToken: string | undefined;
  /** On SIGTERM, active calls get this long to finish. */
  drainTimeoutMs: number;
  /** The embedded job worker's settings (WORKER_* variables), or undefined when WORKER=off. */
  worker: (WorkerSettings & { notifications: NotificationSettings }) | undefined;
  /** How the embedded worker analyses calls (OPENAI_API_KEY, ANALYSIS_*); deterministic without a key. */
  workerAnalysis: AnalysisSettings;
  /**
   * Google Calendar (GOOGLE_CALENDAR_*, CALENDAR_TOKEN_KEY): the booking re-check on calls, and the
   * embedded worker's calendar sync. Undefined when not set up.
   */
  calendar?: CalendarConfig | undefined;
  /** Folder of call recordings (RECORDINGS_DIR). */
  recordingsDir: string;
  /** Folder of the call log's crash-safe outbox files (CALL_LOG_OUTBOX_DIR). */
  callLogOutboxDir: string;
  /** Flood limits (VOICE_WEBHOOKS_PER_SOURCE_PER_MINUTE, VOICE_MAX_CONCURRENT_CALLS…). */
  abuse: VoiceAbuseLimits;
}

export interface VoiceAbuseLimits {
  webhooksPerSourcePerMinute: number;
  callsPerNumberPerMinute: number;
  maxConcurrentCalls: number;
  maxConcurrentCallsPerBusiness: number;
  typedLinesPerSecond: number;
  typedLinesPerCall: number;
}

export class VoiceConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Parses an environment; `warnings` are worth logging (development defaults in use). */
export function parseVoiceEnv(source: Record<string, string | undefined>): {
  env: VoiceEnv;
  warnings: string[];
} {
  const parsed = RawEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new VoiceConfigError(`invalid voice server configuration: ${problems.join('; ')}`, {
      cause: parsed.error,
    });
  }
  const raw = parsed.data;
  const warnings: string[] = [];
  const production = raw.NODE_ENV === 'production';

  let sessionSecret = raw.SESSION_SECRET;
  if (!sessionSecret) {
    if (production)
      throw new VoiceConfigError('SESSION_SECRET: required in production (at least 32 characters)');
    // Never a well-known default: the per-install secret `npm start` and the dashboard share.
    sessionSecret = loadOrCreateDevSecrets(resolve(raw.DEV_SECRETS_DIR)).SESSION_SECRET;
    warnings.push(
      `SESSION_SECRET is not set: using the per-install secret in ${raw.DEV_SECRETS_DIR}/dev-secrets.json`,
    );
  }
  let publicUrl = raw.PUBLIC_URL;
  if (!publicUrl) {
    if (production)
      throw new VoiceConfigError('PUBLIC_URL: required in production (the https origin Twilio calls)');
    publicUrl = `http://localhost:${raw.VOICE_PORT}`;
    warnings.push(`PUBLIC_URL is not set: using ${publicUrl}; Twilio webhooks will not validate`);
  } else if (production && !publicUrl.startsWith('https://')) {
    throw new VoiceConfigError('PUBLIC_URL: must be https in production (Twilio streams need wss://)');
  }
  const engine = raw.ENGINE ?? (raw.OPENAI_API_KEY ? 'openai' : 'local');
  if (engine === 'openai' && !raw.OPENAI_API_KEY) {
    throw new VoiceConfigError('OPENAI_API_KEY: required when ENGINE=openai');
  }
  const allowedOrigins = raw.ALLOWED_ORIGINS
    ? raw.ALLOWED_ORIGINS.split(',')
        .map((origin) => origin.trim().replace(/\/+$/, ''))
        .filter(Boolean)
    : production
      ? []
      : ['http://localhost:3000', 'http://127.0.0.1:3000'];
  for (const origin of allowedOrigins) {
    if (!URL.canParse(origin)) throw new VoiceConfigError(`ALLOWED_ORIGINS: ${origin} is not an origin`);
  }
  let worker: VoiceEnv['worker'];
  let workerAnalysis: AnalysisSettings = { openai: undefined };
  let calendar: CalendarConfig | undefined;
  try {
    calendar = parseCalendarSettings(source);
    worker =
      raw.WORKER === 'embedded'
        ? { ...parseWorkerSettings(source), notifications: parseNotificationSettings(source) }
        : undefined;
    if (worker !== undefined) workerAnalysis = parseAnalysisSettings(source);
  } catch (cause) {
    throw new VoiceConfigError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  if (!raw.TWILIO_AUTH_TOKEN)
    warnings.push('TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused');

  return {
    env: {
      nodeEnv: raw.NODE_ENV,
      databaseUrl: raw.DATABASE_URL,
      databaseAuthToken: raw.DATABASE_AUTH_TOKEN,
      publicUrl: publicUrl.replace(/\/+$/, ''),
      voicePort: raw.VOICE_PORT,
      engine,
      openai: {
        apiKey: raw.OPENAI_API_KEY,
        realtimeUrl: raw.OPENAI_REALTIME_URL,
        baseUrl: raw.OPENAI_BASE_URL,
        realtimeModel: raw.OPENAI_REALTIME_MODEL,
        supervisorModel: raw.OPENAI_SUPERVISOR_MODEL,
      },
      twilio: {
        accountSid: raw.TWILIO_ACCOUNT_SID,
        authToken: raw.TWILIO_AUTH_TOKEN,
        apiBaseUrl: raw.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
      },
      sessionSecret,
      allowedOrigins,
      logLevel: raw.LOG_LEVEL,
      redactPersonalData: raw.LOG_PERSONAL_DATA !== '1',
      metricsToken: raw.METRICS_TOKEN,
      drainTimeoutMs: raw.VOICE_DRAIN_TIMEOUT_MS,
      worker,
      workerAnalysis,
      calendar,
      recordingsDir: raw.RECORDINGS_DIR,
      abuse: {
        webhooksPerSourcePerMinute: raw.VOICE_WEBHOOKS_PER_SOURCE_PER_MINUTE,
        callsPerNumberPerMinute: raw.VOICE_CALLS_PER_NUMBER_PER_MINUTE,
        maxConcurrentCalls: raw.VOICE_MAX_CONCURRENT_CALLS,
        maxConcurrentCallsPerBusiness: raw.VOICE_MAX_CONCURRENT_CALLS_PER_BUSINESS,
        typedLinesPerSecond: raw.BROWSER_TYPED_LINES_PER_SECOND,
        typedLinesPerCall: raw.BROWSER_TYPED_LINES_PER_CALL,
      },
      callLogOutboxDir: raw.CALL_LOG_OUTBOX_DIR,
    },
    warnings,
  };
}

/** The process environment, parsed. */
export function loadVoiceEnv(): { env: VoiceEnv; warnings: string[] } {
  return parseVoiceEnv(process.env);
}
