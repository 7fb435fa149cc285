/** Machine-readable reasons the voice server refuses or fails a request. */
export type VoiceErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_request'
  | 'engine_unavailable'
  | 'draining'
  | 'twilio_rest_failed'
  | 'internal';

/** The voice server's error hierarchy: a machine-readable code, the class name and the cause kept. */
export class VoiceError extends Error {
  readonly code: VoiceErrorCode;
  readonly status: number;

  constructor(code: VoiceErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
  }
}

export class EngineUnavailableError extends VoiceError {
  constructor(message: string, cause?: unknown) {
    super('engine_unavailable', message, { status: 503, cause });
  }
}

export class TwilioRestError extends VoiceError {
  constructor(message: string, cause?: unknown) {
    super('twilio_rest_failed', message, { status: 502, cause });
  }
}
