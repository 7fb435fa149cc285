import type { Express } from 'express';
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

  app.get('/metrics', async (_request, response) => {
    response.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
