import { PlaybackTracker } from './playback-tracker.ts';

/** Where a transport puts agent audio and playback marks on its wire. */
export interface PlaybackSink {
  media(chunk: Uint8Array): void;
  mark(name: string): void;
}

export interface MarkedPlaybackOptions {
  bytesPerMs: number;
  /** A mark follows at most this much audio: the precision of "how much did the caller hear". */
  markIntervalMs: number;
}

/**
 * Sends agent audio with a playback mark after every `markIntervalMs` of it, however the engine slices
 * the audio. Engines stream replies in small deltas (OpenAI sends 20 ms at a time on a phone call); a
 * mark after each delta would double the messages on the wire and the acknowledgements coming back
 * (measured: a mark per 20 ms delta was a third of the relay's socket writes at 100 calls) for
 * precision nobody uses. Audio left without a mark when a reply pauses or ends is marked after
 * `markIntervalMs`, so playback still ends on an acknowledged mark.
 */
export class MarkedPlayback {
  readonly #tracker = new PlaybackTracker();
  readonly #sink: PlaybackSink;
  readonly #bytesPerMs: number;
  readonly #markIntervalMs: number;
  readonly #bytesPerMark: number;
  /** Audio sent since the last mark; it always belongs to one item. */
  #unmarked: { itemId: string; bytes: number } | undefined;
  #flushTimer: NodeJS.Timeout | undefined;

  constructor(sink: PlaybackSink, options: MarkedPlaybackOptions) {
    this.#sink = sink;
    this.#bytesPerMs = options.bytesPerMs;
    this.#markIntervalMs = options.markIntervalMs;
    this.#bytesPerMark = Math.max(1, Math.round(options.markIntervalMs * options.bytesPerMs));
  }

  /** Sends `audio` of `itemId`, cut where marks fall. */
  send(itemId: string, audio: Uint8Array): void {
    // A mark covers one item only: heard time is counted per item.
    if (this.#unmarked && this.#unmarked.itemId !== itemId) this.#markNow();
    let offset = 0;
    while (offset < audio.byteLength) {
      this.#unmarked ??= { itemId, bytes: 0 };
      const unmarked = this.#unmarked;
      const end = Math.min(audio.byteLength, offset + this.#bytesPerMark - unmarked.bytes);
      this.#sink.media(offset === 0 && end === audio.byteLength ? audio : audio.subarray(offset, end));
      unmarked.bytes += end - offset;
      offset = end;
      if (unmarked.bytes >= this.#bytesPerMark) this.#markNow();
    }
    if (this.#unmarked && this.#flushTimer === undefined) {
      this.#flushTimer = setTimeout(() => {
        this.#flushTimer = undefined;
        if (this.#unmarked) this.#markNow();
      }, this.#markIntervalMs);
      this.#flushTimer.unref();
    }
  }

  /** A mark came back; false for names we no longer wait for (echoes after a clear). */
  acknowledge(name: string): boolean {
    return this.#tracker.acknowledge(name);
  }

  /** Sent audio not yet confirmed played, marked or not. */
  get isPlaying(): boolean {
    return this.#unmarked !== undefined || this.#tracker.isPlaying;
  }

  heardMs(itemId: string): number {
    return this.#tracker.heardMs(itemId);
  }

  /**
   * The far end dropped its queued audio: returns the item that was playing and how much of it was
   * heard. Unmarked audio counts as not heard.
   */
  clear(): { itemId: string; heardMs: number } | undefined {
    const unmarkedItem = this.#unmarked?.itemId;
    this.#unmarked = undefined;
    this.#stopFlushTimer();
    const cleared = this.#tracker.clear();
    if (cleared || unmarkedItem === undefined) return cleared;
    return { itemId: unmarkedItem, heardMs: this.#tracker.heardMs(unmarkedItem) };
  }

  /** The call is over: no mark is sent any more. */
  stop(): void {
    this.#unmarked = undefined;
    this.#stopFlushTimer();
  }

  #markNow(): void {
    const unmarked = this.#unmarked;
    if (!unmarked) return;
    this.#unmarked = undefined;
    this.#stopFlushTimer();
    this.#sink.mark(this.#tracker.recordSent(unmarked.itemId, unmarked.bytes / this.#bytesPerMs));
  }

  #stopFlushTimer(): void {
    if (this.#flushTimer === undefined) return;
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }
}
