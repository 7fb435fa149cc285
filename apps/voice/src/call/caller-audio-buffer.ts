/** Caller audio kept while no engine is listening; older audio beyond it is dropped (and counted). */
export const MAX_BUFFERED_AUDIO_MS = 30_000;

/**
 * The one place caller audio waits (engines keep none): while the call is being prepared (business loaded,
 * engine connecting), while a failed engine is replaced, and while the engine reconnects mid-call
 * (`Conversation.acceptingAudio` is false). Bounded, oldest audio dropped first.
 */
export class CallerAudioBuffer {
  readonly #maxBytes: number;
  readonly #onDrop: () => void;
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  constructor(input: { bytesPerMs: number; onDrop: () => void; maxBufferedMs?: number }) {
    this.#maxBytes = (input.maxBufferedMs ?? MAX_BUFFERED_AUDIO_MS) * input.bytesPerMs;
    this.#onDrop = input.onDrop;
  }

  get empty(): boolean {
    return this.#chunks.length === 0;
  }

  push(audio: Uint8Array): void {
    this.#chunks.push(audio);
    this.#bytes += audio.byteLength;
    while (this.#bytes > this.#maxBytes) {
      this.#bytes -= this.#chunks.shift()?.byteLength ?? 0;
      this.#onDrop();
    }
  }

  /** Removes and returns everything buffered, oldest first. */
  drain(): Uint8Array[] {
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#bytes = 0;
    return chunks;
  }
}
