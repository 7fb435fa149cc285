import type { VoiceMetrics } from '../metrics.ts';
import type { CallSession } from './call-session.ts';

/** The calls live on this process: for drain on shutdown, status reconciliation and the active-calls gauge. */
export class CallRegistry {
  readonly #sessions = new Map<string, { session: CallSession; channel: 'phone' | 'browser' }>();
  readonly #metrics: VoiceMetrics;

  constructor(metrics: VoiceMetrics) {
    this.#metrics = metrics;
  }

  add(session: CallSession, channel: 'phone' | 'browser'): void {
    this.#sessions.set(session.callId, { session, channel });
    this.#metrics.activeCalls.inc({ channel });
    this.#metrics.callsStarted.inc({ channel });
    void session.done.finally(() => {
      this.#sessions.delete(session.callId);
      this.#metrics.activeCalls.dec({ channel });
    });
  }

  /** The session of a call live here (staff actions from the live view). */
  get(callId: string): CallSession | undefined {
    return this.#sessions.get(callId)?.session;
  }

  has(callId: string): boolean {
    return this.#sessions.has(callId);
  }

  /** The ids of the calls live here (the heartbeat reports them). */
  ids(): string[] {
    return [...this.#sessions.keys()];
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Resolves when no call is left, or after `timeoutMs`; true when all calls finished on their own. */
  async waitForIdle(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.#sessions.size > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.#sessions.size === 0;
  }

  /** Ends every remaining call (shutdown after the drain timeout). */
  async stopAll(reason: string): Promise<void> {
    await Promise.all([...this.#sessions.values()].map(({ session }) => session.stop(reason)));
  }
}
