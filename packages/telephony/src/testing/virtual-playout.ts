/**
 * Plays received agent audio in virtual real time, the way Twilio or a browser speaker does, so marks are
 * acknowledged only once the audio sent before them has "played". Clearing drops queued audio and — like
 * Twilio — sends back every pending mark at once.
 */
export class VirtualPlayout {
  readonly #ackMark: (name: string) => void;
  #playbackEndsAtMs = 0;
  readonly #pendingMarks = new Map<string, NodeJS.Timeout>();
  /** Milliseconds of agent audio that finished playing (not cleared). */
  #playedMs = 0;
  /** Audio queued since the last mark. */
  #queuedMs = 0;

  constructor(ackMark: (name: string) => void) {
    this.#ackMark = ackMark;
  }

  /** Queues `durationMs` of audio behind whatever is still playing. */
  enqueueAudio(durationMs: number): void {
    const now = performance.now();
    this.#playbackEndsAtMs = Math.max(now, this.#playbackEndsAtMs) + durationMs;
    this.#queuedMs += durationMs;
  }

  /** Acknowledges `name` once everything queued before it has played. */
  enqueueMark(name: string): void {
    const delayMs = Math.max(0, this.#playbackEndsAtMs - performance.now());
    // The audio between the previous mark and this one is what this mark vouches for.
    const segmentMs = this.#queuedMs;
    this.#queuedMs = 0;
    const timer = setTimeout(() => {
      this.#pendingMarks.delete(name);
      this.#playedMs += segmentMs;
      this.#ackMark(name);
    }, delayMs);
    this.#pendingMarks.set(name, timer);
  }

  /** Drops queued audio; echoes pending marks immediately (Twilio's documented `clear` behaviour). */
  clear(echoPendingMarks: boolean): void {
    const names = [...this.#pendingMarks.keys()];
    for (const timer of this.#pendingMarks.values()) clearTimeout(timer);
    this.#pendingMarks.clear();
    this.#playbackEndsAtMs = performance.now();
    this.#queuedMs = 0;
    if (echoPendingMarks) for (const name of names) this.#ackMark(name);
  }

  get isPlaying(): boolean {
    return this.#playbackEndsAtMs > performance.now();
  }

  get playedMs(): number {
    return this.#playedMs;
  }

  dispose(): void {
    for (const timer of this.#pendingMarks.values()) clearTimeout(timer);
    this.#pendingMarks.clear();
  }
}

/** Resolves when `condition()` holds, polling every 10 ms; rejects with `description` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  description: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends `frames` one by one at `frameMs` intervals against an absolute schedule (no drift). */
export async function paceFrames(
  frames: Uint8Array[],
  frameMs: number,
  send: (frame: Uint8Array, index: number) => boolean,
): Promise<void> {
  const startedAt = performance.now();
  for (const [index, frame] of frames.entries()) {
    const dueAt = startedAt + index * frameMs;
    const waitMs = dueAt - performance.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    if (!send(frame, index)) return;
  }
}

export function splitFrames(audio: Uint8Array, frameBytes: number): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < audio.byteLength; offset += frameBytes) {
    frames.push(audio.subarray(offset, Math.min(offset + frameBytes, audio.byteLength)));
  }
  return frames;
}
