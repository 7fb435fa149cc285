import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageResource, type RecordedMessage, refuseMessage, twilioError } from './fake-twilio-messages.ts';
import { waitUntil } from './virtual-playout.ts';

export type { RecordedMessage } from './fake-twilio-messages.ts';

export interface RecordedCallUpdate {
  accountSid: string;
  callSid: string;
  /** Form parameters as Twilio's REST API receives them (`Twiml`, `Status`, …). */
  params: Record<string, string>;
  /** The Basic-auth user (account SID or API key SID). */
  username: string;
}

/**
 * A loopback stand-in for Twilio's REST API, enough for live call updates
 * (`POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`) and sending SMS
 * (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`). Point TWILIO_API_BASE_URL at `url`.
 */
export class FakeTwilioRestServer {
  readonly updates: RecordedCallUpdate[] = [];
  /** Messages accepted (created), in order. */
  readonly messages: RecordedMessage[] = [];
  /** Numbers that answer 21610 "unsubscribed recipient", as Twilio does after the person texted STOP. */
  readonly unsubscribed = new Set<string>();
  /** The next this-many message creates answer 500 (Twilio having a bad moment). */
  failNextMessages = 0;
  /** Calls that answer 404 / code 20404 ("already ended"). */
  readonly goneCalls = new Set<string>();
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

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/(CA\w+)\.json$/.exec(request.url ?? '');
    const auth = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const username = auth ? (Buffer.from(auth, 'base64').toString('utf8').split(':')[0] ?? '') : '';
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
