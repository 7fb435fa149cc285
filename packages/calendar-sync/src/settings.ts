import type { GoogleOAuthApp } from '@receptionist/google-calendar';

/** How the worker (and the voice server's booking re-check) reach Google Calendar. */
export interface CalendarSettings {
  /** AES-256-GCM key of the tokens at rest (CALENDAR_TOKEN_KEY). */
  tokenKey: Buffer;
  app: GoogleOAuthApp;
  /** The voice/web origin; push channels are opened only when it is https (Google's rule). */
  publicUrl: string | undefined;
  /** The busy cache's TTL: each calendar is re-synced this often (push makes it sooner). */
  syncIntervalMs: number;
  /** How long a push channel is asked to live. */
  channelTtlMs: number;
  /** A channel expiring within this is renewed at the next sync. */
  channelRenewBeforeMs: number;
  /** How far ahead a full sync lists events (the booking horizon is at most this). */
  syncWindowDays: number;
  /** Rate-limit retries per request, and the first backoff. */
  maxAttempts: number;
  backoffBaseMs: number;
  /** How long the booking re-check may wait for Google before the booking goes ahead on the cache. */
  recheckTimeoutMs: number;
}
