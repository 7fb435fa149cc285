import type { AbuseProbe } from '../types.ts';

/** Item 12: the dashboard sends a CSP with frame-ancestors, nosniff and X-Frame-Options. */
export const securityHeadersProbe: AbuseProbe = {
  item: '12',
  name: 'security headers on /sign-in',
  expected: "CSP frame-ancestors 'none', nosniff, DENY",
  async run(ctx) {
    const response = await fetch(`${ctx.webUrl}/sign-in`);
    await response.body?.cancel();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nosniff = response.headers.get('x-content-type-options');
    const frame = response.headers.get('x-frame-options');
    const framing = /frame-ancestors 'none'/.test(csp);
    return {
      observed: `CSP ${framing ? "frame-ancestors 'none'" : csp || 'none'}, ${nosniff ?? 'no nosniff'}, ${frame ?? 'no XFO'}`,
      pass: framing && nosniff === 'nosniff' && frame === 'DENY',
    };
  },
};
