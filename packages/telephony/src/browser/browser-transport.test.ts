import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { TelephonyError } from '../errors.ts';
import { FakeBrowserClient } from '../testing/fake-browser-client.ts';
import { waitUntil } from '../testing/virtual-playout.ts';
import { BrowserTransport } from './browser-transport.ts';
import { BROWSER_BYTES_PER_MS } from './protocol.ts';

const servers: WebSocketServer[] = [];
const clients: FakeBrowserClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function connect(): Promise<{
  client: FakeBrowserClient;
  transport: BrowserTransport;
  violations: TelephonyError[];
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const violations: TelephonyError[] = [];
  const accepted = new Promise<BrowserTransport>((resolve) =>
    server.once('connection', (socket) => {
      const transport = new BrowserTransport(socket);
      transport.on('violation', (error) => violations.push(error));
      resolve(transport);
    }),
  );
  const client = await FakeBrowserClient.connect({
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
  });
  clients.push(client);
  return { client, transport: await accepted, violations };
}

describe('BrowserTransport', () => {
  it('carries PCM16 audio, text, DTMF and notices both ways', async () => {
    const { client, transport } = await connect();
    const audio: Uint8Array[] = [];
    const texts: string[] = [];
    const digits: string[] = [];
    transport.on('audio', (chunk) => audio.push(chunk));
    transport.on('text', (text) => texts.push(text));
    transport.on('dtmf', (digit) => digits.push(digit));
    transport.sendReady('call_1');
    transport.notify({ type: 'transcript', role: 'agent', itemId: 'a1', text: 'Hello', final: true });
    await client.sendAudio(new Uint8Array(40 * BROWSER_BYTES_PER_MS));
    client.sendText('I need a cleaning');
    client.sendDtmf('5');
    await waitUntil(() => audio.length === 2 && texts.length === 1 && digits.length === 1, 'caller input');
    expect(await client.waitForMessage('ready')).toMatchObject({ callId: 'call_1' });
    expect(await client.waitForMessage('transcript')).toMatchObject({ text: 'Hello', final: true });
    expect(client.protocolErrors).toEqual([]);
  });

  it('reports heard audio from played marks and clears', async () => {
    const { client, transport } = await connect();
    transport.sendAudio('reply-1', new Uint8Array(300 * BROWSER_BYTES_PER_MS));
    await waitUntil(() => transport.heardMs('reply-1') >= 100, 'a played mark');
    const cleared = transport.clearPlayback();
    expect(cleared?.heardMs).toBeGreaterThanOrEqual(100);
    expect(cleared?.heardMs).toBeLessThan(300);
    await client.waitForMessage('clear');
  });

  it.each([
    [
      'an odd-length PCM16 frame',
      (client: FakeBrowserClient) => client.sendRaw(Buffer.alloc(3)),
      'wrong_codec',
    ],
    [
      'a frame longer than 500 ms',
      (client: FakeBrowserClient) => client.sendRaw(Buffer.alloc(30_000)),
      'frame_too_large',
    ],
    ['non-JSON text', (client: FakeBrowserClient) => client.sendRaw('hello', false), 'invalid_json'],
    [
      'a malformed dtmf',
      (client: FakeBrowserClient) => client.sendJson({ type: 'dtmf', digit: '12' }),
      'invalid_message',
    ],
  ])('closes on %s with an error message first', async (_label, misbehave, code) => {
    const { client, violations } = await connect();
    misbehave(client);
    await client.waitForClose();
    expect(violations.map((error) => error.code)).toEqual([code]);
    expect(client.messagesOf('error').map((message) => message.code)).toEqual([code]);
  });

  it('closes a 10x real-time flood', async () => {
    const { client, violations } = await connect();
    await client.sendAudio(new Uint8Array(10_000 * BROWSER_BYTES_PER_MS), { speed: 10 });
    await client.waitForClose();
    expect(violations.map((error) => error.code)).toEqual(['rate_limited']);
  });
});
