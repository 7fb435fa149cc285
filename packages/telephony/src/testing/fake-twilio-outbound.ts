import type { FakeStartOverrides } from './fake-twilio-call.ts';
import { FakeTwilioCall } from './fake-twilio-call.ts';
import type { RecordedOutboundCall } from './fake-twilio-calls.ts';
import type { FakeTwilioClient } from './fake-twilio-client.ts';
import { readTwiml } from './twiml-reader.ts';

/** The path and query of a public URL we gave Twilio (what the fake client posts and signs). */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Plays Twilio's side of an outbound call the server created through the REST API: the callee picks up,
 * Twilio fetches the call's `Url` (signed, `Direction=outbound-api`) and follows its TwiML into the Media
 * Stream, then, with `AsyncAmd`, posts the answering-machine verdict to `AsyncAmdStatusCallback`.
 */
export async function answerOutboundCall(
  client: FakeTwilioClient,
  created: RecordedOutboundCall,
  options: { answeredBy?: string; start?: FakeStartOverrides } = {},
): Promise<FakeTwilioCall> {
  const url = created.params.Url;
  if (!url) throw new Error('the created call has no Url to fetch');
  const sentAtMs = performance.now();
  const response = await client.post(pathOf(url), {
    AccountSid: created.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: created.sid,
    CallStatus: 'in-progress',
    Direction: 'outbound-api',
    From: created.params.From ?? '',
    To: created.params.To ?? '',
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`outbound call Url answered ${response.status}: ${body}`);
  const answer = {
    status: response.status,
    body,
    twiml: readTwiml(body),
    sentAtMs,
    answeredAtMs: performance.now(),
  };
  const call = new FakeTwilioCall({ callSid: created.sid, accountSid: created.accountSid, answer });
  if (answer.twiml.stream) {
    await call.attach(client.openStream(answer.twiml.stream.url));
    call.sendConnected();
    call.sendStart(options.start);
  }
  if (options.answeredBy !== undefined) await postAnsweredBy(client, created, options.answeredBy);
  return call;
}

/** The asynchronous AMD verdict (`human`, `machine_end_beep`, `machine_end_silence`, `fax`, `unknown`). */
export async function postAnsweredBy(
  client: FakeTwilioClient,
  created: RecordedOutboundCall,
  answeredBy: string,
): Promise<number> {
  const callback = created.params.AsyncAmdStatusCallback;
  if (!callback) throw new Error('the created call asked for no AsyncAmdStatusCallback');
  const response = await client.post(pathOf(callback), {
    AccountSid: created.accountSid,
    CallSid: created.sid,
    AnsweredBy: answeredBy,
    MachineDetectionDuration: '2100',
  });
  await response.body?.cancel();
  return response.status;
}

/** A StatusCallback of the created call (`ringing`, `in-progress`, `busy`, `no-answer`, `completed`…). */
export async function postOutboundStatus(
  client: FakeTwilioClient,
  created: RecordedOutboundCall,
  callStatus: string,
): Promise<number> {
  const callback = created.params.StatusCallback;
  if (!callback) throw new Error('the created call asked for no StatusCallback');
  const response = await client.post(pathOf(callback), {
    AccountSid: created.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: created.sid,
    CallStatus: callStatus,
    Direction: 'outbound-api',
    From: created.params.From ?? '',
    To: created.params.To ?? '',
  });
  await response.body?.cancel();
  return response.status;
}
