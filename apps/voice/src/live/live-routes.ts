import type { Express, Request, Response } from 'express';
import { type LiveTokenClaims, TokenError, verifyLiveToken } from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { CallRegistry } from '../call/call-registry.ts';
import type { Database } from '../db-reads/index.ts';
import type { VoiceMetrics } from '../metrics.ts';
import type { LiveCallEvent, LiveCalls } from './live-calls.ts';
import { performStaffAction, StaffAction } from './staff-actions.ts';

export const LIVE_CALLS_PATH = '/live/calls';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export interface LiveRouteDeps {
  secret: string;
  db: Database;
  live: LiveCalls;
  registry: CallRegistry;
  now: () => number;
  logger: Logger;
  metrics: VoiceMetrics;
}

/**
 * The live view's API, for the dashboard's server (which checks the member's session and mints the token):
 * `GET /live/calls`, `GET /live/calls/:callId/events` (server-sent events) and
 * `POST /live/calls/:callId/actions`. Every request carries a live token (`Authorization: Bearer`) scoped
 * to one business; a call of any other business answers 404, the same as a call not live here.
 */
export function mountLiveRoutes(app: Express, deps: LiveRouteDeps): void {
  app.get(LIVE_CALLS_PATH, (request, response) => {
    const claims = authorise(deps, request, response);
    if (!claims) return;
    response.json({ calls: deps.live.list(claims.businessId) });
  });

  app.get(`${LIVE_CALLS_PATH}/:callId/events`, (request, response) => {
    const claims = authorise(deps, request, response);
    if (!claims) return;
    const callId = request.params.callId ?? '';
    if (deps.live.businessOf(callId) !== claims.businessId) {
      response.status(404).json({ error: 'not_found' });
      return;
    }
    streamEvents(deps, request, response, callId);
  });

  app.post(`${LIVE_CALLS_PATH}/:callId/actions`, async (request, response) => {
    const claims = authorise(deps, request, response);
    if (!claims) return;
    const callId = request.params.callId ?? '';
    const session = deps.registry.get(callId);
    if (deps.live.businessOf(callId) !== claims.businessId || session === undefined) {
      response.status(404).json({ error: 'not_found' });
      return;
    }
    const parsed = StaffAction.safeParse(request.body);
    if (!parsed.success) {
      response.status(400).json({ error: 'invalid_action', issues: parsed.error.issues });
      return;
    }
    const result = await performStaffAction({
      db: deps.db,
      live: deps.live,
      session,
      businessId: claims.businessId,
      action: parsed.data,
    });
    deps.logger.info(
      { callId, action: parsed.data.type, userId: claims.userId, ok: result.ok },
      'staff action on a live call',
    );
    if (!result.ok) {
      response.status(result.status).json({ error: result.code, message: result.message });
      return;
    }
    response.status(202).json(result);
  });
}

function authorise(deps: LiveRouteDeps, request: Request, response: Response): LiveTokenClaims | undefined {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  try {
    return verifyLiveToken(deps.secret, token, deps.now());
  } catch (error) {
    const code = error instanceof TokenError ? error.code : 'invalid_token';
    deps.metrics.countError(`live_${code}`);
    response.status(401).json({ error: code });
    return undefined;
  }
}

/** The call's summary, then its events so far (after `Last-Event-ID`), then each new one until the end. */
function streamEvents(deps: LiveRouteDeps, request: Request, response: Response, callId: string): void {
  const lastSeen = Number(request.headers['last-event-id'] ?? 0);
  const afterSeq = Number.isSafeInteger(lastSeen) && lastSeen > 0 ? lastSeen : 0;
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  response.write(`retry: 2000\nevent: call\ndata: ${JSON.stringify(deps.live.summary(callId))}\n\n`);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(keepalive);
    subscription?.unsubscribe();
    response.end();
  };
  const send = (event: LiveCallEvent) => {
    if (finished) return;
    response.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (event.type === 'end') finish();
  };
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const subscription = deps.live.subscribe(callId, afterSeq, send);
  // The response closes when the dashboard goes away (or the stream ends): stop listening then.
  response.on('close', finish);
  if (!subscription) {
    finish();
    return;
  }
  for (const event of subscription.backlog) send(event);
}
