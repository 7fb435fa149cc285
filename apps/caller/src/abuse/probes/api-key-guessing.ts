import type { AbuseProbe } from '../types.ts';

/** Item 10: guessing API keys from one address runs into the per-IP limit (600/min) with a 429. */
export const apiKeyGuessingProbe: AbuseProbe = {
  item: '10',
  name: 'guess REST API keys: 650 wrong keys from one IP',
  expected: '401 then 429 + Retry-After',
  async run(ctx) {
    const counts = new Map<number, number>();
    let retryAfter: string | null = null;
    const guess = async (i: number) => {
      const response = await fetch(`${ctx.webUrl}/api/v1/messages`, {
        headers: { authorization: `Bearer rk_live_guess${i}` },
      });
      counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.body?.cancel();
    };
    for (let batch = 0; batch < 65; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => guess(batch * 10 + j)));
    }
    const summary = [...counts.entries()].map(([status, n]) => `${n}×${status}`).join(', ');
    return {
      observed: `${summary}, Retry-After ${retryAfter ?? 'none'}`,
      pass: (counts.get(429) ?? 0) >= 50 && (counts.get(500) ?? 0) === 0 && Number(retryAfter) >= 1,
    };
  },
};
