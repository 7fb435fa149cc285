import { describe, expect, it } from 'vitest';
import { type OpenAITestCall, patternBytes, startOpenAITestCall } from './test-kit.ts';

const LONG_GREETING = 'Thanks for calling Test Dental, this is the front desk, how can I help you today?';

/** A 3-second greeting streamed slowly enough that the caller can talk over it. */
async function startWithLongGreeting(): Promise<OpenAITestCall & { itemId: string }> {
  const call = await startOpenAITestCall({
    realtime: {
      respond: () => ({ kind: 'audio', transcript: LONG_GREETING, audio: patternBytes(24_000, 2) }),
      audioChunkIntervalMs: 10,
    },
  });
  const { recorder } = call;
  const first = await recorder.waitFor(
    () => recorder.events.agent_audio.length >= 10 && recorder.events.agent_audio[0],
    'some greeting audio',
  );
  return { ...call, itemId: first.itemId };
}

describe('OpenAI engine: barge-in', () => {
  it('truncates the reply at the audio the caller heard, not at a wall-clock guess', async () => {
    const { peers, conversation, recorder, itemId } = await startWithLongGreeting();
    const server = await peers.realtime.connection(0);

    server.speechStarted();
    await recorder.waitFor(() => recorder.events.caller_speech_started.length === 1, 'caller_speech_started');
    // The voice server cleared playback and knows from marks that 120 ms were played.
    conversation.interrupt(itemId, 120);

    await server.waitForEvent((event) => event.type === 'conversation.item.truncate');
    // Nothing else truncates (no SDK transport guesses playback any more): once the cancelled greeting is
    // done on the server, no second truncation can follow.
    await recorder.waitFor(() => !server.responding, 'greeting response done');
    expect(server.truncations).toEqual([{ item_id: itemId, content_index: 0, audio_end_ms: 120 }]);

    const cut = await recorder.waitFor(
      () => recorder.events.transcript.find((event) => event.itemId === itemId && event.interrupted),
      'interrupted agent transcript',
    );
    expect(cut.final).toBe(true);
    expect(LONG_GREETING.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan(LONG_GREETING.length);
  });

  it('cancels a reply still being generated and caps the truncation at the audio generated so far', async () => {
    const { peers, conversation, recorder, itemId } = await startWithLongGreeting();
    const server = await peers.realtime.connection(0);
    const generatedMs = Math.floor(recorder.agentAudio(itemId).byteLength / 8);

    // A browser playback report claiming more than exists must not reach the API unbounded.
    conversation.interrupt(itemId, 60_000);

    await server.waitForEvent((event) => event.type === 'response.cancel');
    const truncate = await server.waitForEvent((event) => event.type === 'conversation.item.truncate');
    expect(truncate.audio_end_ms).toBe(generatedMs);
    expect(generatedMs).toBeLessThan(3_000);
    // A second report for the same reply is ignored.
    conversation.interrupt(itemId, 50);
    conversation.pushAudio(new Uint8Array(160));
    await server.waitForInputBytes(160);
    expect(server.truncations).toHaveLength(1);
  });

  it('does not truncate a reply the caller heard in full', async () => {
    const { peers, conversation, recorder } = await startOpenAITestCall({
      realtime: { respond: () => ({ kind: 'audio', transcript: 'Hi.', audio: patternBytes(800, 4) }) },
    });
    const server = await peers.realtime.connection(0);
    const done = await recorder.waitFor(() => recorder.events.agent_audio_done[0], 'greeting done');

    conversation.interrupt(done.itemId, 100);
    conversation.pushAudio(new Uint8Array(160));
    await server.waitForInputBytes(160);
    expect(server.truncations).toEqual([]);
    expect(recorder.events.transcript.some((event) => event.interrupted)).toBe(false);
  });
});
