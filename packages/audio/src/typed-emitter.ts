import { EventEmitter } from 'node:events';

/**
 * The events of one emitter: event name (snake_case) → its one payload (an object when there is more than
 * one thing to say, `undefined` when there is nothing). Every package declares its events this way.
 */
export type EventMap = object;

type EventName<Events extends EventMap> = keyof Events & string;

/** What a listener may do with an emitter: listen and stop listening. Only the emitter itself emits. */
export interface Listenable<Events extends EventMap> {
  on<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this;
  once<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this;
  off<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this;
}

/**
 * A Node EventEmitter whose event names and payloads are checked at compile time, with `emit` protected so
 * only the emitter itself (and its subclasses) can speak. The one event convention of every package: the
 * engine's conversations, telephony's transports and the voice server's relay all extend it. It lives in
 * `@receptionist/audio` because that is the one package both telephony and the engine may import.
 * Written by hand because it is a dozen lines; a dependency would add nothing.
 */
export class TypedEmitter<Events extends EventMap> implements Listenable<Events> {
  readonly #emitter = new EventEmitter();

  on<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.on(event, listener);
    return this;
  }

  once<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.once(event, listener);
    return this;
  }

  off<K extends EventName<Events>>(event: K, listener: (payload: Events[K]) => void): this {
    this.#emitter.off(event, listener);
    return this;
  }

  protected emit<K extends EventName<Events>>(event: K, payload: Events[K]): boolean {
    return this.#emitter.emit(event, payload);
  }

  removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}
