import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type PolarConfig, PolarEnv, parsePolarConfig } from '@receptionist/billing';
import { type CalendarConfig, parseCalendarConfig } from '@receptionist/domain';
import { loadOrCreateDevSecrets } from '@receptionist/domain/dev-secrets';
import { z } from 'zod';

/**
 * The dashboard's configuration, validated once. Only this file reads `process.env` (lint enforces it).
 * Parsed lazily so `next build` can collect pages without production secrets present.
 */

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const EnvSchema = PolarEnv.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1).default('file:./data/receptionist.db'),
  DATABASE_AUTH_TOKEN: optionalText,
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SESSION_SECRET: optionalText.pipe(
    z.string().min(32, 'must be at least 32 characters (iron-session needs it)').optional(),
  ),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
  /** Where the browser's test-call WebSocket goes (the voice server). */
  VOICE_URL: z.url().default('http://127.0.0.1:8081'),
  /** The public https origin Twilio sees (the voice server); shown in onboarding as webhook URLs. */
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  /** This dashboard's public origin, used for the OAuth redirect URI when set. */
  WEB_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  /** Where the worker stores recordings (voicemails); the dashboard streams them to members. */
  RECORDINGS_DIR: z.string().trim().min(1).default('./data/recordings'),
  /** `true` lets outgoing webhooks point at private, loopback or link-local addresses (development). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
  /** 32 random bytes, base64: seals each business's Twilio credentials at rest (`openssl rand -base64 32`). */
  CREDENTIALS_KEY: optionalText.pipe(
    z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
  ),
  /** Twilio's REST API origin; tests point it at a loopback stand-in. */
  TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /**
   * `twilio`: "Connect number" needs the business's own Twilio account to own the number. `unchecked`:
   * any signed-in owner connects any number: only for an install whose one owner is the operator (tests).
   */
  PHONE_NUMBER_OWNERSHIP: z.enum(['twilio', 'unchecked']).default('twilio'),
  /**
   * The same SMTP server the worker notifies through. When set, accounts verify their email and staff are
   * invited by email; when unset, the install stays in local single-owner mode (see README).
   */
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  NOTIFY_EMAIL_FROM: z.string().trim().min(3).max(254).default('AI Receptionist <receptionist@localhost>'),
  /**
   * `on`: signed-out visitors may place browser test calls to the seeded demo business from `/demo`
   * (tightly rate-limited per IP and globally). `off`: the landing page offers no demo call.
   */
  PUBLIC_DEMO_CALLS: z.enum(['on', 'off']).default('on'),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && env.SESSION_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
  }
  if ((env.GOOGLE_CLIENT_ID === undefined) !== (env.GOOGLE_CLIENT_SECRET === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['GOOGLE_CLIENT_SECRET'],
      message: 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together',
    });
  }
});

export interface WebEnv {
  nodeEnv: 'development' | 'production' | 'test';
  /** libSQL URL; relative `file:` paths are resolved against the repository root. */
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  webPort: number;
  sessionSecret: string;
  google: { clientId: string; clientSecret: string; issuer: string } | undefined;
  voiceUrl: string;
  publicUrl: string | undefined;
  webPublicUrl: string | undefined;
  /** Polar (POLAR_*): checkout and portal need its access token, `/api/webhooks/polar` its webhook secret. */
  polar: PolarConfig;
  webhooks: { allowPrivateUrls: boolean };
  /** How "Connect number" proves ownership; the key that seals stored Twilio credentials. */
  phoneNumbers: {
    ownership: 'twilio' | 'unchecked';
    credentialsKey: string | undefined;
    twilioApiBaseUrl: string;
  };
  /** Absolute; a relative RECORDINGS_DIR is resolved against the repository root, as the database is. */
  recordingsDir: string;
  /** Account emails (verification, invitations); undefined in local single-owner mode (no SMTP_URL). */
  accountEmail: { smtpUrl: string; from: string } | undefined;
  /** Google Calendar connections (GOOGLE_CALENDAR_*, CALENDAR_TOKEN_KEY); undefined when not set up. */
  calendar?: CalendarConfig | undefined;
  /** Whether visitors without an account may call the demo business (PUBLIC_DEMO_CALLS). */
  publicDemoCalls: boolean;
}

export class InvalidEnvironmentError extends Error {
  readonly code = 'invalid_environment';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The directory holding the workspaces' root package.json, found by walking up from `from`. */
export function findRepositoryRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** `file:./data/x.db` → `file:/abs/repo/data/x.db`, so web and voice servers open the same file. */
export function resolveDatabaseUrl(url: string, repositoryRoot: string): string {
  if (!url.startsWith('file:')) return url;
  const path = url.slice('file:'.length);
  if (path === ':memory:' || isAbsolute(path)) return url;
  return `file:${resolve(repositoryRoot, path)}`;
}

export function parseWebEnv(source: Record<string, string | undefined>, cwd = process.cwd()): WebEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new InvalidEnvironmentError(`Invalid dashboard configuration:\n${lines.join('\n')}`, {
      cause: result.error,
    });
  }
  const env = result.data;
  const calendar = parseCalendarEnv(source);
  const google =
    env.GOOGLE_CLIENT_ID !== undefined && env.GOOGLE_CLIENT_SECRET !== undefined
      ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, issuer: env.GOOGLE_ISSUER }
      : undefined;
  return {
    nodeEnv: env.NODE_ENV,
    databaseUrl: resolveDatabaseUrl(env.DATABASE_URL, findRepositoryRoot(cwd)),
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    webPort: env.WEB_PORT,
    // Outside production, never a well-known default: the per-install secret the voice server shares.
    sessionSecret:
      env.SESSION_SECRET ?? loadOrCreateDevSecrets(join(findRepositoryRoot(cwd), 'data')).SESSION_SECRET,
    google,
    voiceUrl: env.VOICE_URL.replace(/\/$/, ''),
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, ''),
    webPublicUrl: env.WEB_PUBLIC_URL?.replace(/\/$/, ''),
    polar: parsePolarConfig(source),
    webhooks: { allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS === 'true' },
    recordingsDir: resolve(findRepositoryRoot(cwd), env.RECORDINGS_DIR),
    phoneNumbers: {
      ownership: env.PHONE_NUMBER_OWNERSHIP,
      credentialsKey: env.CREDENTIALS_KEY,
      twilioApiBaseUrl: env.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
    },
    accountEmail:
      env.SMTP_URL === undefined ? undefined : { smtpUrl: env.SMTP_URL, from: env.NOTIFY_EMAIL_FROM },
    calendar,
    publicDemoCalls: env.PUBLIC_DEMO_CALLS === 'on',
  };
}

/** The calendar variables, shared with the worker (`parseCalendarConfig`); a bad one fails naming it. */
function parseCalendarEnv(source: Record<string, string | undefined>): CalendarConfig | undefined {
  try {
    return parseCalendarConfig(source);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const lines = error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new InvalidEnvironmentError(`Invalid dashboard configuration:\n${lines.join('\n')}`, {
      cause: error,
    });
  }
}

let cached: WebEnv | undefined;

/** The process's configuration, parsed on first use; a bad value throws naming the variable. */
export function getEnv(): WebEnv {
  cached ??= parseWebEnv(process.env);
  return cached;
}
