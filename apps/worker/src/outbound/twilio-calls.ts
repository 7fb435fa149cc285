import type { DialOutcome } from '@receptionist/domain';
import { createTwilioRestClient } from '@receptionist/telephony/rest';

/** Places one outbound call attempt and says how Twilio took it (never throws for Twilio's answers). */
export interface CallPlacer {
  place(call: { callId: string; to: string; from: string }): Promise<DialOutcome>;
}

/** How long Twilio lets the callee's phone ring before reporting `no-answer`. */
const RING_TIMEOUT_S = 25;

/** Twilio statuses and codes a later attempt may get past (rate limit, Twilio's own trouble). */
function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 401 || status === 403 || status === 429 || status >= 500;
}

/**
 * Twilio's Calls API through the official `twilio` client. The call fetches our TwiML from the voice
 * server (`/twilio/outbound/answer`, which opens the same Media Stream as an inbound call), reports its
 * progress to `/twilio/outbound/status`, and runs asynchronous answering-machine detection that waits for
 * the greeting's end (`DetectMessageEnd`), so a voicemail is left after the beep. Every URL carries our
 * call id, and Twilio signs each request to it.
 */
export function createTwilioCallPlacer(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  publicUrl: string;
}): CallPlacer {
  const client = createTwilioRestClient({
    username: options.accountSid,
    password: options.authToken,
    accountSid: options.accountSid,
    apiBaseUrl: options.apiBaseUrl,
  });
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    async place({ callId, to, from }) {
      const query = `callId=${encodeURIComponent(callId)}`;
      try {
        const call = await client.calls.create({
          to,
          from,
          url: `${base}/twilio/outbound/answer?${query}`,
          method: 'POST',
          statusCallback: `${base}/twilio/outbound/status?${query}`,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          machineDetection: 'DetectMessageEnd',
          asyncAmd: 'true',
          asyncAmdStatusCallback: `${base}/twilio/outbound/amd?${query}`,
          asyncAmdStatusCallbackMethod: 'POST',
          timeout: RING_TIMEOUT_S,
        });
        return { kind: 'placed', callSid: call.sid };
      } catch (error) {
        const { status, code, message } = error as { status?: number; code?: number; message?: string };
        if (isRetryable(status))
          return { kind: 'retryable', message: `HTTP ${status ?? '?'} ${code ?? ''}`.trim() };
        return { kind: 'refused', code: code ?? status ?? 0, message: message ?? 'refused' };
      }
    },
  };
}

/** The placer the configuration allows: Twilio credentials and PUBLIC_URL are all needed. */
export function outboundCallPlacerFrom(settings: {
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string } | undefined;
  publicUrl: string | undefined;
}): CallPlacer | undefined {
  if (settings.twilio === undefined || settings.publicUrl === undefined) return undefined;
  return createTwilioCallPlacer({ ...settings.twilio, publicUrl: settings.publicUrl });
}
