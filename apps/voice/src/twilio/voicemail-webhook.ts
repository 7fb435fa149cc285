import { receiveVoicemail, tenantContext } from '@receptionist/domain';
import { buildHangupTwiml } from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CallStarts } from '../call/call-starts.ts';
import { type Database, findCallBySid } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';

/** Where the voicemail `<Record>` reports (signed like every Twilio webhook). */
export const VOICEMAIL_CALLBACK_PATH = '/twilio/voicemail';
/** The `<Record action>`: Twilio asks what to do once the caller finished; we hang up. */
export const VOICEMAIL_DONE_PATH = '/twilio/voicemail/done';

/** Twilio's recording status callback, the fields we use (the rest are ignored, not refused). */
const RecordingStatusParams = z.object({
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  CallSid: z.string().min(1).max(64),
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/),
  RecordingStatus: z.string().min(1).max(32),
  RecordingDuration: z.coerce.number().int().min(0).max(86_400).optional(),
});

/**
 * `POST /twilio/voicemail`: Twilio's `recordingStatusCallback` for the voicemail `<Record>`. A completed
 * recording on a call we know becomes a voicemail message (the domain verb enqueues the job that fetches
 * and transcribes the audio, so Twilio gets its answer at once). Callbacks are at-least-once: the verb is
 * idempotent by recording SID. Statuses other than `completed` (`absent`: the caller said nothing,
 * `failed`) are logged and acknowledged.
 */
export function voicemailWebhookHandler(deps: {
  env: VoiceEnv;
  db: Database;
  logger: Logger;
  metrics: VoiceMetrics;
  now: () => number;
  /** Rows this server's webhook answered for and is still writing (a voicemail can follow at once). */
  callStarts: CallStarts;
}) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = RecordingStatusParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('voicemail_invalid_params');
      response.status(400).type('text/plain').send('invalid parameters');
      return;
    }
    const { CallSid: callSid, RecordingSid: recordingSid, RecordingStatus: status } = params.data;
    const log = deps.logger.child({ callSid, recordingSid });
    if (status !== 'completed') {
      log.info({ status }, 'voicemail recording not completed; nothing to store');
      response.status(204).end();
      return;
    }
    await deps.callStarts.forCallSid(callSid);
    const call = await findCallBySid(deps.db, callSid);
    if (!call) {
      log.warn('voicemail for a call we have no record of; dropped');
      response.status(204).end();
      return;
    }
    const received = await receiveVoicemail({
      ctx: { ...tenantContext(deps.db, call.businessId, { kind: 'system' }), nowMs: deps.now() },
      input: { callId: call.id, recordingSid, durationSeconds: params.data.RecordingDuration ?? 0 },
    });
    log.info(
      { callId: call.id, voicemailId: received.voicemail.id, createdNow: received.createdNow },
      'voicemail received',
    );
    response.status(204).end();
  };
}

/** `POST /twilio/voicemail/done`: the `<Record action>`; the message is taken, so the call ends. */
export function voicemailDoneHandler(deps: { env: VoiceEnv; logger: Logger; metrics: VoiceMetrics }) {
  return (request: Request, response: Response): void => {
    if (!requireTwilioSignature(request, response, deps)) return;
    response.status(200).type('text/xml').send(buildHangupTwiml());
  };
}
