import { EventEmitter } from 'node:events';

/**
 * A Node EventEmitter whose event names and payloads are checked at compile time.
 * Written by hand because it is twelve lines; a dependency would add nothing.
 */
export class TypedEmitter<Events extends Record<string, unknown>> {
  readonly #emitter = new EventEmitter();

  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.on(event, listener);
    return this;
  }

  once<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.once(event, listener);
    return this;
  }

  off<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.off(event, listener);
    return this;
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): boolean {
    return this.#emitter.emit(event, payload);
  }

  removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}
