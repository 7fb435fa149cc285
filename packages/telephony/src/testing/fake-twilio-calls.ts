// The Calls resource's create (`POST /2010-04-01/Accounts/{AccountSid}/Calls.json`) of Twilio's REST API,
// from twilio-oai's spec/json/twilio_api_v2010.json: `To` and `From` required, one of `Url`, `Twiml` or
// `ApplicationSid`, a 201 with the `api.v2010.account.call` resource (status `queued`, direction
// `outbound-api`), and the error bodies Twilio answers a refused create with.
import { randomBytes } from 'node:crypto';
import { type TwilioErrorBody, twilioError } from './fake-twilio-messages.ts';

export interface RecordedOutboundCall {
  sid: string;
  accountSid: string;
  /** Form parameters as Twilio received them; repeated ones (`StatusCallbackEvent`) joined by spaces. */
  params: Record<string, string>;
  /** Every value of each parameter, in order. */
  allParams: Record<string, string[]>;
  username: string;
}

/** How the fake Calls resource behaves; tests change these to provoke Twilio's refusals. */
export interface FakeCallsBehaviour {
  /** The next this-many creates answer 429 / code 20429 ("Too Many Requests"). */
  rateLimitNext: number;
  /** The next this-many creates answer 500. */
  failNext: number;
  /** `To` prefixes outside the account's geographic permissions (21215). */
  blockedPrefixes: string[];
  /** When non-empty, `From` must be one of these (21210 otherwise), as Twilio requires a verified number. */
  ownedNumbers: Set<string>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function refuse(params: Record<string, string>, behaviour: FakeCallsBehaviour): TwilioErrorBody | undefined {
  if (!params.To) return twilioError(400, 21201, "No 'To' number is specified");
  if (!params.From) return twilioError(400, 21213, "No 'From' number is specified");
  if (!params.Url && !params.Twiml && !params.ApplicationSid)
    return twilioError(400, 21205, 'Url, Twiml or ApplicationSid is required');
  if (!E164.test(params.To))
    return twilioError(400, 21211, `The 'To' number ${params.To} is not a valid phone number.`);
  if (behaviour.blockedPrefixes.some((prefix) => params.To!.startsWith(prefix))) {
    return twilioError(
      400,
      21215,
      `Account not authorized to call ${params.To}. Perhaps you need to enable some international permissions.`,
    );
  }
  if (behaviour.ownedNumbers.size > 0 && !behaviour.ownedNumbers.has(params.From)) {
    return twilioError(
      400,
      21210,
      `The source phone number provided, ${params.From}, is not yet verified for your account.`,
    );
  }
  return undefined;
}

/** Handles one create; returns the HTTP status and body to answer with. */
export function createCall(input: {
  accountSid: string;
  username: string;
  form: string;
  behaviour: FakeCallsBehaviour;
  created: RecordedOutboundCall[];
  nowMs: number;
}): { status: number; body: unknown } {
  const { behaviour } = input;
  if (behaviour.rateLimitNext > 0) {
    behaviour.rateLimitNext -= 1;
    return { status: 429, body: twilioError(429, 20429, 'Too Many Requests') };
  }
  if (behaviour.failNext > 0) {
    behaviour.failNext -= 1;
    return { status: 500, body: twilioError(500, 20500, 'Internal Server Error') };
  }
  const search = new URLSearchParams(input.form);
  const allParams: Record<string, string[]> = {};
  for (const [name, value] of search) allParams[name] = [...(allParams[name] ?? []), value];
  const params = Object.fromEntries(
    Object.entries(allParams).map(([name, values]) => [name, values.join(' ')]),
  );
  const refused = refuse(params, behaviour);
  if (refused !== undefined) return { status: refused.status, body: refused };
  const call: RecordedOutboundCall = {
    sid: `CA${randomBytes(16).toString('hex')}`,
    accountSid: input.accountSid,
    params,
    allParams,
    username: input.username,
  };
  input.created.push(call);
  return { status: 201, body: callResource(call, input.nowMs) };
}

/** The call resource Twilio answers a create with. */
function callResource(call: RecordedOutboundCall, nowMs: number): Record<string, unknown> {
  const date = new Date(nowMs).toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`;
  return {
    sid: call.sid,
    date_created: date,
    date_updated: date,
    parent_call_sid: null,
    account_sid: call.accountSid,
    to: call.params.To,
    to_formatted: call.params.To,
    from: call.params.From,
    from_formatted: call.params.From,
    phone_number_sid: null,
    status: 'queued',
    start_time: null,
    end_time: null,
    duration: null,
    price: null,
    price_unit: 'USD',
    direction: 'outbound-api',
    answered_by: null,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri,
    subresource_uris: { recordings: uri.replace(/\.json$/, '/Recordings.json') },
  };
}
