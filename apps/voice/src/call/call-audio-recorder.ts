import { mulawDecode, writeWav } from '@receptionist/audio';
import type { CallTransport } from '@receptionist/telephony';

/** Phone audio: μ-law 8 kHz both ways, so both sides share one timeline at this rate. */
const SAMPLE_RATE = 8_000;

/** A PCM16 track written at sample positions, growing as needed up to a cap. */
class Track {
  #samples = new Int16Array(SAMPLE_RATE * 10);
  #length = 0;
  readonly #maxSamples: number;

  constructor(maxSamples: number) {
    this.#maxSamples = maxSamples;
  }

  get length(): number {
    return this.#length;
  }

  /** Writes at `at`; returns the position after the last sample kept (the cap drops the rest). */
  write(at: number, samples: Int16Array): number {
    const end = Math.min(at + samples.length, this.#maxSamples);
    if (end <= at) return at;
    if (end > this.#samples.length) {
      const grown = new Int16Array(Math.min(this.#maxSamples, Math.max(end, this.#samples.length * 2)));
      grown.set(this.#samples.subarray(0, this.#length));
      this.#samples = grown;
    }
    this.#samples.set(samples.subarray(0, end - at), at);
    this.#length = Math.max(this.#length, end);
    return end;
  }

  /** Forgets everything from `from` on (agent audio cut by a barge-in was never heard). */
  truncate(from: number): void {
    if (from >= this.#length) return;
    this.#samples.fill(0, from, this.#length);
    this.#length = from;
  }

  at(index: number): number {
    return index < this.#length ? (this.#samples[index] ?? 0) : 0;
  }
}

export interface CallRecording {
  wav: Uint8Array;
  durationMs: number;
}

/**
 * Records a phone call, both sides mixed into one WAV, without touching the media relay: it listens to the
 * transport's caller audio and wraps the transport's `sendAudio` / `clearPlayback` for the agent's.
 *
 * One timeline at 8 kHz. Caller audio arrives in real time (Twilio's 20 ms frames), so its sample count is
 * the call's clock. Agent audio arrives in bursts faster than it plays, so it is laid down from the later of
 * "now" and the end of the previous agent audio, as the far end plays it; a barge-in clears playback, and
 * the agent audio past "now" is dropped, since the caller never heard it.
 */
export class CallAudioRecorder {
  readonly #transport: CallTransport;
  #caller: Track | undefined;
  #agent: Track | undefined;
  #callerCursor = 0;
  #agentCursor = 0;
  #stopped = false;

  constructor(transport: CallTransport) {
    this.#transport = transport;
    if (transport.channel !== 'phone') return;
    transport.on('audio', (chunk) => {
      if (this.#caller === undefined || this.#stopped) return;
      this.#callerCursor = this.#caller.write(this.#callerCursor, mulawDecode(chunk));
    });
    // The wrappers stay for the transport's life and pass everything through; they only record while on.
    const sendAudio = transport.sendAudio.bind(transport);
    const clearPlayback = transport.clearPlayback.bind(transport);
    transport.sendAudio = (itemId, audio) => {
      if (this.#agent !== undefined && !this.#stopped) {
        const from = Math.max(this.#agentCursor, this.#callerCursor);
        this.#agentCursor = this.#agent.write(from, mulawDecode(audio));
      }
      sendAudio(itemId, audio);
    };
    transport.clearPlayback = () => {
      if (this.#agent !== undefined && !this.#stopped && this.#agentCursor > this.#callerCursor) {
        this.#agent.truncate(this.#callerCursor);
        this.#agentCursor = this.#callerCursor;
      }
      return clearPlayback();
    };
  }

  /** Whether audio is being kept (a phone call of a business that records, started and not stopped). */
  get recording(): boolean {
    return this.#caller !== undefined && !this.#stopped;
  }

  /** Starts keeping audio from now on; `maxDurationMs` bounds memory (the call's own limit, plus slack). */
  start(maxDurationMs: number): void {
    if (this.#transport.channel !== 'phone' || this.#caller !== undefined) return;
    const maxSamples = Math.ceil((maxDurationMs / 1000) * SAMPLE_RATE);
    this.#caller = new Track(maxSamples);
    this.#agent = new Track(maxSamples);
  }

  /** Stops and mixes both sides (sum, clipped) into a mono 8 kHz PCM16 WAV; undefined if never started. */
  finish(): CallRecording | undefined {
    this.#stopped = true;
    const caller = this.#caller;
    const agent = this.#agent;
    if (caller === undefined || agent === undefined) return undefined;
    const length = Math.max(caller.length, agent.length);
    const mixed = new Int16Array(length);
    for (let index = 0; index < length; index++) {
      mixed[index] = Math.max(-32_768, Math.min(32_767, caller.at(index) + agent.at(index)));
    }
    this.#caller = undefined;
    this.#agent = undefined;
    return {
      wav: writeWav(mixed, { sampleRate: SAMPLE_RATE }),
      durationMs: Math.round((length / SAMPLE_RATE) * 1000),
    };
  }
}
