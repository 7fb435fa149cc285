import type { Database } from '@receptionist/db';
import type { FakeTwilioClient } from '@receptionist/telephony/testing';
import type { BrowserContext } from 'playwright-core';

/** What every probe gets: the running product (voice + built dashboard) on loopback, and its database. */
export interface AbuseContext {
  webUrl: string;
  voiceUrl: string;
  /** The voice server's PUBLIC_URL (what Twilio signs against). */
  publicUrl: string;
  /** Signs webhooks with the install's auth token, like Twilio. */
  twilio: FakeTwilioClient;
  /** The configured Twilio account (a `start` from another is refused). */
  accountSid: string;
  authToken: string;
  sessionSecret: string;
  db: Database;
  demoBusinessId: string;
  demoNumber: string;
  /** Everything the voice server printed so far. */
  voiceOutput: () => string;
  /** A dashboard session cookie (`name=value`) for the user, sealed like the dashboard does. */
  sessionCookie: (user: { id: string; sessionVersion: number }) => Promise<string>;
  /** A signed-in owner of the demo business (seeded by the runner). */
  owner: { id: string; email: string; sessionVersion: number };
  /** A REST API key of the demo business. */
  apiKey: string;
  /** Mail the dashboard sent (verification links, invitations), newest last. */
  inbox: () => Array<{ to: string[]; text: string }>;
  /** A fresh browser context (headless Chromium) for probes that need the dashboard's forms. */
  newBrowserContext: () => Promise<BrowserContext>;
  /** Stops the voice server as `npm start` does on Ctrl-C; resolves with how it exited. */
  stopVoice: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
}

export interface ProbeResult {
  observed: string;
  pass: boolean;
}

/** One probe from issue 14, replayed against the running product, asserting the fixed behaviour. */
export interface AbuseProbe {
  /** The item number (2, 6, 8, …). */
  item: string;
  name: string;
  expected: string;
  run: (ctx: AbuseContext) => Promise<ProbeResult>;
}
