import { publicUrlFor, type TwilioParams, validateTwilioSignature } from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';

/**
 * Checks `X-Twilio-Signature` against PUBLIC_URL + the requested path (never `Host` / `X-Forwarded-*`).
 * Answers 403 and returns false when it does not match; nothing else has run yet.
 */
export function requireTwilioSignature(
  request: Request,
  response: Response,
  deps: { env: VoiceEnv; logger: Logger; metrics: VoiceMetrics },
): boolean {
  const params = (request.body ?? {}) as TwilioParams;
  const valid = validateTwilioSignature({
    authToken: deps.env.twilio.authToken ?? '',
    signature: request.header('x-twilio-signature'),
    url: publicUrlFor(deps.env.publicUrl, request.originalUrl),
    params,
  });
  if (valid) return true;
  deps.metrics.countError('webhook_bad_signature');
  deps.logger.warn({ path: request.path }, 'refused a Twilio webhook with a missing or invalid signature');
  response.status(403).type('text/plain').send('invalid signature');
  return false;
}
