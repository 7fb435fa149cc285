import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { signTwilioRequest, type TwilioParams } from '../twilio/signature.ts';
import { type FakeStartOverrides, FakeTwilioCall } from './fake-twilio-call.ts';
import { type ParsedTwiml, readTwiml } from './twiml-reader.ts';

export interface FakeTwilioClientOptions {
  /** Where the voice server really listens, e.g. `http://127.0.0.1:51234`. */
  serverUrl: string;
  /** The server's PUBLIC_URL: what Twilio would request and sign (e.g. `https://voice.example.test`). */
  publicUrl: string;
  /** The account Auth Token that signs webhooks; a wrong one produces forged requests. */
  authToken: string;
  accountSid?: string;
}

export interface WebhookAnswer {
  status: number;
  body: string;
  twiml: ParsedTwiml;
  /** performance.now() when the request was sent. */
  sentAtMs: number;
  /** performance.now() when the TwiML had arrived. */
  answeredAtMs: number;
}

export interface PlaceCallOptions {
  from: string;
  to: string;
  callSid?: string;
  /** Extra form parameters Twilio might add. */
  extraParams?: Record<string, string>;
  /** Overrides for the `start` message (wrong codec, wrong callSid…). */
  start?: FakeStartOverrides;
  /** Keys pressed at a `<Gather>` menu before the stream (none: the menu times out, as with silence). */
  keypad?: string | undefined;
}

/** A random SID in Twilio's shape: two letters + 32 hex digits. */
export function fakeSid(prefix: 'CA' | 'AC' | 'MZ' | 'RE'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/**
 * Plays Twilio against a voice server: signs and posts the voice webhook, follows the TwiML `<Stream>` URL,
 * then speaks the Media Streams protocol (see FakeTwilioCall). Built from Twilio's published protocol only.
 */
export class FakeTwilioClient {
  readonly accountSid: string;
  readonly #options: FakeTwilioClientOptions;

  constructor(options: FakeTwilioClientOptions) {
    this.#options = options;
    this.accountSid = options.accountSid ?? fakeSid('AC');
  }

  /** Posts a form to `path` as Twilio does; `signature: null` omits the header, a string forges one. */
  async post(
    path: string,
    params: TwilioParams,
    options: { signature?: string | null } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const signature =
      options.signature === undefined
        ? signTwilioRequest(this.#options.authToken, `${this.#publicBase()}${path}`, params)
        : options.signature;
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return fetch(`${this.#options.serverUrl.replace(/\/+$/, '')}${path}`, { method: 'POST', headers, body });
  }

  /** The voice webhook Twilio sends when a call rings. */
  async postVoiceWebhook(
    input: { from: string; to: string; callSid: string; extraParams?: Record<string, string> },
    options: { signature?: string | null } = {},
  ): Promise<WebhookAnswer> {
    const sentAtMs = performance.now();
    const response = await this.post(
      '/twilio/voice',
      {
        AccountSid: this.accountSid,
        ApiVersion: '2010-04-01',
        CallSid: input.callSid,
        CallStatus: 'ringing',
        Direction: 'inbound',
        From: input.from,
        To: input.to,
        ...input.extraParams,
      },
      options,
    );
    const body = await response.text();
    return {
      status: response.status,
      body,
      twiml: readTwiml(body),
      sentAtMs,
      answeredAtMs: performance.now(),
    };
  }

  /**
   * What Twilio does at a `<Gather>`: posts the keyed digits to its action URL (an empty `Digits` when the
   * caller keyed nothing, as `actionOnEmptyResult` asks) and follows the TwiML it gets back.
   */
  async answerGather(actionUrl: string, callSid: string, digits: string): Promise<WebhookAnswer> {
    const sentAtMs = performance.now();
    const path = new URL(actionUrl).pathname;
    const response = await this.post(path, {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: callSid,
      CallStatus: 'in-progress',
      Digits: digits,
    });
    const body = await response.text();
    return {
      status: response.status,
      body,
      twiml: readTwiml(body),
      sentAtMs,
      answeredAtMs: performance.now(),
    };
  }

  /** A call status callback (`completed`, `busy`, …). */
  async postStatus(callSid: string, callStatus: string, extra: Record<string, string> = {}): Promise<number> {
    const response = await this.post('/twilio/status', {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: callSid,
      CallStatus: callStatus,
      ...extra,
    });
    await response.body?.cancel();
    return response.status;
  }

  /** Rings the server and, when the TwiML offers a stream, connects it and sends `connected` + `start`. */
  async placeCall(options: PlaceCallOptions): Promise<FakeTwilioCall> {
    const callSid = options.callSid ?? fakeSid('CA');
    let answer = await this.postVoiceWebhook({
      from: options.from,
      to: options.to,
      callSid,
      ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    });
    if (answer.status === 200 && answer.twiml.gather)
      answer = await this.answerGather(answer.twiml.gather.action, callSid, options.keypad ?? '');
    if (answer.status !== 200) throw new Error(`voice webhook answered ${answer.status}: ${answer.body}`);
    const call = new FakeTwilioCall({ callSid, accountSid: this.accountSid, answer });
    if (answer.twiml.stream) {
      await call.attach(this.openStream(answer.twiml.stream.url));
      call.sendConnected();
      call.sendStart(options.start);
    }
    return call;
  }

  /**
   * Opens the Media Streams socket for a TwiML stream URL, dialling the real server instead of the public
   * host and signing the upgrade the way Twilio does (over the wss:// URL, no parameters).
   */
  openStream(streamUrl: string): WebSocket {
    const publicStream = new URL(streamUrl);
    const local = new URL(this.#options.serverUrl);
    local.protocol = local.protocol === 'https:' ? 'wss:' : 'ws:';
    local.pathname = publicStream.pathname;
    return new WebSocket(local.toString(), {
      headers: { 'x-twilio-signature': signTwilioRequest(this.#options.authToken, streamUrl, {}) },
    });
  }

  #publicBase(): string {
    return this.#options.publicUrl.replace(/\/+$/, '');
  }
}
