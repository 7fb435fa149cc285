import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RealtimeSocket } from './realtime-socket.ts';

let server: WebSocketServer | undefined;
let socket: RealtimeSocket | undefined;

afterEach(async () => {
  socket?.terminate();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  socket = undefined;
});

describe('RealtimeSocket', () => {
  it('hands audio deltas to the tap and everything else, in order, to message listeners', async () => {
    const audioDelta = {
      type: 'response.output_audio.delta',
      event_id: 'event_1',
      response_id: 'resp_1',
      item_id: 'item_1',
      output_index: 0,
      content_index: 0,
      delta: 'f39/fw==',
    };
    // Mentions the type name but is a transcript: must reach the SDK.
    const transcript = {
      type: 'response.output_audio_transcript.delta',
      event_id: 'event_2',
      item_id: 'item_1',
      delta: 'the "response.output_audio.delta" event',
    };
    const sent = [
      JSON.stringify({ type: 'session.updated', event_id: 'event_0', session: {} }),
      JSON.stringify(audioDelta),
      JSON.stringify(transcript),
      '{"type":"response.output_audio.delta", broken',
      JSON.stringify({ ...audioDelta, event_id: 'event_3' }),
    ];
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server?.once('listening', resolve));
    server.on('connection', (peer) => {
      for (const message of sent) peer.send(message);
    });
    const { port } = server.address() as AddressInfo;

    const tapped: unknown[] = [];
    const heard: string[] = [];
    socket = new RealtimeSocket(`ws://127.0.0.1:${port}`, {}, (raw) => tapped.push(raw));
    socket.addEventListener('message', (event) => heard.push(String(event.data)));

    const deadline = Date.now() + 5_000;
    while (tapped.length + heard.length < sent.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(tapped).toEqual([audioDelta, { ...audioDelta, event_id: 'event_3' }]);
    expect(heard).toEqual([sent[0], sent[2], sent[3]]);
  });
});
