import { afterHoursHandling } from '@receptionist/domain';
import {
  buildFallbackTwiml,
  buildHangupTwiml,
  buildLanguageMenuTwiml,
  buildSayHangupTwiml,
  buildStreamTwiml,
  mintStreamToken,
  type RateWindow,
  sayVoiceFor,
  type TwilioFallback,
} from '@receptionist/telephony';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BusinessDirectory, CallBusiness } from '../business-directory.ts';
import type { CallAdmission } from '../call/call-admission.ts';
import type { CallLogOutbox } from '../call/call-log-outbox.ts';
import { type CallStarts, callIdForSid } from '../call/call-starts.ts';
import type { CallEntitlements } from '../call-entitlements.ts';
import { type Database, findCallBySid } from '../db-reads/index.ts';
import type { VoiceEnv } from '../env.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { LANGUAGE_CHOICE_PATH } from './language-choice-path.ts';
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
/** Past the plan's minutes without overage: a message and a promised call back, no AI time spent. */
const USAGE_LIMIT_PROMPT =
  "Please leave your name, your number and a short message after the tone, and we'll call you back as soon as we can.";
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
  /** Call rows are written through it, after the answer. */
  callLog: CallLogOutbox;
  callStarts: CallStarts;
  /** Billing's verdict per business, shared by the calls of a burst. */
  entitlements: CallEntitlements;
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

export function sendTwiml(response: Response, twiml: string): void {
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
    // A call that rings in has no outbound purpose to read; its instructions are built at stream start.
    const business = await deps.directory.load(owner.businessId, {
      callId,
      callerNumber: from || undefined,
      direction: 'inbound',
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
    const endNow = (status: 'completed' | 'transferred' | 'busy', endReason: string) => {
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
          ? { ...handling, ...transferReport(deps.env.publicUrl) }
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

    // Billing decides once, as the call rings: a limit reached or a plan lapsing later never drops this caller.
    const entitlement = await deps.entitlements.check(owner.businessId);
    if (entitlement.kind === 'take_message') {
      start();
      endNow('completed', 'usage_limit_voicemail');
      log.info({ callId, reason: entitlement.reason }, 'usage limit reached: taking a message');
      sendTwiml(
        response,
        buildFallbackTwiml(
          voicemail(deps.env.publicUrl, `Thanks for calling ${business.name}. ${USAGE_LIMIT_PROMPT}`),
        ),
      );
      return;
    }

    const verdict = deps.admission?.tryAdmit(owner.businessId, callId) ?? 'admitted';
    if (verdict !== 'admitted') {
      deps.metrics.countError(`calls_${verdict}`);
      log.warn({ callId, verdict }, 'no free line: the caller is offered a message');
      start();
      endNow('busy', `lines_busy_${verdict}`);
      sendTwiml(response, buildFallbackTwiml(voicemail(deps.env.publicUrl, LINES_BUSY_PROMPT)));
      return;
    }

    start();
    if (business.languageMenu !== undefined) {
      log.info({ callId }, 'call answered with a keypad language choice');
      sendTwiml(
        response,
        buildLanguageMenuTwiml({
          prompts: business.languageMenu.map((entry) => ({
            text: entry.prompt,
            say: sayVoiceFor(entry.language),
          })),
          actionUrl: `${deps.env.publicUrl}${LANGUAGE_CHOICE_PATH}`,
        }),
      );
      return;
    }
    log.info({ callId, businessId: owner.businessId }, 'call answered with a media stream');
    sendTwiml(response, streamTwimlFor(deps, { business, callId, callSid }));
  };
}

/**
 * The TwiML that streams a call to us: the disclosure in the call's language and a voice that speaks it,
 * a single-use token, and the call's language as a custom parameter the session starts in.
 */
export function streamTwimlFor(
  deps: Pick<VoiceWebhookDeps, 'env'>,
  input: { business: CallBusiness; callId: string; callSid: string },
): string {
  const { business, callId, callSid } = input;
  const minted = mintStreamToken({
    secret: deps.env.sessionSecret,
    businessId: business.businessId,
    callId,
    callSid,
  });
  return buildStreamTwiml({
    disclosure: business.disclosure,
    say: sayVoiceFor(business.language),
    streamUrl: streamUrlFor(deps.env.publicUrl, minted.token),
    parameters: { callId, ...(business.language ? { language: business.language } : {}) },
    fallback: fallbackFor(business, deps.env.publicUrl),
  });
}
