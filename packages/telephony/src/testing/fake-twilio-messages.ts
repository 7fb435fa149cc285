// The Messages resource of Twilio's REST API (api.twilio.com/2010-04-01, twilio-oai's
// `api.v2010.account.message` in spec/json/twilio_api_v2010.json: the resource's 20 properties, a 201 for
// a create, `To` the one required parameter), and the error bodies Twilio returns for a create it refuses
// ({code, message, more_info, status}).

export interface RecordedMessage {
  sid: string;
  accountSid: string;
  /** Form parameters as Twilio received them (`From`, `To`, `Body`, `StatusCallback`, …). */
  params: Record<string, string>;
  username: string;
}

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Why Twilio would refuse this create (400 + code), or undefined when it would accept it. */
export function refuseMessage(
  params: Record<string, string>,
  unsubscribed: ReadonlySet<string>,
): TwilioErrorBody | undefined {
  if (!params.To) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!params.From && !params.MessagingServiceSid) {
    return twilioError(
      400,
      21603,
      "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
    );
  }
  if (!params.Body && !params.MediaUrl) return twilioError(400, 21602, 'Message body is required.');
  if (!E164.test(params.To))
    return twilioError(400, 21211, `The 'To' number ${params.To} is not a valid phone number.`);
  if (unsubscribed.has(params.To))
    return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
  return undefined;
}

/** The message resource Twilio answers a create with: status `queued`, times as RFC 2822 strings. */
export function messageResource(message: RecordedMessage, nowMs: number): Record<string, unknown> {
  const date = new Date(nowMs).toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`;
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.params.Body ?? '',
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.params.From ?? null,
    messaging_service_sid: message.params.MessagingServiceSid ?? null,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil((message.params.Body ?? '').length / 153))),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: 'queued',
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    to: message.params.To,
    uri,
  };
}
