/**
 * Every failure raised by @receptionist/audio is an AudioError with a machine-readable `code`, so callers
 * (transports, engines) can branch on the code instead of parsing messages.
 */
export type AudioErrorCode = 'invalid_argument' | 'invalid_wav' | 'unsupported_format' | 'incomplete_wav';

export class AudioError extends Error {
  readonly code: AudioErrorCode;

  constructor(code: AudioErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A caller passed a value outside the documented range (bad sample rate, odd byte count…). */
export class InvalidAudioArgumentError extends AudioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_argument', message, options);
  }
}

/** A WAV byte stream that is structurally broken, uses a format we do not decode, or is cut short. */
export class WavError extends AudioError {}

export function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidAudioArgumentError(`${name} must be a positive integer, got ${String(value)}`);
  }
}
