import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { RealtimeConnection } from './connection.ts';
import type { ServerEvent } from './server-events.ts';

let server: WebSocketServer | undefined;
let connection: RealtimeConnection | undefined;

afterEach(async () => {
  connection?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  connection = undefined;
});

/** A peer that answers `session.update` with `session.updated`, then sends `script`; returns what it received. */
async function startPeer(script: string[]): Promise<{ url: string; received: unknown[] }> {
  const received: unknown[] = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server?.once('listening', resolve));
  server.on('connection', (peer: WebSocket) => {
    peer.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string };
      received.push(event);
      if (event.type !== 'session.update') return;
      peer.send(JSON.stringify({ type: 'session.updated', event_id: 'event_0', session: {} }));
      for (const message of script) peer.send(message);
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, received };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('RealtimeConnection', () => {
  it('parses every server message once and hands them on in order, skipping unknown and broken ones', async () => {
    const audioDelta = {
      type: 'response.output_audio.delta',
      event_id: 'event_1',
      response_id: 'resp_1',
      item_id: 'item_1',
      output_index: 0,
      content_index: 0,
      delta: 'f39/fw==',
    };
    // Mentions the audio type name but is a transcript: must stay a transcript.
    const transcript = {
      type: 'response.output_audio_transcript.delta',
      event_id: 'event_2',
      item_id: 'item_1',
      delta: 'the "response.output_audio.delta" event',
    };
    const peer = await startPeer([
      JSON.stringify(audioDelta),
      JSON.stringify(transcript),
      '{"type":"response.output_audio.delta", broken',
      JSON.stringify({ type: 'rate_limits.updated', event_id: 'event_3', rate_limits: [] }),
      JSON.stringify({ ...audioDelta, event_id: 'event_4', delta: 'AAAA' }),
    ]);
    connection = new RealtimeConnection({
      url: peer.url,
      apiKey: 'sk-test',
      session: { type: 'realtime', instructions: 'hi' },
      logger: pino({ enabled: false }),
    });
    const heard: ServerEvent[] = [];
    connection.on('server_event', (event) => heard.push(event));
    await connection.ready(5_000);
    expect(peer.received[0]).toEqual({
      type: 'session.update',
      session: { type: 'realtime', instructions: 'hi' },
    });

    await until(() => heard.length >= 4);
    const delta = { type: audioDelta.type, response_id: 'resp_1', item_id: 'item_1', content_index: 0 };
    expect(heard).toEqual([
      { type: 'session.updated', session: {} },
      { ...delta, delta: 'f39/fw==' },
      { type: transcript.type, item_id: 'item_1', delta: transcript.delta },
      { ...delta, delta: 'AAAA' },
    ]);

    connection.sender.appendAudio(new Uint8Array([1, 2, 3]));
    await until(() => peer.received.length >= 2);
    expect(peer.received[1]).toEqual({ type: 'input_audio_buffer.append', audio: 'AQID' });
  });
});
