import { z } from 'zod';
import { parseCalendarTokenKey } from './token-crypto.ts';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * The Google Calendar variables, shared by the web app (connecting) and the worker / voice server
 * (syncing, re-checking). Each app's env.ts passes its environment here, so both read the same names and
 * a bad value fails at start naming the variable. Calendar sync is off (undefined) unless
 * GOOGLE_CALENDAR_CLIENT_ID, GOOGLE_CALENDAR_CLIENT_SECRET and CALENDAR_TOKEN_KEY are all set.
 */
export const CalendarEnv = z
  .object({
    GOOGLE_CALENDAR_CLIENT_ID: optionalText,
    GOOGLE_CALENDAR_CLIENT_SECRET: optionalText,
    /** 32 bytes as 64 hex digits or base64: encrypts OAuth tokens at rest (AES-256-GCM). */
    CALENDAR_TOKEN_KEY: optionalText.refine(
      (value) => value === undefined || parseCalendarTokenKey(value) !== undefined,
      {
        message: 'must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)',
      },
    ),
    /** Google's endpoints; tests point them at a loopback fake. */
    GOOGLE_API_ROOT_URL: z.url().default('https://www.googleapis.com/'),
    GOOGLE_OAUTH_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_OAUTH_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
    GOOGLE_OAUTH_REVOKE_URL: z.url().default('https://oauth2.googleapis.com/revoke'),
    /** The busy cache's TTL: how often each calendar is re-synced without a push. */
    CALENDAR_SYNC_INTERVAL_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
    /** The dashboard's public origin: the OAuth callback and Google's push notifications go there. */
    WEB_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  })
  .superRefine((env, check) => {
    const set = [
      env.GOOGLE_CALENDAR_CLIENT_ID,
      env.GOOGLE_CALENDAR_CLIENT_SECRET,
      env.CALENDAR_TOKEN_KEY,
    ].filter((value) => value !== undefined).length;
    if (set !== 0 && set !== 3) {
      check.addIssue({
        code: 'custom',
        path: ['CALENDAR_TOKEN_KEY'],
        message:
          'GOOGLE_CALENDAR_CLIENT_ID, GOOGLE_CALENDAR_CLIENT_SECRET and CALENDAR_TOKEN_KEY must be set together',
      });
    }
  });

export interface CalendarConfig {
  tokenKey: Buffer;
  clientId: string;
  clientSecret: string;
  endpoints: { apiRootUrl: string; authUrl: string; tokenUrl: string; revokeUrl: string };
  syncIntervalMs: number;
  webPublicUrl: string | undefined;
}

/** The parsed calendar configuration, or undefined when calendar sync is not set up. Throws a ZodError naming the variable. */
export function parseCalendarConfig(source: Record<string, string | undefined>): CalendarConfig | undefined {
  const env = CalendarEnv.parse(source);
  if (
    env.GOOGLE_CALENDAR_CLIENT_ID === undefined ||
    env.GOOGLE_CALENDAR_CLIENT_SECRET === undefined ||
    env.CALENDAR_TOKEN_KEY === undefined
  ) {
    return undefined;
  }
  return {
    tokenKey: parseCalendarTokenKey(env.CALENDAR_TOKEN_KEY)!,
    clientId: env.GOOGLE_CALENDAR_CLIENT_ID,
    clientSecret: env.GOOGLE_CALENDAR_CLIENT_SECRET,
    endpoints: {
      apiRootUrl: env.GOOGLE_API_ROOT_URL,
      authUrl: env.GOOGLE_OAUTH_AUTH_URL,
      tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL,
      revokeUrl: env.GOOGLE_OAUTH_REVOKE_URL,
    },
    syncIntervalMs: env.CALENDAR_SYNC_INTERVAL_MS,
    webPublicUrl: env.WEB_PUBLIC_URL?.replace(/\/+$/, ''),
  };
}
