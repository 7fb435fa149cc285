import { TypedEmitter } from '@receptionist/audio';
import type { Conversation } from '@receptionist/engine';
import {
  type OpenAITestPeersForTest,
  patternBytes,
  startOpenAITestPeersForTest,
} from '@receptionist/engine/testing/openai';
import type { CallTransport, TransportEvents } from '@receptionist/telephony';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { VoiceMetrics } from '../metrics.ts';
import { MAX_BUFFERED_AUDIO_MS } from './caller-audio-buffer.ts';
import { MediaRelay } from './media-relay.ts';

/** A phone line whose caller audio the test writes; agent audio and notices go nowhere. */
class TestPhoneLine extends TypedEmitter<TransportEvents> implements CallTransport {
  readonly channel = 'phone';
  readonly isPlaying = false;
  closed = false;

  callerSays(audio: Uint8Array): void {
    this.emit('audio', audio);
  }

  sendAudio(): void {}
  clearPlayback(): undefined {
    return undefined;
  }
  notify(): void {}
  close(): void {
    this.closed = true;
  }
}

/** 20 ms μ-law frames of deterministic bytes, so a reordered, lost or repeated frame changes the result. */
function frames(count: number, seed: number): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => patternBytes(160, seed * 1_000 + index + 1));
}

function joined(chunks: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(chunks));
}

function nextAcceptingAudio(conversation: Conversation, accepting: boolean): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: { accepting: boolean }) => {
      if (event.accepting !== accepting) return;
      conversation.off('accepting_audio', listener);
      resolve();
    };
    conversation.on('accepting_audio', listener);
  });
}

async function droppedChunks(metrics: VoiceMetrics): Promise<number> {
  const { values } = await metrics.errors.get();
  return values.find((value) => value.labels.kind === 'buffered_audio_dropped')?.value ?? 0;
}

/** A relay on a test phone line, attached to an OpenAI conversation on the fake Realtime server. */
async function relayedCall(peers: OpenAITestPeersForTest, beforeStart: Uint8Array[]) {
  const line = new TestPhoneLine();
  const metrics = new VoiceMetrics();
  const relay = new MediaRelay({ transport: line, metrics, logger: pino({ level: 'silent' }) });
  for (const chunk of beforeStart) line.callerSays(chunk);
  const { conversation } = await peers.startCall();
  relay.attach(conversation, peers.engine);
  const first = await peers.realtime.connection(0);
  return { line, metrics, conversation, first };
}

describe('media relay: caller audio waits in one buffer, the relay’s', () => {
  it('audio sent during a mid-call reconnect reaches the new connection exactly once, in order', async () => {
    const peers = await startOpenAITestPeersForTest({ engine: { reconnect: { backoffMs: 300 } } });
    const beforeStart = frames(5, 1);
    const { line, metrics, conversation, first } = await relayedCall(peers, beforeStart);
    const live = frames(5, 2);
    for (const chunk of live) line.callerSays(chunk);
    const firstAudio = joined([...beforeStart, ...live]);
    expect(await first.waitForInputBytes(firstAudio.byteLength)).toEqual(firstAudio);

    const paused = nextAcceptingAudio(conversation, false);
    first.terminate();
    await paused;
    // The engine keeps no audio of its own now: the relay buffers the gap.
    const gap = frames(25, 3);
    for (const chunk of gap) line.callerSays(chunk);

    await nextAcceptingAudio(conversation, true);
    const second = await peers.realtime.connection(1);
    const after = frames(5, 4);
    for (const chunk of after) line.callerSays(chunk);

    const secondAudio = joined([...gap, ...after]);
    expect(await second.waitForInputBytes(secondAudio.byteLength)).toEqual(secondAudio);
    // Nothing of the gap went to the dropped connection, nothing was repeated on the new one.
    expect(first.inputAudio()).toEqual(firstAudio);
    expect(second.inputAudio()).toEqual(secondAudio);
    expect(await droppedChunks(metrics)).toBe(0);
  });

  it('keeps at most the newest buffered audio through a reconnect, counting what it drops', async () => {
    const peers = await startOpenAITestPeersForTest({ engine: { reconnect: { backoffMs: 300 } } });
    const { line, metrics, conversation, first } = await relayedCall(peers, []);

    const paused = nextAcceptingAudio(conversation, false);
    first.terminate();
    await paused;
    const keptFrames = MAX_BUFFERED_AUDIO_MS / 20;
    const gap = frames(keptFrames + 50, 5);
    for (const chunk of gap) line.callerSays(chunk);

    await nextAcceptingAudio(conversation, true);
    const second = await peers.realtime.connection(1);
    const kept = joined(gap.slice(50));
    expect(await second.waitForInputBytes(kept.byteLength)).toEqual(kept);
    expect(await droppedChunks(metrics)).toBe(50);
  });
});
