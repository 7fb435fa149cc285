/**
 * The only e2e file touching process.env (lint allows env.ts): global setup publishes the servers it
 * started here, and Playwright passes process.env on to the test workers.
 */
export interface E2eServers {
  webUrl: string;
  voiceUrl: string;
  databaseUrl: string;
  sessionSecret: string;
  workDir: string;
  /**
   * The day (YYYY-MM-DD, business zone) the fake caller asks for, chosen once by global setup from the
   * real clock the servers run on, so the spoken request and the test's checks agree even across midnight.
   */
  bookingDay: string;
  /** The fake Polar API (checkout pages, customer portal) the dashboard and the worker talk to. */
  polarUrl: string;
  /** The fake Twilio REST API the dashboard's numbers page talks to, and the one account it knows. */
  twilio: { url: string; accountSid: string; authToken: string };
}

const KEY = 'RECEPTIONIST_E2E_SERVERS';

export function publishServers(servers: E2eServers): void {
  process.env[KEY] = JSON.stringify(servers);
}

export function e2eServers(): E2eServers {
  const raw = process.env[KEY];
  if (raw === undefined) throw new Error('e2e servers are not running: run through playwright.config.ts');
  return JSON.parse(raw) as E2eServers;
}

/** The environment for child servers: this process's, plus overrides. */
export function childEnv(overrides: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) base[key] = value;
  return { ...base, ...overrides };
}

export const isCi = process.env.CI !== undefined && process.env.CI !== '';

/** Local iteration only: skip `next build` when a production build is already in .next. */
export const reuseWebBuild = process.env.E2E_REUSE_BUILD === '1';

/** When set, the accessibility and landing e2e save full-page screenshots at each width there (for review). */
export const screenshotDir = process.env.SCREENSHOT_DIR || undefined;
