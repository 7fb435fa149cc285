import { createHmac } from 'node:crypto';

/**
 * Call rows this process has answered for but maybe not written yet. The voice webhook answers Twilio at
 * once and leaves the row to the call-log outbox; whatever on this server needs the row (the stream's
 * claim, a status callback) waits here for it first. Another server sharing the database polls for the
 * row instead (launch-calls.ts).
 */
export class CallStarts {
  readonly #bySid = new Map<string, Promise<void>>();
  readonly #byId = new Map<string, Promise<void>>();

  record(input: { callSid: string; callId: string; landed: Promise<void> }): void {
    this.#bySid.set(input.callSid, input.landed);
    this.#byId.set(input.callId, input.landed);
    void input.landed.finally(() => {
      if (this.#bySid.get(input.callSid) === input.landed) this.#bySid.delete(input.callSid);
      if (this.#byId.get(input.callId) === input.landed) this.#byId.delete(input.callId);
    });
  }

  /** Resolves once this server's pending row for the Twilio call, if any, has been written. */
  forCallSid(callSid: string): Promise<void> {
    return this.#bySid.get(callSid) ?? Promise.resolve();
  }

  forCallId(callId: string): Promise<void> {
    return this.#byId.get(callId) ?? Promise.resolve();
  }
}

/**
 * The call id a Twilio call gets, from its CallSid: the same on every server and every webhook retry, so
 * the id can go into the TwiML before the row exists. Keyed with the server secret, so ids stay
 * unguessable from a CallSid.
 */
export function callIdForSid(secret: string, callSid: string): string {
  return `call_${createHmac('sha256', secret).update(`call-id:${callSid}`).digest('hex').slice(0, 32)}`;
}
