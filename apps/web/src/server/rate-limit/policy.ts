/**
 * How often each abusable action may happen, per scope. Every action is limited per client IP, per account
 * (the account being signed in to, the signed-in user, the API key), per tenant (the business) where there
 * is one, and globally, so rotating IPs or accounts still hits a ceiling.
 */
export type LimitedAction = 'sign_in' | 'sign_up' | 'browser_ticket' | 'demo_ticket' | 'rest_api';
export type LimitScope = 'ip' | 'account' | 'tenant' | 'global';

export interface LimitRule {
  points: number;
  durationMs: number;
}

const MINUTE_MS = 60_000;

export const RATE_LIMIT_POLICY: Record<LimitedAction, Partial<Record<LimitScope, LimitRule>>> = {
  // Password guessing: 10 tries per account per 15 min whatever the IP (ASVS 2.2.1), 20 per IP.
  sign_in: {
    ip: { points: 20, durationMs: 10 * MINUTE_MS },
    account: { points: 10, durationMs: 15 * MINUTE_MS },
    global: { points: 300, durationMs: MINUTE_MS },
  },
  sign_up: {
    ip: { points: 5, durationMs: 60 * MINUTE_MS },
    global: { points: 60, durationMs: 60 * MINUTE_MS },
  },
  // Each ticket is a call that costs recognizer time or OpenAI money.
  browser_ticket: {
    ip: { points: 20, durationMs: MINUTE_MS },
    account: { points: 10, durationMs: MINUTE_MS },
    tenant: { points: 20, durationMs: MINUTE_MS },
    global: { points: 200, durationMs: MINUTE_MS },
  },
  // A visitor's call to the public demo: nobody signed in to hold accountable, so far fewer per IP, and a
  // global ceiling that bounds what anonymous calls can cost an install in an hour.
  demo_ticket: {
    ip: { points: 5, durationMs: 15 * MINUTE_MS },
    global: { points: 60, durationMs: 60 * MINUTE_MS },
  },
  rest_api: {
    ip: { points: 600, durationMs: MINUTE_MS },
    account: { points: 300, durationMs: MINUTE_MS },
    tenant: { points: 600, durationMs: MINUTE_MS },
    global: { points: 3_000, durationMs: MINUTE_MS },
  },
};
