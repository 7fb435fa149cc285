import { describe, expect, it } from 'vitest';
import { RateLimits } from './limiter.ts';
import { RATE_LIMIT_POLICY } from './policy.ts';

describe('demo_ticket policy (anonymous demo calls)', () => {
  it('is tighter per address than a signed-in member’s tickets, and has an install-wide ceiling', () => {
    const demo = RATE_LIMIT_POLICY.demo_ticket;
    const member = RATE_LIMIT_POLICY.browser_ticket;
    expect(demo.ip?.points).toBeDefined();
    expect(demo.global?.points).toBeDefined();
    // Per minute, the anonymous allowance per IP is below what a member's IP gets.
    const perMinute = (rule: { points: number; durationMs: number }) =>
      (rule.points * 60_000) / rule.durationMs;
    if (demo.ip === undefined || member.ip === undefined || demo.global === undefined)
      throw new Error('unset');
    expect(perMinute(demo.ip)).toBeLessThan(perMinute(member.ip));
    expect(demo.global.points).toBeLessThanOrEqual(100);
  });

  it('refuses a visitor past the per-IP allowance while another address still gets a ticket', async () => {
    const limits = new RateLimits();
    const allowance = RATE_LIMIT_POLICY.demo_ticket.ip?.points ?? 0;
    for (let i = 0; i < allowance; i += 1) await limits.consume('demo_ticket', { ip: '198.51.100.7' });
    await expect(limits.consume('demo_ticket', { ip: '198.51.100.7' })).rejects.toMatchObject({
      code: 'rate_limited',
      scope: 'ip',
    });
    await limits.consume('demo_ticket', { ip: '198.51.100.8' });
  });
});
