import { getEnv } from '../../../../env.ts';
import { issueBrowserTicket } from '../../../../server/browser-ticket.ts';
import { log } from '../../../../server/log.ts';
import { publicDemoBusiness } from '../../../../server/public-demo.ts';
import {
  clientIp,
  isRateLimited,
  rateLimits,
  tooManyRequests,
} from '../../../../server/rate-limit/limiter.ts';

export const dynamic = 'force-dynamic';

function fail(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * POST /api/demo/sessions: a browser call ticket for the demo business, for visitors without an account.
 * Same-origin only (the proxy refuses cross-origin posts; the voice server checks the socket's Origin).
 * The ticket can only ever name the demo business, whatever the body says; it is single-use and lives
 * 60 s, and anonymous tickets have their own, tighter limits per IP and for the whole install.
 */
export async function POST(request: Request) {
  const demo = await publicDemoBusiness();
  if (demo === undefined) return fail(404, 'not_found', 'This installation offers no public demo');
  try {
    await rateLimits().consume('demo_ticket', { ip: clientIp(request.headers) });
  } catch (error) {
    if (isRateLimited(error)) return tooManyRequests(error);
    throw error;
  }
  const env = getEnv();
  const issued = issueBrowserTicket({
    secret: env.sessionSecret,
    voiceUrl: env.voiceUrl,
    businessId: demo.id,
    userId: 'visitor',
  });
  log.info({ businessId: demo.id }, 'demo call ticket issued to a visitor');
  return Response.json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
}
