import type { EngineErrorCode } from './engine.ts';

/** The engine layer's error hierarchy: a machine-readable code, the class name and the cause kept. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly retryable: boolean;

  constructor(
    code: EngineErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export class EngineConnectError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super('connect_failed', message, { cause, retryable: true });
  }
}

export class EngineConfigError extends EngineError {
  constructor(message: string) {
    super('internal', message);
  }
}
