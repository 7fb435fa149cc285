import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { encodeBase64 } from '../base64.ts';
import type { TelephonyError } from '../errors.ts';
import { FakeTwilioCall } from '../testing/fake-twilio-call.ts';
import { readTwiml } from '../testing/twiml-reader.ts';
import { waitUntil } from '../testing/virtual-playout.ts';
import type { TransportClosed } from '../transport.ts';
import { TwilioMediaTransport, type TwilioMediaTransportOptions } from './media-transport.ts';

interface Harness {
  transports: TwilioMediaTransport[];
  violations: TelephonyError[];
  closes: TransportClosed[];
  audio: Uint8Array[];
  dial(callSid?: string): Promise<FakeTwilioCall>;
}

const servers: WebSocketServer[] = [];
const calls: FakeTwilioCall[] = [];

afterEach(async () => {
  for (const call of calls.splice(0)) call.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function harness(options: Partial<TwilioMediaTransportOptions> = {}): Promise<Harness> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const state: Harness = {
    transports: [],
    violations: [],
    closes: [],
    audio: [],
    async dial(callSid = 'CA_expected') {
      const call = new FakeTwilioCall({
        callSid,
        accountSid: 'AC_test',
        answer: { status: 200, body: '', twiml: readTwiml('<Response/>'), sentAtMs: 0, answeredAtMs: 0 },
      });
      calls.push(call);
      await call.attach(new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`));
      return call;
    },
  };
  server.on('connection', (socket) => {
    for (const client of server.clients) client.on('error', () => {});
    const transport = new TwilioMediaTransport(socket, { expectedCallSid: 'CA_expected', ...options });
    transport.on('violation', (error) => state.violations.push(error));
    transport.on('closed', (closed) => state.closes.push(closed));
    transport.on('audio', (audio) => state.audio.push(audio));
    state.transports.push(transport);
  });
  return state;
}

describe('TwilioMediaTransport', () => {
  it('accepts a valid start, delivers audio and DTMF, and ends on stop', async () => {
    const h = await harness();
    const call = await h.dial();
    const dtmf: string[] = [];
    call.sendConnected();
    call.sendStart();
    await waitUntil(() => h.transports[0]?.streamStart !== undefined, 'start');
    h.transports[0]?.on('dtmf', (digit) => dtmf.push(digit));
    await call.sendAudio(new Uint8Array(320).fill(0xff));
    call.sendDtmf('0');
    await waitUntil(() => h.audio.length === 2 && dtmf.length === 1, 'audio and dtmf');
    call.stop();
    await waitUntil(() => h.closes.length === 1, 'close');
    expect(h.closes[0]?.reason).toBe('hangup');
    expect(h.violations).toEqual([]);
  });

  it('sends media with marks, tracks what was heard and clears playback', async () => {
    const h = await harness({ markIntervalMs: 100 });
    const call = await h.dial();
    call.sendStart();
    await waitUntil(() => h.transports[0]?.streamStart !== undefined, 'start');
    const transport = h.transports[0]!;
    transport.sendAudio('reply-1', new Uint8Array(8 * 300).fill(0x7f));
    await call.waitForAudio(8 * 300);
    await waitUntil(() => transport.heardMs('reply-1') >= 100, 'a first mark to come back');
    expect(transport.isPlaying).toBe(true);
    const cleared = transport.clearPlayback();
    expect(cleared?.itemId).toBe('reply-1');
    expect(cleared?.heardMs).toBeGreaterThanOrEqual(100);
    expect(cleared?.heardMs).toBeLessThan(300);
    await call.waitForClear();
    expect(transport.isPlaying).toBe(false);
    expect(call.protocolErrors).toEqual([]);
  });

  it.each([
    [
      'a wrong codec',
      (call: FakeTwilioCall) =>
        call.sendStart({ mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 } }),
      'wrong_codec',
    ],
    ['another callSid', (call: FakeTwilioCall) => call.sendStart({ callSid: 'CA_other' }), 'wrong_call'],
    ['non-JSON', (call: FakeTwilioCall) => call.sendRaw('{not json'), 'invalid_json'],
    ['a binary frame', (call: FakeTwilioCall) => call.sendRaw(Buffer.from([1, 2, 3])), 'protocol_error'],
    ['media before start', (call: FakeTwilioCall) => call.sendMediaPayload('AAAA'), 'protocol_error'],
  ])('closes on %s', async (_label, misbehave, code) => {
    const h = await harness();
    const call = await h.dial();
    misbehave(call);
    await call.waitForClose();
    expect(h.violations.map((error) => error.code)).toEqual([code]);
    expect(h.closes[0]?.reason).toBe('violation');
  });

  it('closes on invalid base64 that Node would have accepted', async () => {
    const h = await harness();
    const call = await h.dial();
    call.sendStart();
    call.sendMediaPayload('//8A AA==');
    await call.waitForClose();
    expect(h.violations.map((error) => error.code)).toEqual(['invalid_base64']);
  });

  it('closes when start does not arrive in time', async () => {
    const h = await harness({ startTimeoutMs: 200 });
    const call = await h.dial();
    await call.waitForClose();
    expect(h.violations.map((error) => error.code)).toEqual(['start_timeout']);
  });

  it('closes a 10x real-time flood', async () => {
    const h = await harness();
    const call = await h.dial();
    call.sendStart();
    await call.sendAudio(new Uint8Array(8 * 10_000).fill(0xff), { speed: 10 });
    await call.waitForClose();
    expect(h.violations.map((error) => error.code)).toEqual(['rate_limited']);
  });

  it('closes an oversized frame with 1009', async () => {
    const h = await harness();
    const call = await h.dial();
    call.sendStart();
    call.sendMediaPayload(encodeBase64(new Uint8Array(70 * 1024)));
    expect(await call.waitForClose()).toBe(1009);
  });

  it('keeps unknown events for the log instead of failing', async () => {
    const h = await harness();
    const call = await h.dial();
    const unknown: string[] = [];
    call.sendStart();
    await waitUntil(() => h.transports[0] !== undefined, 'transport');
    h.transports[0]?.on('unknown', ({ event }) => unknown.push(event));
    call.sendJson({ event: 'future-event', streamSid: call.streamSid });
    await waitUntil(() => unknown.length === 1, 'unknown event');
    expect(unknown).toEqual(['future-event']);
    expect(call.closed).toBe(false);
  });

  it('closes a silent socket after the idle timeout', async () => {
    const h = await harness({ limits: { idleTimeoutMs: 300 } });
    const call = await h.dial();
    call.sendStart();
    await call.waitForClose();
    expect(h.violations.map((error) => error.code)).toEqual(['idle_timeout']);
  });
});
