import { afterHoursHandling, callContext, endCall, startCall } from '@receptionist/domain';
import {
  buildFallbackTwiml,
  buildHangupTwiml,
  buildSayHangupTwiml,
  buildStreamTwiml,
  mintStreamToken,
  type RateWindow,
  type TwilioFallback,
} from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BusinessDirectory, CallBusiness } from '../business-directory.ts';
import type { CallAdmission } from '../call/call-admission.ts';
import type { Database } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';
import { TRANSFER_RESULT_PATH, TRANSFER_RING_SECONDS } from './transfer-paths.ts';
import { VOICEMAIL_CALLBACK_PATH, VOICEMAIL_DONE_PATH } from './voicemail-webhook.ts';

const VoiceWebhookParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-zA-Z]{32}$/),
  To: z.string().min(1).max(32),
  From: z.string().max(64).default(''),
});

export const UNKNOWN_NUMBER_MESSAGE =
  "Sorry, this number isn't set up to take calls yet. Please check the number and try again. Goodbye.";
const VOICEMAIL_PROMPT = "Sorry, we can't take your call right now. Please leave a message after the tone.";
export const LINES_BUSY_PROMPT =
  'Thanks for calling. All our lines are busy right now. Please leave a message after the tone and we will call you back.';
export const TOO_MANY_CALLS_MESSAGE =
  "Sorry, we're receiving too many calls from this number. Please try again later. Goodbye.";

export interface VoiceWebhookDeps {
  env: VoiceEnv;
  db: Database;
  directory: BusinessDirectory;
  logger: Logger;
  metrics: VoiceMetrics;
  isDraining: () => boolean;
  engineName: string;
  /** Places for live calls (per server, per business); absent: no cap. */
  admission?: CallAdmission | undefined;
  /** Calls ringing per caller number; absent: no limit. */
  callsPerNumber?: RateWindow | undefined;
}

/** A voicemail whose recording reaches us through the signed callbacks (PUBLIC_URL + path). */
export function voicemail(publicUrl: string, say: string): TwilioFallback {
  return {
    kind: 'voicemail',
    say,
    recordingStatusCallbackUrl: `${publicUrl}${VOICEMAIL_CALLBACK_PATH}`,
    actionUrl: `${publicUrl}${VOICEMAIL_DONE_PATH}`,
  };
}

/** What Twilio does if our stream ends or never starts: reach a human, or take a voicemail. */
export function fallbackFor(business: Pick<CallBusiness, 'humanLine'>, publicUrl: string): TwilioFallback {
  if (business.humanLine) {
    return {
      kind: 'dial',
      phoneNumber: business.humanLine.phoneNumber,
      say: 'Please hold while we connect you.',
      ...transferReport(publicUrl),
    };
  }
  return voicemail(publicUrl, VOICEMAIL_PROMPT);
}

/** A dial whose outcome comes back to us: nobody answering leads to a message, logged as such. */
function transferReport(publicUrl: string): { actionUrl: string; timeoutSeconds: number } {
  return { actionUrl: `${publicUrl}${TRANSFER_RESULT_PATH}`, timeoutSeconds: TRANSFER_RING_SECONDS };
}

