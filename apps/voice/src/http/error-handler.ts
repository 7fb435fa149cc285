import type express from 'express';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';

/**
 * The voice server's last error handler. A client's mistake that body-parser recognised (malformed JSON, a
 * bad encoding, a body over the limit) keeps its 4xx status — 400, 413, 415 — and is logged as a warning
 * without the body it carried; only real faults become 500.
 */
export function httpErrorHandler(deps: {
  logger: Logger;
  metrics: VoiceMetrics;
}): express.ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      deps.metrics.countError('http_bad_request');
      deps.logger.warn(
        { path: request.path, status, type: (error as { type?: unknown }).type },
        'refused a malformed request',
      );
      if (!response.headersSent) response.status(status).type('text/plain').send(statusText(status));
      return;
    }
    deps.metrics.countError('http_unhandled');
    deps.logger.error({ err: error }, 'request failed');
    if (!response.headersSent) response.status(500).type('text/plain').send('internal error');
  };
}

/** http-errors (what body-parser throws) marks client errors with `expose` and a 4xx `status`. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) return status;
  // decodeURIComponent on a path or query with a bad % escape.
  if (error instanceof URIError) return 400;
  return undefined;
}

function statusText(status: number): string {
  if (status === 413) return 'request body too large';
  if (status === 415) return 'unsupported content type';
  return 'bad request';
}
