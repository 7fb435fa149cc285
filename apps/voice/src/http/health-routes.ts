import { timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import { type Database, pingDatabase } from '../db-reads/index.ts';
import type { VoiceMetrics } from '../metrics.ts';

/** Liveness, readiness (database reachable, engine configured, not draining) and Prometheus metrics. */
export function mountHealthRoutes(
  app: Express,
  deps: {
    db: Database;
    metrics: VoiceMetrics;
    logger: Logger;
    engineReady: () => boolean;
    isDraining: () => boolean;
    /** With a token, /metrics needs `Authorization: Bearer <token>`; without one, only loopback clients. */
    metricsToken?: string | undefined;
  },
): void {
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const checks: Record<string, string> = {};
    try {
      await pingDatabase(deps.db);
      checks.database = 'ok';
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness: database unreachable');
      checks.database = 'unreachable';
    }
    checks.engine = deps.engineReady() ? 'ok' : 'not_configured';
    checks.accepting = deps.isDraining() ? 'draining' : 'ok';
    const ready = Object.values(checks).every((value) => value === 'ok');
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });

  app.get('/metrics', async (request, response) => {
    if (!metricsAllowed(request, deps.metricsToken)) {
      response
        .status(deps.metricsToken ? 401 : 403)
        .type('text/plain')
        .send('metrics need a token');
      return;
    }
    response.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics reveal call volumes and error rates. A configured token is required from everyone; without one
 * only this machine may read them, and never through a proxy (a forwarded request only looks local).
 */
function metricsAllowed(request: Request, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.has(request.socket.remoteAddress ?? '');
}
