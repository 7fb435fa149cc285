import type { AbuseProbe } from '../types.ts';

/** Item 12: /metrics is not open: without METRICS_TOKEN only direct loopback clients, never via a proxy. */
export const metricsAccessProbe: AbuseProbe = {
  item: '12',
  name: 'GET /metrics through a proxy (X-Forwarded-For)',
  expected: '403',
  async run(ctx) {
    const response = await fetch(`${ctx.voiceUrl}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    await response.body?.cancel();
    return { observed: String(response.status), pass: response.status === 403 };
  },
};
