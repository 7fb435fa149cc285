/**
 * Tracks which agent audio the caller has actually heard, from marks the far end echoes after playing the
 * audio sent before them (Twilio `mark`, browser `played`). Used for barge-in: after a clear we tell the engine
 * how much of the interrupted reply was heard, so it can truncate its own record of what it said.
 *
 * A mark echo after a clear does not prove the audio was heard (Twilio echoes all pending marks on clear), so
 * `clear()` forgets pending marks first and late echoes of unknown names are ignored.
 */
interface PendingMark {
  name: string;
  itemId: string;
  /** Milliseconds of this item's audio sent up to and including the chunk before this mark. */
  itemEndMs: number;
}

export class PlaybackTracker {
  #sequence = 0;
  #pending: PendingMark[] = [];
  readonly #sentMs = new Map<string, number>();
  readonly #heardMs = new Map<string, number>();
  #lastItemId: string | undefined;

  /** Records that `durationMs` of `itemId` was sent; returns the mark name to send right after it. */
  recordSent(itemId: string, durationMs: number): string {
    const itemEndMs = (this.#sentMs.get(itemId) ?? 0) + durationMs;
    this.#sentMs.set(itemId, itemEndMs);
    this.#lastItemId = itemId;
    this.#sequence += 1;
    const name = `m${this.#sequence}`;
    this.#pending.push({ name, itemId, itemEndMs });
    return name;
  }

  /** A mark came back: everything up to it has played. Returns false for unknown (stale) names. */
  acknowledge(name: string): boolean {
    const index = this.#pending.findIndex((mark) => mark.name === name);
    if (index < 0) return false;
    for (const mark of this.#pending.splice(0, index + 1)) {
      this.#heardMs.set(mark.itemId, Math.max(this.#heardMs.get(mark.itemId) ?? 0, mark.itemEndMs));
    }
    return true;
  }

  /** True while sent audio has not been confirmed played. */
  get isPlaying(): boolean {
    return this.#pending.length > 0;
  }

  /** The reply currently playing (the oldest unacknowledged one). */
  get playingItemId(): string | undefined {
    return this.#pending[0]?.itemId;
  }

  heardMs(itemId: string): number {
    return this.#heardMs.get(itemId) ?? 0;
  }

  sentMs(itemId: string): number {
    return this.#sentMs.get(itemId) ?? 0;
  }

  /**
   * Playback was cleared. Returns the item that was playing and how much of it was heard, or undefined
   * when nothing was playing.
   */
  clear(): { itemId: string; heardMs: number } | undefined {
    const itemId = this.playingItemId;
    this.#pending = [];
    if (!itemId) return undefined;
    return { itemId, heardMs: this.heardMs(itemId) };
  }

  get lastItemId(): string | undefined {
    return this.#lastItemId;
  }
}
