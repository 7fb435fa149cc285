import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoute } from '../api/context.ts';
import { listMessages } from '../api/messages.ts';
import { type ApiTestBed, createApiTestBed } from '../api/test-harness.ts';
import { clientIp, isRateLimited, RateLimits } from './limiter.ts';
import { RATE_LIMIT_POLICY } from './policy.ts';

const MINUTE_MS = 60_000;

describe('RateLimits', () => {
  it('limits per account whatever the address, so rotating IPs does not help a password guesser', async () => {
    const limits = new RateLimits({
      ...RATE_LIMIT_POLICY,
      sign_in: { ip: { points: 100, durationMs: MINUTE_MS }, account: { points: 3, durationMs: MINUTE_MS } },
    });
    for (let i = 0; i < 3; i += 1)
      await limits.consume('sign_in', { ip: `10.0.0.${i}`, account: 'owner@clinic.test' });
    const refused = await limits
      .consume('sign_in', { ip: '10.0.0.99', account: 'owner@clinic.test' })
      .catch((error) => error);
    expect(isRateLimited(refused)).toBe(true);
    expect(refused).toMatchObject({ scope: 'account' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(MINUTE_MS);
    // Another account is untouched.
    await limits.consume('sign_in', { ip: '10.0.0.99', account: 'someone@else.test' });
  });

  it('has a global ceiling that no key rotation escapes', async () => {
    const limits = new RateLimits({
      ...RATE_LIMIT_POLICY,
      sign_up: { ip: { points: 100, durationMs: MINUTE_MS }, global: { points: 2, durationMs: MINUTE_MS } },
    });
    await limits.consume('sign_up', { ip: 'a' });
    await limits.consume('sign_up', { ip: 'b' });
    await expect(limits.consume('sign_up', { ip: 'c' })).rejects.toMatchObject({
      code: 'rate_limited',
      scope: 'global',
    });
  });

  it('reads the address next start (or a proxy) appended last to X-Forwarded-For', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.9.8.7' }))).toBe('10.9.8.7');
    expect(clientIp(new Headers())).toBe('unknown');
  });
});

describe('REST API rate limit', () => {
  let bed: ApiTestBed;
  beforeAll(async () => {
    bed = await createApiTestBed();
  });
  afterAll(async () => {
    await bed.testDb.cleanup();
  });

  it('answers 429 with Retry-After once a tenant has used its requests, and keeps other tenants served', async () => {
    const limits = new RateLimits({
      ...RATE_LIMIT_POLICY,
      rest_api: { tenant: { points: 2, durationMs: MINUTE_MS } },
    });
    const route = apiRoute({ getDb: async () => bed.db, now: bed.now, limits }, listMessages);
    const get = (key: string) =>
      route(
        new Request('http://127.0.0.1/api/v1/messages', { headers: { authorization: `Bearer ${key}` } }),
        {
          params: Promise.resolve({}),
        },
      );
    expect((await get(bed.keyA)).status).toBe(200);
    expect((await get(bed.keyA)).status).toBe(200);
    const limited = await get(bed.keyA);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await get(bed.keyB)).status).toBe(200);
  });
});
