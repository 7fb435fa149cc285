import { setImmediate as nextTurn } from 'node:timers/promises';
import { claimStreamToken, type Database } from '../db-reads/index.ts';

/** A batch of claims gives the event loop its turn after this much work (see call-log-outbox.ts). */
const SLICE_MS = 2;

/**
 * Single-use claims of stream tokens, batched: the claims asked for in the same tick commit in one
 * transaction (one fsync on a local file), so a burst of arriving calls costs one commit, not one each.
 * Each claim is still an atomic insert-if-absent, so a token is claimed once across every server sharing
 * the database.
 */
export class TokenClaims {
  readonly #db: Database;
  #pending: Array<{
    tokenId: string;
    expiresAtMs: number;
    resolve: (claimed: boolean) => void;
    reject: (error: unknown) => void;
  }> = [];

  constructor(db: Database) {
    this.#db = db;
  }

  /** True if this call claimed the token; false if it was used before. */
  claim(tokenId: string, expiresAtMs: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.#pending.length === 0) setImmediate(() => void this.#commit());
      this.#pending.push({ tokenId, expiresAtMs, resolve, reject });
    });
  }

  async #commit(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    try {
      const results = await this.#db.transaction(async (tx) => {
        const claimed: boolean[] = [];
        let sliceStartMs = performance.now();
        for (const { tokenId, expiresAtMs } of batch) {
          if (performance.now() - sliceStartMs >= SLICE_MS) {
            await nextTurn();
            sliceStartMs = performance.now();
          }
          claimed.push(await claimStreamToken(tx, tokenId, expiresAtMs));
        }
        return claimed;
      });
      for (const [index, claim] of batch.entries()) claim.resolve(results[index] === true);
    } catch (error) {
      for (const claim of batch) claim.reject(error);
    }
  }
}
