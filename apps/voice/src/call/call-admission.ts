/**
 * How many calls this server takes at once, in all and per business. Every admitted call costs an engine
 * (a recognizer process, or a paid model session), so a flood must not take the server, and one tenant
 * must not take every line. A call is admitted when it rings (or a browser call opens) and holds its
 * place until its session ends; one whose stream never arrives gives its place back after
 * `unclaimedTimeoutMs`.
 */
export type AdmissionVerdict = 'admitted' | 'server_full' | 'business_full';

export interface AdmissionLimits {
  maxCalls: number;
  maxCallsPerBusiness: number;
  unclaimedTimeoutMs: number;
}

export class CallAdmission {
  readonly #limits: AdmissionLimits;
  readonly #calls = new Map<string, { businessId: string; timer: NodeJS.Timeout | undefined }>();

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#calls.size;
  }

  countFor(businessId: string): number {
    let count = 0;
    for (const call of this.#calls.values()) if (call.businessId === businessId) count += 1;
    return count;
  }

  /** Reserves a place for a ringing call, or says which limit refuses it. Admitting a call twice is a no-op. */
  tryAdmit(businessId: string, callId: string): AdmissionVerdict {
    if (this.#calls.has(callId)) return 'admitted';
    if (this.#calls.size >= this.#limits.maxCalls) return 'server_full';
    if (this.countFor(businessId) >= this.#limits.maxCallsPerBusiness) return 'business_full';
    const timer = setTimeout(() => this.release(callId), this.#limits.unclaimedTimeoutMs);
    timer.unref?.();
    this.#calls.set(callId, { businessId, timer });
    return 'admitted';
  }

  /** The call's session is live: it keeps its place until `release`, however long it lasts. */
  claim(callId: string): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    clearTimeout(call.timer);
    call.timer = undefined;
  }

  release(callId: string): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    clearTimeout(call.timer);
    this.#calls.delete(callId);
  }
}
