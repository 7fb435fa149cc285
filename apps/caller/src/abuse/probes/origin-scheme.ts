import type { AbuseProbe } from '../types.ts';

/** Item 12: the Origin check compares the scheme too (https://host is not http://host). */
export const originSchemeProbe: AbuseProbe = {
  item: '12',
  name: 'POST with Origin of the same host on another scheme',
  expected: '403 (same origin reaches the handler: 404)',
  async run(ctx) {
    const cookie = await ctx.sessionCookie(ctx.owner);
    const post = (origin: string) =>
      fetch(`${ctx.webUrl}/api/sessions`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ businessId: 'biz_none' }),
      });
    const otherScheme = (await post(ctx.webUrl.replace(/^http:/, 'https:'))).status;
    // Same origin reaches the handler (404: no such business), proving only the scheme made the difference.
    const sameOrigin = (await post(ctx.webUrl)).status;
    return {
      observed: `${otherScheme} (same origin: ${sameOrigin})`,
      pass: otherScheme === 403 && sameOrigin === 404,
    };
  },
};
