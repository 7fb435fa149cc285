import { z } from 'zod';
import { getEnv } from '../../../env.ts';
import { findMembership } from '../../../server/auth/accounts.ts';
import { getCurrentUser } from '../../../server/auth/current-user.ts';
import { issueBrowserTicket } from '../../../server/browser-ticket.ts';
import { getDb } from '../../../server/db.ts';
import { log } from '../../../server/log.ts';
import { clientIp, isRateLimited, rateLimits, tooManyRequests } from '../../../server/rate-limit/limiter.ts';

export const dynamic = 'force-dynamic';

const CreateSession = z.object({ businessId: z.string().min(1).max(100) });

function fail(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * POST /api/sessions: a browser call ticket for the signed-in user's business. Same-origin only (the
 * proxy refuses cross-origin posts); the business must be one of the user's memberships.
 */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (user === null) return fail(401, 'unauthorized', 'Sign in first');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, 'invalid_request', 'Send JSON: { "businessId": "…" }');
  }
  const input = CreateSession.safeParse(body);
  if (!input.success) return fail(400, 'invalid_request', 'Send JSON: { "businessId": "…" }');
  const membership = await findMembership(await getDb(), user.id, input.data.businessId);
  if (membership === undefined) return fail(404, 'not_found', 'No such business');
  try {
    await rateLimits().consume('browser_ticket', {
      ip: clientIp(request.headers),
      account: user.id,
      tenant: membership.businessId,
    });
  } catch (error) {
    if (isRateLimited(error)) return tooManyRequests(error);
    throw error;
  }
  const env = getEnv();
  const issued = issueBrowserTicket({
    secret: env.sessionSecret,
    voiceUrl: env.voiceUrl,
    businessId: membership.businessId,
    userId: user.id,
  });
  log.info({ userId: user.id, businessId: membership.businessId }, 'browser call ticket issued');
  return Response.json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
}
