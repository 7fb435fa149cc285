import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimitedAction, type LimitRule, type LimitScope, RATE_LIMIT_POLICY } from './policy.ts';

/**
 * Fixed-window counters in this process's memory (rate-limiter-flexible). Chosen over a database-backed window
 * on purpose: the dashboard's writes on every request were what held the database lock against live calls
 * (issue 14, item 4), and a limiter must not add one per request. The cost: N dashboard processes allow N
 * times the limits; `npm start` runs one. Swap RateLimiterMemory for its Redis store if you scale out.
 */
export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  readonly retryAfterMs: number;
  readonly scope: LimitScope;
  constructor(action: LimitedAction, scope: LimitScope, retryAfterMs: number) {
    super(`Too many requests (${action}, per ${scope}); try again in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
    this.scope = scope;
  }
}

export function isRateLimited(error: unknown): error is RateLimitedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'rate_limited' &&
    typeof (error as { retryAfterMs?: unknown }).retryAfterMs === 'number'
  );
}

export type LimitKeys = Partial<Record<Exclude<LimitScope, 'global'>, string>>;

export class RateLimits {
  readonly #limiters = new Map<string, RateLimiterMemory>();
  readonly #policy: typeof RATE_LIMIT_POLICY;

  constructor(policy: typeof RATE_LIMIT_POLICY = RATE_LIMIT_POLICY) {
    this.#policy = policy;
  }

  /**
   * Counts one attempt of `action` in every scope it has a key for (and globally); throws RateLimitedError
   * naming the scope that is exhausted, with the longest wait among them.
   */
  async consume(action: LimitedAction, keys: LimitKeys): Promise<void> {
    const rules = this.#policy[action];
    let refused: RateLimitedError | undefined;
    for (const [scope, rule] of Object.entries(rules) as [LimitScope, LimitRule][]) {
      const key = scope === 'global' ? 'all' : keys[scope];
      if (key === undefined || key === '') continue;
      try {
        await this.#limiter(action, scope, rule).consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        if (refused === undefined || rejection.msBeforeNext > refused.retryAfterMs) {
          refused = new RateLimitedError(action, scope, rejection.msBeforeNext);
        }
      }
    }
    if (refused !== undefined) throw refused;
  }

  #limiter(action: LimitedAction, scope: LimitScope, rule: LimitRule): RateLimiterMemory {
    const name = `${action}:${scope}`;
    let limiter = this.#limiters.get(name);
    if (limiter === undefined) {
      limiter = new RateLimiterMemory({
        keyPrefix: name,
        points: rule.points,
        duration: Math.max(1, Math.ceil(rule.durationMs / 1000)),
      });
      this.#limiters.set(name, limiter);
    }
    return limiter;
  }
}

/**
 * The process's limits. Kept on globalThis because Next bundles the proxy, route handlers and server actions
 * separately: one module-level instance each would be several independent counters.
 */
export function rateLimits(): RateLimits {
  const holder = globalThis as { __receptionistRateLimits?: RateLimits };
  holder.__receptionistRateLimits ??= new RateLimits();
  return holder.__receptionistRateLimits;
}

/**
 * The client address: the last X-Forwarded-For entry, which `next start` fills from the socket when the client
 * sent none (and a reverse proxy in front should overwrite or append). A client that forges the header only
 * escapes the per-IP limit; the per-account, per-tenant and global limits still hold.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip') || 'unknown';
}

/** A 429 response with Retry-After in whole seconds (RFC 9110 §10.2.3). */
export function tooManyRequests(error: RateLimitedError): Response {
  return Response.json(
    { error: { code: 'rate_limited', message: error.message } },
    {
      status: 429,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))),
        'cache-control': 'no-store',
      },
    },
  );
}
