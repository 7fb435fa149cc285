import type { AbuseProbe } from '../types.ts';

/** Item 10: browser test-call tickets (each one a call that costs money) are rate-limited per account. */
export const ticketRateLimitProbe: AbuseProbe = {
  item: '10',
  name: 'mint 15 browser-call tickets in a burst',
  expected: '429 + Retry-After after 10',
  async run(ctx) {
    const cookie = await ctx.sessionCookie(ctx.owner);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i += 1) {
      const response = await fetch(`${ctx.webUrl}/api/sessions`, {
        method: 'POST',
        headers: { cookie, origin: ctx.webUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ businessId: ctx.demoBusinessId }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.body?.cancel();
    }
    const ok = statuses.filter((status) => status === 201).length;
    const limited = statuses.filter((status) => status === 429).length;
    return {
      observed: `${ok}×201, ${limited}×429, Retry-After ${retryAfter ?? 'none'}`,
      pass: ok === 10 && limited === 5 && Number(retryAfter) >= 1,
    };
  },
};
