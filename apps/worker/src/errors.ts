/** Why the worker gave up on a run, machine-readable. */
export type WorkerErrorCode = 'unknown_kind' | 'invalid_payload' | 'permanent' | 'lease_lost' | 'shutdown';

/** The worker's error hierarchy. */
export class WorkerError extends Error {
  readonly code: WorkerErrorCode;

  constructor(code: WorkerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Thrown by a handler when retrying cannot help (the call it is about was deleted, the payload names
 * something that does not exist): the job goes straight to the dead-letter queue.
 */
export class PermanentJobError extends WorkerError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('permanent', message, options);
  }
}

export class WorkerConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
