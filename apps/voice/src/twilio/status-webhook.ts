import { callContext, endCall } from '@receptionist/domain';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CallStarts } from '../call/call-starts.ts';
import { type Database, findCallBySid } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';

const StatusParams = z.object({
  CallSid: z.string().min(1).max(64),
  CallStatus: z.string().min(1).max(32),
  CallDuration: z.string().optional(),
});

/** Twilio's final call statuses and the call-log status each one means. */
const FINAL_STATUSES = {
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  canceled: 'canceled',
  failed: 'failed',
} as const;

/**
 * `POST /twilio/status`: reconciles the call row with Twilio's view. Callbacks are at-least-once and
 * unordered: non-final statuses change nothing, and a final one only closes a call that is still open (the
 * first end wins, so a replay or a late `ringing` cannot reopen or rewrite it). A call whose session is
 * live on this server is left to the session, which knows the better end reason.
 */
export function statusWebhookHandler(deps: {
  env: VoiceEnv;
  db: Database;
  logger: Logger;
  metrics: VoiceMetrics;
  isLiveHere: (callId: string) => boolean;
  callStarts: CallStarts;
}) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = StatusParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('status_invalid_params');
      response.status(400).type('text/plain').send('invalid parameters');
      return;
    }
    const { CallSid: callSid, CallStatus: callStatus } = params.data;
    const finalStatus = FINAL_STATUSES[callStatus as keyof typeof FINAL_STATUSES];
    // The row may still be on its way from this server's webhook.
    await deps.callStarts.forCallSid(callSid);
    const call = await findCallBySid(deps.db, callSid);
    if (!call) {
      deps.logger.info({ callSid, callStatus }, 'status callback for an unknown call');
      response.status(204).end();
      return;
    }
    if (finalStatus && !call.ended && !deps.isLiveHere(call.id)) {
      await endCall({
        ctx: callContext(deps.db, call.businessId),
        input: { callId: call.id, status: finalStatus, endReason: `twilio_${callStatus}` },
      });
      deps.logger.info({ callId: call.id, callStatus }, 'call closed from a Twilio status callback');
    }
    response.status(204).end();
  };
}
