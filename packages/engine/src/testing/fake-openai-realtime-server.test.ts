import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Conversation } from '../engine.ts';
import {
  EventRecorder,
  type OpenAITestPeers,
  startOpenAITestPeers,
  testConversationConfig,
} from '../openai/test-kit.ts';
import { FakeOpenAIRealtimeServer } from './fake-openai-realtime-server.ts';

let server: FakeOpenAIRealtimeServer | undefined;
let client: WebSocket | undefined;
let peers: OpenAITestPeers | undefined;
let conversation: Conversation | undefined;

afterEach(async () => {
  client?.terminate();
  await conversation?.close();
  await peers?.close();
  await server?.close();
  server = undefined;
  client = undefined;
  peers = undefined;
  conversation = undefined;
});

/** A raw client that records every server event. */
async function rawClient(
  url: string,
): Promise<{ socket: WebSocket; events: Array<Record<string, unknown>> }> {
  const socket = new WebSocket(url);
  const events: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, events };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('FakeOpenAIRealtimeServer protocol', () => {
  it('sends event_id everywhere, pairs every response.created with response.done, answers retrieve', async () => {
    server = await FakeOpenAIRealtimeServer.start({ defaultTranscript: 'Hello there.' });
    const { socket, events } = await rawClient(server.url);
    client = socket;
    socket.send(
      JSON.stringify({
        type: 'session.update',
        session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcmu' } } } },
      }),
    );
    socket.send(JSON.stringify({ type: 'response.create' }));
    await until(() => events.some((event) => event.type === 'response.done'), 'response.done');
    socket.send(
      JSON.stringify({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      }),
    );
    const userItem = () =>
      events.find(
        (event) =>
          event.type === 'conversation.item.added' && (event.item as { role?: string }).role === 'user',
      )?.item as { id: string } | undefined;
    await until(() => userItem() !== undefined, 'the created user item');
    const created = userItem() as { id: string };
    socket.send(JSON.stringify({ type: 'conversation.item.retrieve', item_id: created.id }));
    await until(() => events.some((event) => event.type === 'conversation.item.retrieved'), 'retrieved');
    expect(events.find((event) => event.type === 'conversation.item.retrieved')?.item).toMatchObject({
      id: created.id,
      content: [{ type: 'input_text', text: 'hi' }],
    });

    expect(events.every((event) => typeof event.event_id === 'string')).toBe(true);
    expect(events.filter((event) => event.type === 'response.created')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'response.done')).toHaveLength(1);
    const deltas = events.filter((event) => event.type === 'response.output_audio.delta');
    expect(deltas.length).toBeGreaterThan(0);
    for (const delta of deltas) {
      expect(delta).toMatchObject({
        item_id: expect.any(String),
        response_id: expect.any(String),
        content_index: 0,
      });
    }
    // 20 ms μ-law frames once the session is μ-law.
    expect(Buffer.from(String(deltas[0]?.delta), 'base64').byteLength).toBe(160);
  });

  it('refuses connections on request, as a failed connect', async () => {
    server = await FakeOpenAIRealtimeServer.start();
    server.refuseConnections(1);
    await expect(rawClient(server.url)).rejects.toThrow(/503/);
    const { socket } = await rawClient(server.url);
    client = socket;
    expect(server.connectionAttempts).toBe(2);
  });
});

describe('FakeOpenAIRealtimeServer energy VAD (for simulated callers and load runs)', () => {
  it('detects a caller turn in streamed μ-law audio and answers it', async () => {
    peers = await startOpenAITestPeers({
      realtime: {
        vad: 'energy',
        transcribe: (audio) => `heard ${audio.byteLength >= 3_200 ? 'speech' : 'a click'}`,
      },
    });
    conversation = await peers.engine.start(testConversationConfig());
    const recorder = new EventRecorder(conversation);
    await recorder.waitFor(() => recorder.events.agent_audio_done.length === 1, 'greeting');

    const loud = new Uint8Array(160).map((_value, index) => (index % 2 === 0 ? 0x00 : 0x80));
    const silent = new Uint8Array(160).fill(0xff);
    for (let frame = 0; frame < 25; frame += 1) conversation.pushAudio(loud); // 500 ms of speech
    for (let frame = 0; frame < 30; frame += 1) conversation.pushAudio(silent); // 600 ms of silence

    await recorder.finalTranscript('caller', 'heard speech');
    await recorder.waitFor(() => recorder.events.agent_audio_done.length === 2, 'the answer');
    expect(recorder.events.caller_speech_started).toHaveLength(1);
    expect(recorder.events.caller_speech_stopped).toHaveLength(1);
    expect(recorder.events.turn_metrics).toHaveLength(1);
  });
});
