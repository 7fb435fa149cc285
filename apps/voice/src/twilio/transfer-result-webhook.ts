import { callContext, recordTransferOutcome } from '@receptionist/domain';
import { buildFallbackTwiml, buildHangupTwiml } from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CallStarts } from '../call/call-starts.ts';
import { type Database, findCallBySid } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';
import { voicemail } from './voice-webhook.ts';

export { TRANSFER_RESULT_PATH } from './transfer-paths.ts';

export const TRANSFER_UNANSWERED_PROMPT =
  "Sorry, nobody could take your call just now. Please leave your name, number and message after the tone, and we'll get back to you.";

const TransferResultParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-zA-Z]{32}$/),
  DialCallStatus: z.string().min(1).max(32),
});

/**
 * `POST /twilio/transfer-result`: an answered transfer simply ends; one that was busy, unanswered or
 * failed returns the caller to us for a message (voicemail through the signed recording callbacks, which
 * notify the team) and the call is logged as what happened, not `transferred`.
 */
export function transferResultHandler(deps: {
  env: VoiceEnv;
  db: Database;
  logger: Logger;
  metrics: VoiceMetrics;
  /** Rows this server's webhook answered for and is still writing (an after-hours dial answers at once). */
  callStarts: CallStarts;
}) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = TransferResultParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('transfer_result_invalid_params');
      response.status(400).type('text/plain').send('invalid parameters');
      return;
    }
    const { CallSid: callSid, DialCallStatus: dialStatus } = params.data;
    const log = deps.logger.child({ callSid });
    await deps.callStarts.forCallSid(callSid);
    const call = await findCallBySid(deps.db, callSid);
    if (call === undefined) {
      log.warn({ dialStatus }, 'transfer result for a call we have no record of');
      response.status(200).type('text/xml').send(buildHangupTwiml());
      return;
    }
    const { answered } = await recordTransferOutcome({
      ctx: callContext(deps.db, call.businessId),
      input: { callId: call.id, dialStatus },
    });
    log.info({ callId: call.id, dialStatus, answered }, 'transfer finished');
    const twiml = answered
      ? buildHangupTwiml()
      : buildFallbackTwiml(voicemail(deps.env.publicUrl, TRANSFER_UNANSWERED_PROMPT));
    response.status(200).type('text/xml').send(twiml);
  };
}
