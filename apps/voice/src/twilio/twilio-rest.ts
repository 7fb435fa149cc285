import type { Logger } from 'pino';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { TwilioRestError } from '../errors.ts';

/** What the call session needs from Twilio's REST API: redirect a live call to new TwiML, or end it. */
export interface TwilioCallControl {
  /** Replaces the call's TwiML (ends the media stream); used to `<Dial>` a transfer. */
  redirectCall(callSid: string, twiml: string): Promise<void>;
  /** Hangs the call up (`Status=completed`). A call that is already gone is not an error. */
  endCall(callSid: string): Promise<void>;
}

const TWILIO_API_ORIGIN = 'https://api.twilio.com';
/** Twilio's "resource not found": the call already ended. */
const CALL_GONE_CODE = 20404;

/**
 * The twilio library's HTTP client pointed at another origin, so tests and staging can aim REST calls at a
 * stand-in of Twilio's API (TWILIO_API_BASE_URL). Only the origin changes; paths and auth are Twilio's.
 */
class RebasedRequestClient extends twilio.RequestClient {
  readonly #origin: string;

  constructor(origin: string) {
    super({ timeout: 10_000 });
    this.#origin = origin;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = String(opts.uri);
    const rebased = uri.startsWith(TWILIO_API_ORIGIN)
      ? `${this.#origin}${uri.slice(TWILIO_API_ORIGIN.length)}`
      : uri;
    return super.request<TData>({ ...opts, uri: rebased });
  }
}

export function createTwilioCallControl(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  logger: Logger;
}): TwilioCallControl {
  const client = twilio(options.accountSid, options.authToken, {
    ...(options.apiBaseUrl === TWILIO_API_ORIGIN
      ? {}
      : { httpClient: new RebasedRequestClient(options.apiBaseUrl) }),
  });

  async function update(callSid: string, params: { twiml?: string; status?: 'completed' }): Promise<void> {
    try {
      await client.calls(callSid).update(params);
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
