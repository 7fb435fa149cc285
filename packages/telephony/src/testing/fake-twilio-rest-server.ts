import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCall, type FakeCallsBehaviour, type RecordedOutboundCall } from './fake-twilio-calls.ts';
import { FakeIncomingPhoneNumbers } from './fake-twilio-incoming-numbers.ts';
import { messageResource, type RecordedMessage, refuseMessage, twilioError } from './fake-twilio-messages.ts';
import { FakeNumberProvisioning } from './fake-twilio-number-provisioning.ts';
import { waitUntil } from './virtual-playout.ts';

export type { FakeCallsBehaviour, RecordedOutboundCall } from './fake-twilio-calls.ts';
export type { RecordedMessage } from './fake-twilio-messages.ts';

export interface RecordedCallUpdate {
  accountSid: string;
  callSid: string;
  /** Form parameters as Twilio's REST API receives them (`Twiml`, `Status`, …). */
  params: Record<string, string>;
  /** The Basic-auth user (account SID or API key SID). */
  username: string;
}

/** A recording the fake holds, as `GET …/Recordings/{Sid}.wav` serves it. */
export interface FakeRecording {
  accountSid: string;
  /** `RE` + 32 hex digits. */
  sid: string;
  wav: Uint8Array;
}

/**
 * A loopback stand-in for Twilio's REST API, enough for live call updates
 * (`POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`), sending SMS
 * (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`) and recording media
 * (`GET /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.wav`, audio/x-wav; the `.json` metadata and
 * `.mp3` are not served) and placing calls (`POST /2010-04-01/Accounts/{AccountSid}/Calls.json`, see
 * fake-twilio-calls.ts). Point TWILIO_API_BASE_URL at `url`.
 */
