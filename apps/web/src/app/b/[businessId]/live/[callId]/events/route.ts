import { getCurrentUser } from '../../../../../../server/auth/current-user.ts';
import { findMembership } from '../../../../../../server/auth/accounts.ts';
import { systemClock } from '../../../../../../server/clock.ts';
import { getDb } from '../../../../../../server/db.ts';
import { voiceLinkFor } from '../../../../../../server/live-calls/voice-link.ts';
import { findLiveCall } from '../../../../../../server/queries/live-calls.ts';

export const dynamic = 'force-dynamic';

/**
 * `GET /b/:businessId/live/:callId/events`: the live call's server-sent events, relayed from the voice
 * server that carries it. Members only; a call of another business, ended or unknown answers 404.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ businessId: string; callId: string }> },
): Promise<Response> {
  const { businessId, callId } = await params;
  const user = await getCurrentUser();
  if (user === null) return new Response('sign in first', { status: 401 });
  const db = await getDb();
  const membership = await findMembership(db, user.id, businessId);
  const call =
    membership === undefined ? undefined : await findLiveCall(db, businessId, callId, systemClock());
  if (membership === undefined || call === undefined) return new Response('not found', { status: 404 });
  const link = voiceLinkFor({ call, businessId, userId: user.id, role: membership.role, path: 'events' });
  const lastEventId = request.headers.get('last-event-id');
  let upstream: Response;
  try {
    upstream = await fetch(link.url, {
      headers: { ...link.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: request.signal,
      cache: 'no-store',
    });
  } catch {
    return new Response('the voice server carrying this call is unreachable', { status: 502 });
  }
  if (!upstream.ok || upstream.body === null) {
    await upstream.body?.cancel();
    return new Response('not found', { status: upstream.status === 404 ? 404 : 502 });
  }
  return new Response(upstream.body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: compression would hold events back until a buffer fills.
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
