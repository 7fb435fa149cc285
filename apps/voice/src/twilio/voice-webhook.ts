import { afterHoursHandling } from '@receptionist/domain';
import {
  buildFallbackTwiml,
  buildHangupTwiml,
  buildSayHangupTwiml,
  buildStreamTwiml,
  mintStreamToken,
  type TwilioFallback,
} from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BusinessDirectory, CallBusiness } from '../business-directory.ts';
import type { CallLogOutbox } from '../call/call-log-outbox.ts';
import { type CallStarts, callIdForSid } from '../call/call-starts.ts';
import { type Database, findCallBySid } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { requireTwilioSignature } from './require-signature.ts';
import { VOICEMAIL_CALLBACK_PATH, VOICEMAIL_DONE_PATH } from './voicemail-webhook.ts';

const VoiceWebhookParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-zA-Z]{32}$/),
  To: z.string().min(1).max(32),
  From: z.string().max(64).default(''),
});

export const UNKNOWN_NUMBER_MESSAGE =
  "Sorry, this number isn't set up to take calls yet. Please check the number and try again. Goodbye.";
const VOICEMAIL_PROMPT = "Sorry, we can't take your call right now. Please leave a message after the tone.";

export interface VoiceWebhookDeps {
  env: VoiceEnv;
  db: Database;
  directory: BusinessDirectory;
  logger: Logger;
  metrics: VoiceMetrics;
  isDraining: () => boolean;
  engineName: string;
  /** Call rows are written through it, after the answer. */
  callLog: CallLogOutbox;
  callStarts: CallStarts;
}

/** A voicemail whose recording reaches us through the signed callbacks (PUBLIC_URL + path). */
function voicemail(publicUrl: string, say: string): TwilioFallback {
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
    };
  }
  return voicemail(publicUrl, VOICEMAIL_PROMPT);
}

function streamUrlFor(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/^http/, 'ws')}/twilio/stream/${token}`;
}

function sendTwiml(response: Response, twiml: string): void {
  response.status(200).type('text/xml').send(twiml);
}

/**
 * `POST /twilio/voice`: Twilio asks what to do with a ringing call. Signature first (403 before any database
 * or engine work), then the tenant from the called number and its business from the cached directory, and
 * TwiML that streams the call to us with a single-use token and falls back to a human or voicemail without
 * us. The only database work on the way is one indexed read (has this CallSid streamed or ended already?);
 * the call row is written after the answer, through the call-log outbox, under an id derived from the
 * CallSid, so a retried webhook names the same call.
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
    const owner = await deps.directory.findByPhoneNumber(to);
    if (!owner) {
      log.info({ to }, 'call to a number no business owns');
      sendTwiml(response, buildSayHangupTwiml(UNKNOWN_NUMBER_MESSAGE));
      return;
    }
    // One stream per CallSid: Twilio may retry a webhook while the call still rings, but a call that has
    // streamed or ended gets none again (a replayed signed webhook must not reopen a finished call).
    await deps.callStarts.forCallSid(callSid);
    const existing = await findCallBySid(deps.db, callSid);
    if (existing !== undefined && (existing.status !== 'ringing' || existing.ended)) {
      log.warn(
        { callId: existing.id, status: existing.status },
        'voice webhook for a call already answered or ended',
      );
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    const callId = existing?.id ?? callIdForSid(deps.env.sessionSecret, callSid);
    const business = await deps.directory.load(owner.businessId, {
      callId,
      callerNumber: from || undefined,
    });
    const fallback = fallbackFor(business, deps.env.publicUrl);
    const journal = { businessId: owner.businessId, callId };
    const start = () => {
      if (existing !== undefined) return;
      const seq = deps.callLog.enqueue({
        op: 'start',
        ...journal,
        start: {
          channel: 'phone',
          twilioCallSid: callSid,
          fromNumber: from || undefined,
          toNumber: to,
          engine: deps.engineName,
        },
      });
      deps.callStarts.record({ callSid, callId, landed: deps.callLog.whenDone(seq) });
    };
    const endNow = (status: 'completed' | 'transferred', endReason: string) => {
      deps.callLog.enqueue({ op: 'end', ...journal, status, endReason, succeededTools: [] });
    };

    if (deps.isDraining()) {
      log.info({ callId }, 'draining: sending the call to its fallback');
      start();
      endNow('completed', 'server_draining');
      sendTwiml(response, buildFallbackTwiml(fallback));
      return;
    }
    const handling = afterHoursHandling(business);
    if (handling.kind !== 'answer') {
      const afterHours: TwilioFallback =
        handling.kind === 'dial'
          ? handling
          : voicemail(
              deps.env.publicUrl,
              `Thanks for calling ${business.name}. We're closed right now. ${VOICEMAIL_PROMPT}`,
            );
      start();
      endNow(afterHours.kind === 'dial' ? 'transferred' : 'completed', `after_hours_${afterHours.kind}`);
      log.info({ callId, behaviour: afterHours.kind }, 'after-hours call handled by TwiML');
      sendTwiml(response, buildFallbackTwiml(afterHours));
      return;
    }

    const minted = mintStreamToken({
      secret: deps.env.sessionSecret,
      businessId: owner.businessId,
      callId,
      callSid,
    });
    start();
    log.info({ callId, businessId: owner.businessId }, 'call answered with a media stream');
    sendTwiml(
      response,
      buildStreamTwiml({
        disclosure: business.disclosure,
        streamUrl: streamUrlFor(deps.env.publicUrl, minted.token),
        parameters: { callId },
        fallback,
      }),
    );
  };
}
