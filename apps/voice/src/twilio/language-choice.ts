import { languageForDigit } from '@receptionist/receptionist';
import { buildHangupTwiml } from '@receptionist/telephony';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { callerNumberOf, findCallBySid } from '../db-reads/index.ts';
import { requireTwilioSignature } from './require-signature.ts';
import { sendTwiml, streamTwimlFor, type VoiceWebhookDeps } from './voice-webhook.ts';

const LanguageChoiceParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-zA-Z]{32}$/),
  /** Empty when the caller keyed nothing before the menu timed out (`actionOnEmptyResult`). */
  Digits: z.string().max(8).default(''),
});

/**
 * `POST /twilio/voice/language`: the caller keyed a digit at the language menu (or nothing). The call
 * streams on in the language the digit picks, the primary one otherwise; the choice travels as the
 * stream's `language` custom parameter, so the session starts in it deterministically.
 */
export function languageChoiceHandler(
  deps: Pick<VoiceWebhookDeps, 'env' | 'db' | 'directory' | 'logger' | 'metrics' | 'callStarts'>,
) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!requireTwilioSignature(request, response, deps)) return;
    const params = LanguageChoiceParams.safeParse(request.body);
    if (!params.success) {
      deps.metrics.countError('language_choice_invalid_params');
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    const { CallSid: callSid, Digits: digits } = params.data;
    const log = deps.logger.child({ callSid });
    // The menu's webhook wrote the call row after answering; it may still be on its way.
    await deps.callStarts.forCallSid(callSid);
    const call = await findCallBySid(deps.db, callSid);
    // Only a call still waiting at the menu may get a stream: a replayed request must not reopen one.
    if (call === undefined || call.ended || call.status !== 'ringing') {
      log.warn({ found: call !== undefined }, 'language choice for a call not waiting at the menu');
      sendTwiml(response, buildHangupTwiml());
      return;
    }
    const callerNumber = await callerNumberOf(deps.db, call.businessId, call.id);
    const primary = await deps.directory.load(call.businessId, { callId: call.id, callerNumber });
    const chosen = languageForDigit(primary.languageMenu ?? [], digits);
    const business =
      chosen === undefined || chosen === primary.language
        ? primary
        : await deps.directory.load(call.businessId, { callId: call.id, callerNumber, language: chosen });
    log.info(
      { callId: call.id, language: business.language, keyed: digits !== '' },
      'caller chose a language',
    );
    sendTwiml(response, streamTwimlFor(deps, { business, callId: call.id, callSid }));
  };
}
