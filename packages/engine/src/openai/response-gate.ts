import type { ServerErrorEvent } from './server-events.ts';

/** What `response.create` may carry; without it the model answers as it would on its own. */
export interface ResponseRequest {
  instructions?: string;
}

export type ResponseCreateEvent = { type: 'response.create'; event_id: string; response?: ResponseRequest };

/**
 * One response at a time on a connection, as the Agents SDK's ResponseCreateSequencer does for its
 * transport: the server refuses a `response.create` while a response is in progress, so a request waits
 * until the current response is done (and until the server has accepted the previous request). Plain
 * requests queued back to back become one; requests with instructions (a fixed sentence) are each sent.
 */
export class ResponseGate {
  readonly #send: (event: ResponseCreateEvent | { type: 'response.cancel' }) => void;
  readonly #queue: Array<ResponseRequest | undefined> = [];
  #ongoing = false;
  #control: 'free' | 'create_requested' | 'cancel_requested' = 'free';
  #requested: { eventId: string; mergedPlain: number } | undefined;
  #counter = 0;

  constructor(send: (event: ResponseCreateEvent | { type: 'response.cancel' }) => void) {
    this.#send = send;
  }

  request(response?: ResponseRequest): void {
    this.#queue.push(response);
    this.#pump();
  }

  /** Sends `response.cancel` only while a response is in progress and not already being cancelled. */
  cancel(): void {
    if (!this.#ongoing || this.#control === 'cancel_requested') return;
    this.#control = 'cancel_requested';
    this.#send({ type: 'response.cancel' });
  }

  /** `response.created`, whether we asked for it or turn detection did. */
  created(): void {
    this.#ongoing = true;
    this.#settle();
  }

  done(): void {
    this.#ongoing = false;
    this.#settle();
  }

  /** A server error about our pending request frees the gate; plain requests merged into it are kept. */
  failed(event: ServerErrorEvent): void {
    const requested = this.#requested;
    if (this.#control !== 'create_requested' || !requested) return;
    const { event_id: eventId, code, message } = event.error ?? {};
    const aboutRequest = eventId
      ? eventId === requested.eventId
      : (code ?? '').includes('response_create') || (message ?? '').includes('response.create');
    if (!aboutRequest) return;
    for (let index = 0; index < requested.mergedPlain; index += 1) this.#queue.unshift(undefined);
    this.#settle();
  }

  #settle(): void {
    this.#control = 'free';
    this.#requested = undefined;
    this.#pump();
  }

  #pump(): void {
    if (this.#ongoing || this.#control !== 'free' || this.#queue.length === 0) return;
    const response = this.#queue.shift();
    let mergedPlain = 0;
    while (response === undefined && this.#queue.length > 0 && this.#queue[0] === undefined) {
      this.#queue.shift();
      mergedPlain += 1;
    }
    this.#counter += 1;
    const eventId = `response_create_${this.#counter}`;
    this.#control = 'create_requested';
    this.#requested = { eventId, mergedPlain };
    this.#send({ type: 'response.create', event_id: eventId, ...(response ? { response } : {}) });
  }
}