function streamUrlFor(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/^http/, 'ws')}/twilio/stream/${token}`;
}

function sendTwiml(response: Response, twiml: string): void {
  response.status(200).type('text/xml').send(twiml);
}

/**
 * `POST /twilio/voice`: Twilio asks what to do with a ringing call. Signature first (403 before any database
 * or engine work), then the tenant from the called number, the call row, and TwiML that streams the call
 * to us with a single-use token and falls back to a human or voicemail without us.
 */
export function voiceWebhookHandler(deps: VoiceWebhookDeps) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = VoiceWebhookParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('webhook_invalid_params');
      deps.logger.warn({ issues: params.error.issues.length }, 'voice webhook with invalid parameters');
      sendTwiml(response, buildSayHangupTwiml(UNKNOWN_NUMBER_MESSAGE));
      return;
    }
    const { CallSid: callSid, To: to, From: from } = params.data;
    const log = deps.logger.child({ callSid });
    // A flood from one number is turned away before it costs a call row or an engine.
    if (from !== '' && deps.callsPerNumber !== undefined && !deps.callsPerNumber.allow(from)) {
      deps.metrics.countError('calls_per_number_limited');
      log.warn('too many calls from one number; turned away');
      sendTwiml(response, buildSayHangupTwiml(TOO_MANY_CALLS_MESSAGE));
      return;
    }
    const owner = await deps.directory.findByPhoneNumber(to);
    if (!owner) {
      log.info({ to }, 'call to a number no business owns');
      sendTwiml(response, buildSayHangupTwiml(UNKNOWN_NUMBER_MESSAGE));
      return;
    }
    const ctx = callContext(deps.db, owner.businessId);
    const call = await startCall({
      ctx,
      input: {
        channel: 'phone',
        twilioCallSid: callSid,
        fromNumber: from || undefined,
        toNumber: to,
        engine: deps.engineName,
      },
    });
    // One stream per CallSid: Twilio may retry a webhook while the call still rings, but a call that has
    // streamed or ended gets none again (a replayed signed webhook must not reopen a finished call).
    if (call.status !== 'ringing' || call.endedAt !== null) {
      log.warn(
        { callId: call.id, status: call.status },
        'voice webhook for a call already answered or ended',
      );
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    const business = await deps.directory.load(owner.businessId, {
      callId: call.id,
      callerNumber: from || undefined,
    });
    const fallback = fallbackFor(business, deps.env.publicUrl);

    if (deps.isDraining()) {
      log.info({ callId: call.id }, 'draining: sending the call to its fallback');
      await endCall({ ctx, input: { callId: call.id, status: 'completed', endReason: 'server_draining' } });
      sendTwiml(response, buildFallbackTwiml(fallback));
      return;
    }
    const handling = afterHoursHandling(business);
    if (handling.kind !== 'answer') {
      const afterHours: TwilioFallback =
        handling.kind === 'dial'
          ? { ...handling, ...transferReport(deps.env.publicUrl) }
          : voicemail(
              deps.env.publicUrl,
              `Thanks for calling ${business.name}. We're closed right now. ${VOICEMAIL_PROMPT}`,
            );
      await endCall({
        ctx,
        input: {
          callId: call.id,
          status: afterHours.kind === 'dial' ? 'transferred' : 'completed',
          endReason: `after_hours_${afterHours.kind}`,
        },
      });
      log.info({ callId: call.id, behaviour: afterHours.kind }, 'after-hours call handled by TwiML');
      sendTwiml(response, buildFallbackTwiml(afterHours));
      return;
    }

    const verdict = deps.admission?.tryAdmit(owner.businessId, call.id) ?? 'admitted';
    if (verdict !== 'admitted') {
      deps.metrics.countError(`calls_${verdict}`);
      log.warn({ callId: call.id, verdict }, 'no free line: the caller is offered a message');
      await endCall({ ctx, input: { callId: call.id, status: 'busy', endReason: `lines_busy_${verdict}` } });
      sendTwiml(response, buildFallbackTwiml(voicemail(deps.env.publicUrl, LINES_BUSY_PROMPT)));
      return;
    }
    const minted = mintStreamToken({
      secret: deps.env.sessionSecret,
      businessId: owner.businessId,
      callId: call.id,
      callSid,
    });
    log.info({ callId: call.id, businessId: owner.businessId }, 'call answered with a media stream');
    sendTwiml(
      response,
      buildStreamTwiml({
        disclosure: business.disclosure,
        streamUrl: streamUrlFor(deps.env.publicUrl, minted.token),
        parameters: { callId: call.id },
        fallback,
      }),
    );
  };
}
