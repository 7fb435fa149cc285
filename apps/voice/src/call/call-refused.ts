/**
 * Thrown by a call's `prepare` when the call must not go ahead at all (its stream token was already used
 * on another server, its call has ended): the session closes the stream and writes nothing to the log,
 * because the call it names is not this stream's to change.
 */
export class CallRefusedError extends Error {
  readonly code = 'call_refused';
  constructor(message: string) {
    super(message);
    this.name = 'CallRefusedError';
  }
}
