/**
 * Holds each agent reply until it is final for the caller: played to the end, or cut by barge-in. The engine
 * finishes a transcript long before a phone finishes playing it, so writing it at once would log text the
 * caller never heard as if it had been heard.
 */
export interface AgentTurn {
  itemId: string;
  text: string;
  startedAtMs: number | undefined;
  latencyMs: number | undefined;
}

export class AgentTurnBuffer {
  readonly #pending = new Map<string, AgentTurn>();
  readonly #firstAudioAt = new Map<string, number>();
  readonly #latency = new Map<string, number>();

  /** First audio of a reply reached the transport. */
  audioStarted(itemId: string, atMs: number, latencyMs: number | undefined): void {
    if (this.#firstAudioAt.has(itemId)) return;
    this.#firstAudioAt.set(itemId, atMs);
    if (latencyMs !== undefined) this.#latency.set(itemId, latencyMs);
  }

  hasStarted(itemId: string): boolean {
    return this.#firstAudioAt.has(itemId);
  }

  /** The engine measured the latency itself (preferred over ours: it knows when the caller stopped). */
  setLatency(itemId: string, latencyMs: number): void {
    this.#latency.set(itemId, latencyMs);
  }

  latencyOf(itemId: string): number | undefined {
    return this.#latency.get(itemId);
  }

  /** The engine's final transcript of a reply. */
  finalText(itemId: string, text: string): void {
    this.#pending.set(itemId, {
      itemId,
      text,
      startedAtMs: this.#firstAudioAt.get(itemId),
      latencyMs: this.#latency.get(itemId),
    });
  }

  /** Removes and returns one pending turn. */
  take(itemId: string): AgentTurn | undefined {
    const turn = this.#pending.get(itemId);
    if (turn) {
      this.#pending.delete(itemId);
      turn.latencyMs = this.#latency.get(itemId) ?? turn.latencyMs;
    }
    return turn;
  }

  /** Removes and returns every pending turn, oldest first. */
  takeAll(): AgentTurn[] {
    return [...this.#pending.keys()].map((itemId) => this.take(itemId)).filter((turn) => turn !== undefined);
  }
}
