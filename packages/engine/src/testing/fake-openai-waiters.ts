/**
 * Condition waits for the fake OpenAI peers: a test awaits "the client sent X" instead of sleeping.
 * Whoever changes state calls `notify()`; every pending wait re-checks its condition.
 */
export class ConditionWaiters {
  readonly #listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Resolves with the first defined value of `check`, now or after a later `notify()`. */
  until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake OpenAI: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(attempt);
      };
      this.#listeners.add(attempt);
      attempt();
    });
  }
}
