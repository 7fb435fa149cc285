import type { EngineErrorCode } from '../engine.ts';
import { EngineError } from '../errors.ts';

/** Failures of the local engine's own machinery (recognizer, synthesizer, VAD). */
export class LocalEngineError extends EngineError {
  constructor(code: EngineErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
