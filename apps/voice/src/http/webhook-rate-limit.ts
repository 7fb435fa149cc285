import { RateWindow } from '@receptionist/telephony';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';

/**
 * Twilio webhooks per source address: a flood from one address gets 429 before any signature check,
 * database or engine work (Twilio itself retries or uses the number's fallback URL).
 */
export function webhookRateLimit(deps: {
  perMinute: number;
  logger: Logger;
  metrics: VoiceMetrics;
  now?: () => number;
}) {
  const window = new RateWindow({ limit: deps.perMinute, windowMs: 60_000, now: deps.now });
  return (request: Request, response: Response, next: NextFunction): void => {
    const source = request.socket.remoteAddress ?? 'unknown';
    if (window.allow(source)) {
      next();
      return;
    }
    deps.metrics.countError('webhook_rate_limited');
    deps.logger.warn({ path: request.path }, 'webhook rate limit reached for a source');
    response.status(429).set('retry-after', '60').type('text/plain').send('too many requests');
  };
}
