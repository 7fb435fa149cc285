import type { TwilioRestClient } from '@receptionist/telephony/rest';
import type { Logger } from 'pino';
import { TwilioRestError } from '../errors.ts';

/** What the call session needs from Twilio's REST API: redirect a live call to new TwiML, or end it. */
export interface TwilioCallControl {
  /** Replaces the call's TwiML (ends the media stream); used to `<Dial>` a transfer. */
  redirectCall(callSid: string, twiml: string): Promise<void>;
  /** Hangs the call up (`Status=completed`). A call that is already gone is not an error. */
  endCall(callSid: string): Promise<void>;
}

/** Twilio's "resource not found": the call already ended. */
const CALL_GONE_CODE = 20404;

export function createTwilioCallControl(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  logger: Logger;
}): TwilioCallControl {
  // The official client loads at the first transfer or hang-up: most calls never need Twilio's REST API,
  // and the client is about 12 MB of modules a server would otherwise carry from the start.
  let client: Promise<TwilioRestClient> | undefined;
  const restClient = (): Promise<TwilioRestClient> => {
    client ??= import('@receptionist/telephony/rest').then(({ createTwilioRestClient }) =>
      createTwilioRestClient({
        username: options.accountSid,
        password: options.authToken,
        accountSid: options.accountSid,
        apiBaseUrl: options.apiBaseUrl,
      }),
    );
    client.catch(() => {
      client = undefined;
    });
    return client;
  };

  async function update(callSid: string, params: { twiml?: string; status?: 'completed' }): Promise<void> {
    try {
      await (await restClient()).calls(callSid).update(params);
    } catch (cause) {
      if ((cause as { code?: unknown }).code === CALL_GONE_CODE) {
        options.logger.info({ callSid }, 'twilio call already ended');
        return;
      }
      throw new TwilioRestError('Twilio call update failed', cause);
    }
  }

  return {
    redirectCall: (callSid, twiml) => update(callSid, { twiml }),
    endCall: (callSid) => update(callSid, { status: 'completed' }),
  };
}
