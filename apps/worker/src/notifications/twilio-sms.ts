import { z } from 'zod';

export interface OutgoingSms {
  from: string;
  to: string;
  body: string;
}

/** The message resource Twilio answers with (only the fields we keep). */
const TwilioMessage = z.object({ sid: z.string().min(1), status: z.string().min(1) });
/** Twilio's REST error body. */
const TwilioError = z.object({ code: z.number().int(), message: z.string() });

/**
 * Twilio refused this message for a reason a retry cannot change (unsubscribed recipient 21610, invalid
 * number 21211, …): recorded as failed, not retried.
 */
export class SmsRefusedError extends Error {
  readonly twilioCode: number;
  constructor(twilioCode: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.twilioCode = twilioCode;
  }
}

export interface SmsSender {
  /** Creates the message; resolves with its SID, throws SmsRefusedError (permanent) or any other error (retry). */
  send(sms: OutgoingSms): Promise<{ sid: string; status: string }>;
}

/**
 * Twilio's Messages API (`POST /2010-04-01/Accounts/{Sid}/Messages.json`, form-encoded, Basic auth) over
 * fetch. `apiBaseUrl` lets tests aim it at the loopback fake. Status callbacks go to `statusCallbackUrl`.
 */
export function createTwilioSms(options: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  statusCallbackUrl: string | undefined;
  timeoutMs?: number;
}): SmsSender {
  const url = `${options.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const auth = Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
  return {
    async send(sms) {
      const form = new URLSearchParams({ From: sms.from, To: sms.to, Body: sms.body });
      if (options.statusCallbackUrl !== undefined) form.set('StatusCallback', options.statusCallbackUrl);
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const message = TwilioMessage.safeParse(body);
        if (!message.success) throw new Error('Twilio answered a message create without a sid');
        return message.data;
      }
      const error = TwilioError.safeParse(body);
      // 4xx other than auth/rate limits is about this message; 401/429/5xx may pass on a retry.
      if (response.status >= 400 && response.status < 500 && ![401, 403, 429].includes(response.status)) {
        throw new SmsRefusedError(
          error.success ? error.data.code : response.status,
          error.success ? error.data.message : `HTTP ${response.status}`,
        );
      }
      throw new Error(
        `Twilio message create failed: HTTP ${response.status}${error.success ? ` ${error.data.code}` : ''}`,
      );
    },
  };
}
