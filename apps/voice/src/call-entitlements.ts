import { checkCallEntitlement, type Database } from '@receptionist/domain';

/**
 * How long billing's verdict for a business is reused by the next calls that ring. Calls come in bursts
 * (a campaign, a radio spot, the lunch hour): a verdict costs three reads (the business, its billing
 * account, the period's usage) on the webhook's path, and a burst of 100 calls in a second needs it once.
 * Short, because usage only grows when calls end, and a call past the limit within this window is
 * answered as the one before it was: the same as if both had rung together.
 */
export const ENTITLEMENT_REUSE_MS = 2_000;

export type EntitlementVerdict = Awaited<ReturnType<typeof checkCallEntitlement>>;

/**
 * Billing's verdict per business for calls that ring at this server. Checks that overlap share one read;
 * a verdict is reused for `reuseMs` after it was read, whatever it was (a limit reached stays reached
 * for that long too). A failed read is not kept: the next call reads again.
 */
export class CallEntitlements {
  readonly #now: () => number;
  readonly #reuseMs: number;
  readonly #byBusiness = new Map<string, { readAtMs: number; verdict: Promise<EntitlementVerdict> }>();
  readonly #read: (businessId: string) => Promise<EntitlementVerdict>;

  constructor(options: {
    db: Database;
    now: () => number;
    reuseMs?: number;
    /** Reads one verdict; billing's own check unless a test wraps it to count the reads. */
    read?: (businessId: string) => Promise<EntitlementVerdict>;
  }) {
    const { db } = options;
    this.#read =
      options.read ?? ((businessId) => checkCallEntitlement({ ctx: { db }, input: { businessId } }));
    this.#now = options.now;
    this.#reuseMs = options.reuseMs ?? ENTITLEMENT_REUSE_MS;
  }

  check(businessId: string): Promise<EntitlementVerdict> {
    const nowMs = this.#now();
    const cached = this.#byBusiness.get(businessId);
    if (cached !== undefined && nowMs - cached.readAtMs < this.#reuseMs) return cached.verdict;
    const verdict = this.#read(businessId);
    const entry = { readAtMs: nowMs, verdict };
    this.#byBusiness.set(businessId, entry);
    verdict.catch(() => {
      if (this.#byBusiness.get(businessId) === entry) this.#byBusiness.delete(businessId);
    });
    this.#forgetOld(nowMs);
    return verdict;
  }

  /** Keeps the map to the businesses that rang recently (a long-running server sees many). */
  #forgetOld(nowMs: number): void {
    if (this.#byBusiness.size < 1_000) return;
    for (const [businessId, entry] of this.#byBusiness) {
      if (nowMs - entry.readAtMs >= this.#reuseMs) this.#byBusiness.delete(businessId);
    }
  }
}