export class FakeTwilioRestServer {
  readonly updates: RecordedCallUpdate[] = [];
  /** Messages accepted (created), in order. */
  readonly messages: RecordedMessage[] = [];
  /** Numbers that answer 21610 "unsubscribed recipient", as Twilio does after the person texted STOP. */
  readonly unsubscribed = new Set<string>();
  /** The next this-many message creates answer 500 (Twilio having a bad moment). */
  failNextMessages = 0;
  readonly recordings = new Map<string, FakeRecording>();
  /** Every recording media request, answered or refused, with the Basic-auth user it came with. */
  readonly recordingFetches: Array<{ sid: string; username: string; status: number }> = [];
  /** When set, recording media needs exactly these Basic-auth credentials (as Twilio checks them). */
  credentials: { username: string; password: string } | undefined;
  /** Calls that answer 404 / code 20404 ("already ended"). */
  readonly goneCalls = new Set<string>();
  /** Accounts and the numbers they own (`GET …/IncomingPhoneNumbers.json`). */
  readonly incomingNumbers = new FakeIncomingPhoneNumbers();
  /** Numbers for sale, buying, webhooks, releasing, prices (see fake-twilio-number-provisioning.ts). */
  readonly numberProvisioning = new FakeNumberProvisioning(this.incomingNumbers);
  /** Calls created through `POST …/Calls.json`, in order (see fake-twilio-calls.ts). */
  readonly createdCalls: RecordedOutboundCall[] = [];
  readonly callsBehaviour: FakeCallsBehaviour = {
    rateLimitNext: 0,
    failNext: 0,
    blockedPrefixes: [],
    ownedNumbers: new Set(),
  };
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeTwilioRestServer> {
    const server = createServer();
    const fake = new FakeTwilioRestServer(server);
    server.on('request', (request, response) => void fake.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  updatesFor(callSid: string): RecordedCallUpdate[] {
    return this.updates.filter((update) => update.callSid === callSid);
  }

  async waitForUpdate(callSid: string, timeoutMs = 10_000): Promise<RecordedCallUpdate> {
    await waitUntil(() => this.updatesFor(callSid).length > 0, `a REST update of ${callSid}`, timeoutMs);
    return this.updatesFor(callSid)[0]!;
  }

  async waitForMessages(count: number, timeoutMs = 10_000): Promise<RecordedMessage[]> {
    await waitUntil(() => this.messages.length >= count, `${count} SMS at the fake Twilio`, timeoutMs);
    return this.messages;
  }

  async waitForCreatedCalls(count: number, timeoutMs = 10_000): Promise<RecordedOutboundCall[]> {
    await waitUntil(() => this.createdCalls.length >= count, `${count} created calls`, timeoutMs);
    return this.createdCalls;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  addRecording(recording: FakeRecording): void {
    this.recordings.set(recording.sid, recording);
  }

  /** `GET /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.wav`; false when the path is not that. */
  #serveRecording(request: IncomingMessage, response: ServerResponse, auth: string[]): boolean {
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Recordings\/(RE\w+)\.wav$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match?.[1] || !match[2]) return false;
    const [, accountSid, sid] = match;
    const [username = '', password = ''] = auth;
    const authorised = this.credentials
      ? username === this.credentials.username && password === this.credentials.password
      : username !== '';
    const recording = this.recordings.get(sid);
    const status = !authorised ? 401 : recording?.accountSid === accountSid ? 200 : 404;
    this.recordingFetches.push({ sid, username, status });
    if (status === 200 && recording) {
      response.writeHead(200, { 'content-type': 'audio/x-wav' }).end(Buffer.from(recording.wav));
    } else if (status === 401) {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
    } else {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
    }
    return true;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
    // user:password, split at the first colon only (RFC 7617).
    const colon = decoded.indexOf(':');
    const credentials = colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (this.#serveRecording(request, response, credentials)) return;
    if (this.incomingNumbers.serve(request, response, credentials)) return;
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.numberProvisioning.serve(request, response, credentials, body)) return;
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/(CA\w+)\.json$/.exec(request.url ?? '');
    const username = credentials[0] ?? '';
    response.setHeader('content-type', 'application/json');
    if (!username) {
      response.writeHead(401).end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      return;
    }
    const messages = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(request.url ?? '');
    if (request.method === 'POST' && messages?.[1]) {
      this.#createMessage(messages[1], username, Buffer.concat(chunks).toString('utf8'), response);
      return;
    }
    const callsCreate = /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\.json$/.exec(request.url ?? '');
    if (request.method === 'POST' && callsCreate?.[1]) {
      const form = Buffer.concat(chunks).toString('utf8');
      const answer = createCall({
        accountSid: callsCreate[1],
        username,
        form,
        behaviour: this.callsBehaviour,
        created: this.createdCalls,
        nowMs: Date.now(),
      });
      response.writeHead(answer.status).end(JSON.stringify(answer.body));
      return;
    }
    if (request.method !== 'POST' || !match?.[1] || !match[2]) {
      response.writeHead(404).end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
      return;
    }
    const [, accountSid, callSid] = match;
    if (this.goneCalls.has(callSid)) {
      response
        .writeHead(404)
        .end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    this.updates.push({ accountSid, callSid, params, username });
    response.writeHead(200).end(
      JSON.stringify({
        sid: callSid,
        account_sid: accountSid,
        status: params.Status ?? 'in-progress',
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`,
      }),
    );
  }

  #createMessage(accountSid: string, username: string, form: string, response: ServerResponse): void {
    if (this.failNextMessages > 0) {
      this.failNextMessages -= 1;
      response.writeHead(500).end(JSON.stringify(twilioError(500, 20500, 'Internal Server Error')));
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(form));
    const refused = refuseMessage(params, this.unsubscribed);
    if (refused !== undefined) {
      response.writeHead(refused.status).end(JSON.stringify(refused));
      return;
    }
    const message: RecordedMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      params,
      username,
    };
    this.messages.push(message);
    response.writeHead(201).end(JSON.stringify(messageResource(message, Date.now())));
  }
}
