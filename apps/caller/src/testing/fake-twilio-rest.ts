/**
 * A stand-in for the part of Twilio's REST API the voice server uses on a live call (the network peer, built
 * from Twilio's published API): `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json` with
 * `Twiml=…` (redirect, e.g. a transfer's <Dial>) or `Status=completed` (hang up). Checks HTTP Basic auth
 * like Twilio, answers with a call resource, and records every update so tests can assert on them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallUpdate {
  accountSid: string;
  callSid: string;
  params: Record<string, string>;
}

export interface FakeTwilioRest {
  /** Origin to use as TWILIO_API_BASE_URL. */
  url: string;
  updates: CallUpdate[];
  /** Called after each accepted update (e.g. to end the simulated call's media stream). */
  onUpdate: ((update: CallUpdate) => void) | undefined;
  close(): Promise<void>;
}

const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Calls\/(CA[0-9a-fA-F]{32})\.json$/;

export async function startFakeTwilioRest(credentials: {
  accountSid: string;
  authToken: string;
}): Promise<FakeTwilioRest> {
  const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  const fake: FakeTwilioRest = {
    url: '',
    updates: [],
    onUpdate: undefined,
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: object): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (request.headers.authorization !== expectedAuth) {
        reply(401, { code: 20003, message: 'Authenticate', status: 401 });
        return;
      }
      const match = CALL_PATH.exec(request.url ?? '');
      if (request.method !== 'POST' || !match || match[1] !== credentials.accountSid) {
        reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        return;
      }
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const update: CallUpdate = { accountSid: match[1], callSid: match[2] ?? '', params };
      fake.updates.push(update);
      reply(200, {
        sid: update.callSid,
        account_sid: update.accountSid,
        status: params.Status ?? 'in-progress',
        api_version: '2010-04-01',
        uri: request.url,
      });
      fake.onUpdate?.(update);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
