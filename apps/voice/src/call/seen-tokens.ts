/**
 * Stream token ids presented to this server until they expire: a reused token is refused before the
 * WebSocket upgrade, with no database round trip. (Across servers, the atomic claim in the database is
 * what keeps a token single-use.)
 */
export class SeenTokens {
  readonly #expiresAtMs = new Map<string, number>();
  readonly #now: () => number;
  #nextSweepAtMs = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** False if this token id was already seen. */
  add(tokenId: string, expiresAtMs: number): boolean {
    this.#sweep();
    if (this.#expiresAtMs.has(tokenId)) return false;
    this.#expiresAtMs.set(tokenId, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.#expiresAtMs.size;
  }

  /** Forgets expired tokens (they fail their signature check anyway), at most once a second. */
  #sweep(): void {
    const now = this.#now();
    if (now < this.#nextSweepAtMs) return;
    this.#nextSweepAtMs = now + 1_000;
    for (const [tokenId, expiresAtMs] of this.#expiresAtMs) {
      if (expiresAtMs <= now) this.#expiresAtMs.delete(tokenId);
    }
  }
}
